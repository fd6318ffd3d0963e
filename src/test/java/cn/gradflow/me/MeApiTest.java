package cn.gradflow.me;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;
import cn.gradflow.testing.WebappSession;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/me}: the user, their units, the units below them and their branches' batches — what the bulk page offers. */
@GradFlowSpringTest
class MeApiTest {

    @LocalServerPort int port;
    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;

    @BeforeEach
    void base() {
        roster.ensureBase();
    }

    @Test
    void aCentreClerkHasTheirCentreAndTheBranchsOpenBatch() {
        Map<String, Object> me = me("th1");
        assertThat(me).containsEntry("id", "th1").containsEntry("admin", false);
        assertThat(codes(me, "units")).containsExactly(TestRoster.LC_A);
        assertThat(codes(me, "unitsBelow")).isEmpty();
        assertThat(me.get("batches")).asList().contains(Map.of("code", TestRoster.BATCH, "name", "测试批次", "open", true));
    }

    @Test
    void aBranchOfficerHasTheUnitsBelowButNoOtherBranchs() {
        Map<String, Object> me = me("gd1");
        assertThat(codes(me, "units")).containsExactly("GD");
        assertThat(codes(me, "unitsBelow")).contains("GDGZ", "GDSG", TestRoster.LC_A, TestRoster.LC_B, TestRoster.LC_OTHER_CITY)
                .doesNotContain(TestRoster.LC_COLLEGE, "SMJK", "HQ");
        // cities before centres: the list is in tier order
        assertThat(codes(me, "unitsBelow").indexOf("GDGZ")).isLessThan(codes(me, "unitsBelow").indexOf(TestRoster.LC_A));
    }

    @Test
    void theTasklistSessionReadsItToo() {
        WebappSession tasklist = WebappSession.login(port, "zj1", TestRoster.PASSWORD, "tasklist");
        var answer = tasklist.get("/api/me");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"id\":\"zj1\"", "\"code\":\"" + TestRoster.LC_OTHER_CITY + "\"", "\"tierLabel\":\"学习中心\"");
        assertThat(http.getForEntity("/api/me", String.class).getStatusCode().value()).isEqualTo(401);
    }

    private Map<String, Object> me(String user) {
        ResponseEntity<Map<String, Object>> answer = http.withBasicAuth(user, TestRoster.PASSWORD)
                .exchange("/api/me", HttpMethod.GET, null, new ParameterizedTypeReference<>() { });
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        return answer.getBody();
    }

    @SuppressWarnings("unchecked")
    private static List<String> codes(Map<String, Object> me, String key) {
        return ((List<Map<String, Object>>) me.get(key)).stream().map(u -> (String) u.get("code")).toList();
    }
}
