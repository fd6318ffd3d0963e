package cn.gradflow.cases;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static cn.gradflow.testing.TestRoster.LC_B;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14, item 3: the dashboard's numbers are the database's, for the unit the user may see. */
@GradFlowSpringTest
@SuppressWarnings({"unchecked", "rawtypes"})
class BatchDashboardApiTest {

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        roster.ensureBase();
    }

    @Test
    void theStateCountsRejectionsAndRulesAreThoseOfTheDatabase() {
        roster.eligibleStudent(LC_A, "XZGL"); // not applied
        driver.start(roster.studentWithoutPhoto(LC_A)); // 整改, R-EL-06/R-PH-01
        driver.start(roster.eligibleStudent(LC_A, "XZGL")); // 提交毕业申请
        ProcessInstance atCity = driver.start(roster.eligibleStudent(LC_A, "XZGL"));
        driver.apply(atCity, "th1", "GRADUATION");
        ProcessInstance rejected = driver.start(roster.eligibleStudent(LC_B, "XZGL"));
        driver.apply(rejected, "py1", "GRADUATION");
        driver.reject(rejected, "gz1", "毕业照片背景不符");
        ProcessInstance atBranch = driver.start(roster.eligibleStudent(LC_B, "XZGL"));
        driver.apply(atBranch, "py1", "GRADUATION");
        driver.approve(atBranch, "gz1");

        for (String[] who : new String[][] {{"th1", LC_A, "'" + LC_A + "'"}, {"gz1", "GDGZ", "'" + LC_A + "','" + LC_B + "'"}}) {
            Map body = dashboard(who[0], "");
            assertThat(body).containsEntry("unit", who[1]).containsEntry("batchCode", BATCH);
            Map<String, Long> expected = new java.util.HashMap<>();
            jdbc.sql("SELECT COALESCE(a.state, 'NOT_APPLIED'), COUNT(*) FROM student s LEFT JOIN application a"
                            + " ON a.batch_code = '" + BATCH + "' AND a.student_no = s.student_no WHERE s.unit_code IN (" + who[2] + ")"
                            + " AND (a.id IS NOT NULL OR s.status = 'ENROLLED') GROUP BY COALESCE(a.state, 'NOT_APPLIED')")
                    .query((rs, n) -> expected.put(rs.getString(1), rs.getLong(2))).list();
            List<Map> states = (List<Map>) body.get("states");
            assertThat(states).extracting(s -> s.get("state")).containsExactlyElementsOf(BatchDashboard.STATES);
            for (Map s : states) {
                assertThat(((Number) s.get("count")).longValue()).as(who[0] + " " + s.get("state"))
                        .isEqualTo(expected.getOrDefault((String) s.get("state"), 0L));
                assertThat((String) s.get("label")).containsPattern("\\p{IsHan}");
            }
            assertThat(((Number) body.get("total")).longValue()).isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
            for (String state : List.of("NOT_APPLIED", "CORRECTION", "APPLYING", "CITY_REVIEW")) {
                assertThat(expected.get(state)).as(who[0] + " " + state).isPositive();
            }
            // each number is the total of the case list with the same filter
            Map list = http.withBasicAuth(who[0], TestRoster.PASSWORD)
                    .getForEntity("/api/batches/" + BATCH + "/cases?state=CORRECTION&size=10", Map.class).getBody();
            assertThat(((Number) list.get("total")).longValue()).isEqualTo(expected.get("CORRECTION"));
        }

        Map city = dashboard("gz1", "");
        assertThat(count(city, "BRANCH_REVIEW")).isPositive();
        long rejections = jdbc.sql("SELECT COUNT(*) FROM decision_log d JOIN application a ON a.id = d.application_id"
                        + " JOIN student s ON s.student_no = a.student_no WHERE a.batch_code = :b AND s.unit_code IN (:c)"
                        + " AND d.decision = 'REJECT' AND d.reason = '毕业照片背景不符'")
                .param("b", BATCH).param("c", List.of(LC_A, LC_B)).query(Long.class).single();
        assertThat((List<Map>) city.get("rejectionReasons"))
                .anySatisfy(r -> assertThat(r).containsEntry("reason", "毕业照片背景不符").containsEntry("count", (int) rejections));
        assertThat((List<Map>) city.get("blockingRules")).anySatisfy(r -> assertThat(r.get("rule")).isEqualTo("R-EL-06/R-PH-01"));
        List<Map> trend = (List<Map>) city.get("trend");
        assertThat(trend).hasSize(BatchDashboard.TREND_DAYS);
        assertThat(trend.get(trend.size() - 1)).containsEntry("day", city.get("today"));
        assertThat(trend.stream().mapToLong(d -> ((Number) d.get("applied")).longValue()).sum()).isPositive();
        assertThat(trend.stream().mapToLong(d -> ((Number) d.get("rejected")).longValue()).sum()).isPositive();
        assertThat((List<Map>) city.get("windows")).anySatisfy(w -> {
            assertThat(w).containsEntry("name", "首批申请").containsEntry("branch", "GD");
            assertThat(w.get("daysLeft")).isInstanceOf(Number.class);
        });
        assertThat((List<Map>) city.get("units")).extracting(u -> u.get("unit")).contains(LC_A, LC_B);
    }

    @Test
    void aCentreSeesItselfABranchItsCentresAndHqEveryBranch() {
        assertThat(get("th1", "?unit=" + LC_B).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("th1", "?unit=GD").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("gz1", "?unit=SMJK").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<Map> missing = http.withBasicAuth("gd1", TestRoster.PASSWORD).getForEntity("/api/batches/209901/dashboard", Map.class);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat((String) missing.getBody().get("message")).containsPattern("\\p{IsHan}");
        assertThat(http.getForEntity("/api/batches/" + BATCH + "/dashboard", Map.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(dashboard("gd1", "?unit=" + LC_A)).containsEntry("unit", LC_A);
        Map hq = dashboard("hq1", "");
        assertThat(hq).containsEntry("unit", "HQ");
        assertThat((List<Map>) hq.get("windows")).extracting(w -> w.get("branch")).contains("GD", "SMJK");
        assertThat((List<Map>) dashboard("gd1", "").get("windows")).extracting(w -> w.get("branch")).containsOnly("GD");
        assertThat(((Number) hq.get("total")).longValue()).isGreaterThanOrEqualTo(((Number) dashboard("gd1", "").get("total")).longValue());
    }

    @Test
    void aBranchFirstSeesItsOwnNewestBatchNotAnotherBranchsNewerOne() {
        roster.ensureScaleBranch(); // another branch with a calendar for a later batch (TestRoster.SCALE_LATER_BATCH)
        assertThat(TestRoster.SCALE_LATER_BATCH).isGreaterThan(BATCH);
        Map gd = http.withBasicAuth("gd1", TestRoster.PASSWORD).getForEntity("/api/dashboard", Map.class).getBody();
        assertThat(gd).containsEntry("batchCode", BATCH);
        assertThat((List<String>) gd.get("batches")).doesNotContain(TestRoster.SCALE_LATER_BATCH).contains(BATCH);
        Map centre = http.withBasicAuth("th1", TestRoster.PASSWORD).getForEntity("/api/dashboard", Map.class).getBody();
        assertThat(centre).containsEntry("batchCode", BATCH);
        Map hq = http.withBasicAuth("hq1", TestRoster.PASSWORD).getForEntity("/api/dashboard", Map.class).getBody();
        assertThat(hq).containsEntry("batchCode", TestRoster.SCALE_LATER_BATCH);
        assertThat((List<String>) hq.get("batches")).contains(TestRoster.SCALE_LATER_BATCH, BATCH);
    }

    private static long count(Map body, String state) {
        return ((List<Map>) body.get("states")).stream().filter(s -> state.equals(s.get("state")))
                .mapToLong(s -> ((Number) s.get("count")).longValue()).sum();
    }

    private Map dashboard(String user, String query) {
        ResponseEntity<Map> r = get(user, query);
        assertThat(r.getStatusCode()).as(user + query + " " + r.getBody()).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    private ResponseEntity<Map> get(String user, String query) {
        return http.withBasicAuth(user, TestRoster.PASSWORD).getForEntity("/api/batches/" + BATCH + "/dashboard" + query, Map.class);
    }
}
