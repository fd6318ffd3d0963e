package cn.gradflow.security;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static org.assertj.core.api.Assertions.assertThat;

/** R-ORG-02 through the engine: Camunda's REST API and Java API show each unit only its own cases. */
@GradFlowSpringTest
class UnitIsolationTest {

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired org.camunda.bpm.engine.ProcessEngine engine;

    private String inA;
    private String inB;

    @BeforeEach
    void twoCentresOfOneCity() {
        roster.ensureBase();
        inA = roster.eligibleStudent(TestRoster.LC_A, "XZGL");
        inB = roster.eligibleStudent(TestRoster.LC_B, "XZGL");
        driver.start(inA);
        driver.start(inB);
    }

    @Test
    void centreTasksAreVisibleToTheCentreOnly() {
        assertThat(taskOf("th1", inA)).isEqualTo(1);
        assertThat(taskOf("th1", inB)).isZero();
        assertThat(taskOf("py1", inB)).isEqualTo(1);
        assertThat(taskOf("py1", inA)).isZero();
        assertThat(taskOf("gz1", inA)).isZero();

        roster.authenticate("th1");
        try {
            assertThat(tasks.createTaskQuery().processInstanceBusinessKey(BATCH + "-" + inB).count()).isZero();
            assertThat(tasks.createTaskQuery().processInstanceBusinessKey(BATCH + "-" + inA).count()).isEqualTo(1);
        } finally {
            identity.clearAuthentication();
        }
    }

    @Test
    void cityTasksGoToTheirCityOnly() {
        ProcessInstance a = instance(inA);
        driver.apply(a, "th1", "GRADUATION");
        assertThat(taskOf("gz1", inA)).isEqualTo(1);
        assertThat(taskOf("sg1", inA)).isZero();
        assertThat(taskOf("th1", inA)).isZero();
    }

    @Test
    void instancesAndHistoryFollowTheUnitTree() {
        for (String path : List.of("/engine-rest/process-instance?businessKey=", "/engine-rest/history/process-instance?processInstanceBusinessKey=")) {
            assertThat(count("th1", path, inA)).as(path).isEqualTo(1);
            assertThat(count("th1", path, inB)).as(path).isZero();
            assertThat(count("gz1", path, inB)).as(path).isEqualTo(1);
            assertThat(count("sg1", path, inA)).as(path).isZero();
            assertThat(count("gd1", path, inA)).as(path).isEqualTo(1);
            assertThat(count("hq1", path, inB)).as(path).isEqualTo(1);
            assertThat(count("smjk1", path, inA)).as(path).isZero();
        }
    }

    /**
     * Issue 13: the start listener inserts the history grants without saveAuthorization's look-up of the history row;
     * they name the same units as the runtime grants and carry their root instance, so history cleanup removes them with it.
     */
    @Test
    void historyGrantsMatchTheRuntimeGrantsAndCarryTheirRootInstance() {
        String id = instance(inA).getId();
        org.camunda.bpm.engine.AuthorizationService authorizations = engine.getAuthorizationService();
        List<org.camunda.bpm.engine.authorization.Authorization> history = authorizations.createAuthorizationQuery()
                .resourceType(org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE).resourceId(id).list();
        List<String> runtimeGroups = authorizations.createAuthorizationQuery()
                .resourceType(org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE).resourceId(id).list().stream()
                .map(org.camunda.bpm.engine.authorization.Authorization::getGroupId).toList();
        assertThat(runtimeGroups).hasSize(3);
        assertThat(history).extracting(org.camunda.bpm.engine.authorization.Authorization::getGroupId)
                .containsExactlyInAnyOrderElementsOf(runtimeGroups);
        assertThat(history).allSatisfy(g -> {
            assertThat(g.getRootProcessInstanceId()).isEqualTo(id);
            assertThat(g.isPermissionGranted(org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions.READ)).isTrue();
        });
    }

    @Test
    void anotherCentresTaskCannotBeCompleted() {
        String taskOfB = tasks.createTaskQuery().processInstanceBusinessKey(BATCH + "-" + inB).singleResult().getId();
        ResponseEntity<String> response = http.withBasicAuth("th1", TestRoster.PASSWORD).postForEntity(
                "/engine-rest/task/" + taskOfB + "/complete", Map.of("variables", Map.of("applicationKind",
                        Map.of("value", "DEFERRED"))), String.class);
        assertThat(response.getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(tasks.createTaskQuery().taskId(taskOfB).count()).isEqualTo(1);
    }

    private long taskOf(String user, String studentNo) {
        ResponseEntity<List> response = http.withBasicAuth(user, TestRoster.PASSWORD).getForEntity(
                "/engine-rest/task?processInstanceBusinessKey=" + BATCH + "-" + studentNo + "&maxResults=50", List.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody().size();
    }

    private long count(String user, String path, String studentNo) {
        ResponseEntity<List> response = http.withBasicAuth(user, TestRoster.PASSWORD)
                .getForEntity(path + BATCH + "-" + studentNo + "&maxResults=50", List.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody().size();
    }

    private ProcessInstance instance(String studentNo) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(BATCH + "-" + studentNo).singleResult();
    }
}
