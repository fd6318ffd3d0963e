package cn.gradflow.application;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static org.assertj.core.api.Assertions.assertThat;

/** A centre and its city see where every case of their students is, not only the tasks they hold. */
@GradFlowSpringTest
class CaseListApiTest {

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;

    @Test
    @SuppressWarnings("unchecked")
    void eachUnitSeesItsStudentsCasesWithStateAndTier() {
        roster.ensureBase();
        String no = roster.eligibleStudent(LC_A, "XZGL");
        var pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION"); // now at the city: the centre holds no task for it

        for (String[] who : new String[][] {{"th1", LC_A}, {"gz1", "GDGZ"}, {"gd1", "GD"}, {"hq1", "HQ"}}) {
            ResponseEntity<Map> r = get(who[0], "/api/batches/" + BATCH + "/units/" + who[1] + "/cases?state=CITY_REVIEW&size=200");
            assertThat(r.getStatusCode()).as(who[0]).isEqualTo(HttpStatus.OK);
            Map<String, Object> page = (Map<String, Object>) r.getBody().get("page");
            assertThat(((Number) ((Map<String, Object>) r.getBody().get("byState")).get("CITY_REVIEW")).intValue()).isPositive();
            long total = ((Number) page.get("total")).longValue();
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            if (total <= 200) {
                assertThat(items).anySatisfy(i -> {
                    assertThat(i.get("studentNo")).isEqualTo(no);
                    assertThat(i.get("stateLabel")).isEqualTo("待分校审批");
                    assertThat(i.get("tier")).isEqualTo("CITY");
                });
            }
        }
        assertThat(get("zj1", "/api/batches/" + BATCH + "/units/" + LC_A + "/cases").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("th1", "/api/batches/" + BATCH + "/units/" + LC_A + "/cases?state=NONSENSE").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private ResponseEntity<Map> get(String user, String path) {
        return http.withBasicAuth(user, TestRoster.PASSWORD).getForEntity(path, Map.class);
    }
}
