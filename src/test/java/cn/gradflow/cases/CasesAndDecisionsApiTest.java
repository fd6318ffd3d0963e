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

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.application.ApplicationProcess.Step;
import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.application.Decision;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static cn.gradflow.testing.TestRoster.LC_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** Issue 12, item 4: the case list's filters and bulk decisions that succeed or fail per student, as in Tasklist. */
@GradFlowSpringTest
@SuppressWarnings({"unchecked", "rawtypes"})
class CasesAndDecisionsApiTest {

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired ProcessEngine engine;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        roster.ensureBase();
    }

    @Test
    void theCaseListFiltersLikeThePlatformAndListsStudentsNotYetAppliedFor() {
        String notApplied = roster.eligibleStudent(LC_A, "XZGL");
        String noPhoto = roster.studentWithoutPhoto(LC_A);
        driver.start(noPhoto); // blocked at the initial audit: R-EL-06/R-PH-01
        String applied = roster.eligibleStudent(LC_A, "XZGL");
        driver.apply(driver.start(applied), "th1", "GRADUATION");

        assertThat(onlyItem("th1", "state=NOT_APPLIED&q=" + notApplied))
                .containsEntry("state", "NOT_APPLIED").containsEntry("unit", LC_A).containsEntry("level", "JUNIOR")
                .containsEntry("enrolmentTerm", "202303").containsEntry("blockingRules", List.of());
        assertThat(onlyItem("th1", "eligible=false&hasPhoto=false&rule=R-PH-01&enrolmentTerm=2023春&q=" + noPhoto))
                .containsEntry("state", "CORRECTION").containsEntry("blockingRules", List.of("R-EL-06/R-PH-01"));
        assertThat(onlyItem("gz1", "rule=R-EL-06&unit=GDGZ&q=" + noPhoto)).containsEntry("studentNo", noPhoto);
        assertThat(onlyItem("gd1", "state=CITY_REVIEW&eligible=true&hasPhoto=true&q=" + applied))
                .containsEntry("tier", "CITY").containsEntry("stateLabel", "待分校审批");
        assertThat(items("th1", "eligible=true&q=" + noPhoto)).isEmpty();
        assertThat(items("th1", "state=NOT_APPLIED&q=" + applied)).isEmpty();
        assertThat(items("zj1", "q=" + notApplied)).as("another city's clerk").isEmpty();

        Map page = get("th1", "/api/batches/" + BATCH + "/cases?size=10&page=0").getBody();
        assertThat(page).containsEntry("page", 0).containsEntry("size", 10);
        assertThat(((Number) page.get("total")).longValue()).isGreaterThanOrEqualTo(3);
        assertThat((List) page.get("items")).hasSizeLessThanOrEqualTo(10);

        for (String bad : new String[] {"size=9", "size=201", "state=NONSENSE", "eligible=yes", "rule=EL-03", "enrolmentTerm=2023夏"}) {
            ResponseEntity<Map> r = get("th1", "/api/batches/" + BATCH + "/cases?" + bad);
            assertThat(r.getStatusCode()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat((String) r.getBody().get("message")).as(bad).containsPattern("\\p{IsHan}");
        }
        assertThat(get("th1", "/api/batches/" + BATCH + "/cases?unit=" + LC_B).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("th1", "/api/batches/209901/cases").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        Map groups = get("th1", "/api/batches/" + BATCH + "/cases/groups").getBody();
        assertThat(groups).containsEntry("unit", LC_A);
        assertThat((List<Map>) groups.get("groups")).anySatisfy(g -> {
            assertThat(g.get("rule")).isEqualTo("R-EL-06/R-PH-01");
            assertThat(((Number) g.get("count")).longValue()).isPositive();
        });
        assertThat(((Number) groups.get("withoutBlocking")).longValue()).isLessThan(((Number) groups.get("total")).longValue());
    }

    @Test
    void aBulkApplicationMixesAllowedAndRefusedStudentsEachWithItsReason() {
        String fresh = roster.eligibleStudent(LC_A, "XZGL");
        String waiting = roster.eligibleStudent(LC_A, "XZGL");
        ProcessInstance waitingPi = driver.start(waiting); // at 提交毕业申请
        String otherCentre = roster.eligibleStudent(LC_B, "XZGL");
        String noPhoto = roster.studentWithoutPhoto(LC_A);
        String applied = roster.eligibleStudent(LC_A, "XZGL");
        driver.apply(driver.start(applied), "th1", "GRADUATION");

        Map body = decide("th1", Map.of("action", "APPLY", "studentNos",
                List.of(fresh, waiting, otherCentre, noPhoto, applied, "999999999", " " + fresh + " ")));
        assertThat(results(body)).containsExactly(
                Map.entry(fresh, "DONE"), Map.entry(waiting, "DONE"), Map.entry(otherCentre, "FORBIDDEN"),
                Map.entry(noPhoto, "BLOCKED"), Map.entry(applied, "ALREADY_DECIDED"), Map.entry("999999999", "NOT_FOUND"));
        assertThat((Map<String, Object>) body.get("counts")).containsEntry("DONE", 2).containsEntry("BLOCKED", 1);
        assertThat(message(body, noPhoto)).contains("R-EL-06/R-PH-01");
        assertThat(waitingPi).hasPassed(Step.SUBMIT_APPLICATION.id()).isWaitingAt("CheckEligibility");
        driver.runJobs(waitingPi);
        assertThat(waitingPi).isWaitingAt(Step.CITY_APPROVAL.id());

        String junior = roster.eligibleStudent(LC_A, "XZGL");
        String bachelor = roster.eligibleStudent(LC_A, "GSGL");
        String noLetter = roster.eligibleStudent(LC_A, "GSGL");
        Map degree = decide("th1", Map.of("action", "APPLY_WITH_DEGREE", "degreeType", "OUC", "commitmentLetter", true,
                "studentNos", List.of(junior, bachelor)));
        assertThat(results(degree)).containsExactly(Map.entry(junior, "INVALID"), Map.entry(bachelor, "DONE"));
        assertThat(results(decide("th1", Map.of("action", "APPLY_WITH_DEGREE", "degreeType", "OUC", "studentNos", List.of(noLetter)))))
                .containsExactly(Map.entry(noLetter, "INVALID"));
        assertThat(applications.find(BATCH, bachelor).orElseThrow().commitmentLetter()).isTrue();

        // the city cannot apply for a centre, and a branch whose windows closed refuses applications (R-BA-04)
        assertThat(results(decide("gz1", Map.of("action", "APPLY", "studentNos", List.of(junior)))))
                .containsExactly(Map.entry(junior, "NOT_AT_YOUR_TIER"));
        roster.ensureClosedWindowBranch();
        String late = roster.eligibleStudent(TestRoster.LC_CLOSED_WINDOW, "XZGL");
        assertThat(results(decide("cw01", Map.of("action", "APPLY", "studentNos", List.of(late)))))
                .containsExactly(Map.entry(late, "WINDOW_CLOSED"));
    }

    @Test
    void bulkReviewsActOnlyAtTheUsersTierAndRecordTheTrailAsTasklistDoes() {
        String viaBulk = roster.eligibleStudent(LC_A, "XZGL");
        String viaTasklist = roster.eligibleStudent(LC_A, "XZGL");
        String notApplied = roster.eligibleStudent(LC_A, "XZGL");
        String atBranch = roster.eligibleStudent(LC_A, "XZGL");
        ProcessInstance bulkPi = driver.start(viaBulk);
        ProcessInstance tasklistPi = driver.start(viaTasklist);
        driver.start(notApplied);
        ProcessInstance branchPi = driver.start(atBranch);
        for (ProcessInstance pi : List.of(bulkPi, tasklistPi, branchPi)) {
            driver.apply(pi, "th1", "GRADUATION");
        }
        driver.approve(branchPi, "gz1");

        assertThat(results(decide("gd1", Map.of("action", "APPROVE", "studentNos", List.of(viaBulk)))))
                .as("the branch before the city").containsExactly(Map.entry(viaBulk, "NOT_AT_YOUR_TIER"));
        Map body = decide("gz1", Map.of("action", "APPROVE", "studentNos", List.of(viaBulk, notApplied, atBranch)));
        assertThat(results(body)).containsExactly(Map.entry(viaBulk, "DONE"), Map.entry(notApplied, "NOT_AT_YOUR_TIER"),
                Map.entry(atBranch, "ALREADY_DECIDED"));
        assertThat(bulkPi).hasPassed(Step.CITY_APPROVAL.id()).isWaitingAt(Step.BRANCH_REVIEW.id());
        // issue 13: the bulk decision went to the gateway and the trail, not to the engine's variable and history tables
        assertThat(engine.getRuntimeService().getVariables(bulkPi.getId())).doesNotContainKey("decision");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(bulkPi.getId())
                .variableName("decision").count()).isZero();
        driver.approve(tasklistPi, "gz1"); // the same decision by the same user through TaskService
        // Tasklist's leaves a stored decision, emptied on entering the branch review: the branch's bulk rejection below
        // sends that instance a stored value and the other a transient one, in one chunk
        assertThat(engine.getRuntimeService().getVariables(tasklistPi.getId())).containsEntry("decision", null);

        Decision bulk = lastDecision(viaBulk);
        Decision tasklist = lastDecision(viaTasklist);
        assertThat(bulk).usingRecursiveComparison().ignoringFields("decidedAt").isEqualTo(tasklist);
        assertThat(bulk.userId()).isEqualTo("gz1");
        assertThat(applications.trailIntact(applications.find(BATCH, viaBulk).orElseThrow().id())).isTrue();

        // a rejection needs a reason; with one the case goes back to the centre, which resubmits or defers
        ResponseEntity<Map> noReason = post("gd1", Map.of("action", "REJECT", "studentNos", List.of(viaBulk)));
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(results(decide("gd1", Map.of("action", "REJECT", "reason", "照片模糊", "studentNos", List.of(viaBulk, viaTasklist)))))
                .containsExactly(Map.entry(viaBulk, "DONE"), Map.entry(viaTasklist, "DONE"));
        assertThat(bulkPi).isWaitingAt(Step.CORRECT_APPLICATION.id());
        assertThat(lastDecision(viaBulk).reason()).isEqualTo("照片模糊");
        assertThat(results(decide("th1", Map.of("action", "RESUBMIT", "studentNos", List.of(viaBulk)))))
                .containsExactly(Map.entry(viaBulk, "DONE"));
        driver.runJobs(bulkPi);
        assertThat(bulkPi).isWaitingAt(Step.CITY_APPROVAL.id());
        assertThat(results(decide("th1", Map.of("action", "DEFER", "reason", "学生等待学位", "studentNos", List.of(viaTasklist)))))
                .containsExactly(Map.entry(viaTasklist, "DONE"));
        assertThat(tasklistPi).hasPassed(Step.END_DEFERRED.id()).isEnded();
    }

    @Test
    void aBodyThatCannotBeDecidedIsRefusedAtOnce() {
        for (Object body : new Object[] {Map.of("studentNos", List.of("1")), Map.of("action", "GRADUATE", "studentNos", List.of("1")),
                Map.of("action", "APPLY", "studentNos", List.of()), Map.of("action", "APPLY_WITH_DEGREE", "degreeType", "MBA",
                        "studentNos", List.of("1")), Map.of("action", "DEFER", "studentNos", List.of("1"))}) {
            ResponseEntity<Map> r = post("th1", body);
            assertThat(r.getStatusCode()).as(body.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat((String) r.getBody().get("message")).containsPattern("\\p{IsHan}");
        }
    }

    private Decision lastDecision(String studentNo) {
        List<Decision> trail = applications.decisions(applications.find(BATCH, studentNo).orElseThrow().id());
        return trail.get(trail.size() - 1);
    }

    private Map decide(String user, Object body) {
        ResponseEntity<Map> r = post(user, body);
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    private ResponseEntity<Map> post(String user, Object body) {
        return http.withBasicAuth(user, TestRoster.PASSWORD).postForEntity("/api/batches/" + BATCH + "/decisions", body, Map.class);
    }

    private static List<Map.Entry<String, String>> results(Map body) {
        return ((List<Map<String, String>>) body.get("results")).stream()
                .map(r -> Map.entry(r.get("studentNo"), r.get("result"))).toList();
    }

    private static String message(Map body, String studentNo) {
        return ((List<Map<String, String>>) body.get("results")).stream().filter(r -> r.get("studentNo").equals(studentNo))
                .findFirst().orElseThrow().get("message");
    }

    private Map<String, Object> onlyItem(String user, String query) {
        List<Map<String, Object>> items = items(user, query);
        assertThat(items).as(query).hasSize(1);
        return items.get(0);
    }

    private List<Map<String, Object>> items(String user, String query) {
        ResponseEntity<Map> r = get(user, "/api/batches/" + BATCH + "/cases?" + query);
        assertThat(r.getStatusCode()).as(query + " " + r.getBody()).isEqualTo(HttpStatus.OK);
        return (List<Map<String, Object>>) r.getBody().get("items");
    }

    private ResponseEntity<Map> get(String user, String path) {
        return http.withBasicAuth(user, TestRoster.PASSWORD).getForEntity(path, Map.class);
    }
}
