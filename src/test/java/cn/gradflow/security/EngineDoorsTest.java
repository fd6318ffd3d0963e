package cn.gradflow.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.roster.ChsiStatus;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;
import cn.gradflow.testing.WebappSession;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static cn.gradflow.testing.TestRoster.LC_B;
import static cn.gradflow.testing.TestRoster.LC_OTHER_CITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 9's findings, each through the door it came in: what a user sends is input, never routing;
 * processes GradFlow starts are started only by GradFlow; refusals are 4xx in Chinese.
 */
@GradFlowSpringTest
class EngineDoorsTest {

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;
    @Autowired IdentityService identity;
    @Autowired AuthorizationService authorizations;
    @Autowired UnitAuthorizations unitAuthorizations;
    @LocalServerPort int port;

    @BeforeEach
    void base() {
        roster.ensureBase();
    }

    /** Finding 1: th1 sent cityBranch/hq/branch with 提交毕业申请 and approved his own case at every tier. */
    @Test
    void aCentreCannotRouteItsCaseThroughTaskVariables() {
        String no = roster.eligibleStudent(LC_A, "XZGL");
        ProcessInstance pi = driver.start(no);
        String taskId = taskOf(pi).getId();
        Map<String, Object> before = runtime.getVariables(pi.getId());

        ResponseEntity<Map> rest = post("th1", "/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of(
                "applicationKind", value("GRADUATION"), "commitmentLetter", value(true),
                "cityBranch", value(LC_A), "hq", value(LC_A))));
        assertThat(rest.getStatusCode().value()).isEqualTo(400);
        assertThat((String) rest.getBody().get("message")).contains("cityBranch").contains("不属于本表单").contains("未作任何更改");
        ResponseEntity<Map> form = post("th1", "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", Map.of(
                "applicationKind", value("GRADUATION"), "branch", value(LC_A))));
        assertThat(form.getStatusCode().value()).isEqualTo(400);

        roster.authenticate("th1");
        try {
            assertThatThrownBy(() -> tasks.complete(taskId, Map.of("applicationKind", "GRADUATION", "branch", LC_A)))
                    .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("branch");
            assertThatThrownBy(() -> tasks.setVariable(taskId, "hq", LC_A)).isInstanceOf(AuthorizationException.class);
            assertThatThrownBy(() -> runtime.setVariable(pi.getId(), "hq", LC_A)).isInstanceOf(AuthorizationException.class);
        } finally {
            identity.clearAuthentication();
        }

        for (String[] call : new String[][] {
                {"POST", "/engine-rest/task/" + taskId + "/localVariables", "{\"modifications\":{\"branch\":{\"value\":\"GDGZ01\"}}}"},
                {"POST", "/engine-rest/task/" + taskId + "/variables", "{\"modifications\":{\"branch\":{\"value\":\"GDGZ01\"}}}"},
                {"PUT", "/engine-rest/task/" + taskId + "/variables/branch", "{\"value\":\"GDGZ01\"}"},
                {"PUT", "/engine-rest/process-instance/" + pi.getId() + "/variables/hq", "{\"value\":\"GDGZ01\"}"},
                {"POST", "/engine-rest/process-instance/" + pi.getId() + "/variables", "{\"modifications\":{\"hq\":{\"value\":\"GDGZ01\"}}}"},
                {"PUT", "/engine-rest/execution/" + pi.getId() + "/localVariables/hq", "{\"value\":\"GDGZ01\"}"}}) {
            ResponseEntity<Map> r = exchange("th1", HttpMethod.valueOf(call[0]), call[1], call[2]);
            assertThat(r.getStatusCode().value()).as(call[1]).isEqualTo(403);
            assertThat((String) r.getBody().get("message")).as(call[1]).contains("无权");
        }
        assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
        assertThat(runtime.getVariables(pi.getId())).isEqualTo(before);

        // Even a variable an operator wrote does not route: the chain comes from the roster.
        runtime.setVariable(pi.getId(), "cityBranch", LC_A);
        runtime.setVariable(pi.getId(), "hasCityTier", false);
        driver.apply(pi, "th1", "GRADUATION");
        assertThat(candidateGroups(taskOf(pi))).containsExactly("GDGZ");
    }

    /**
     * Issue 14: Cockpit offers branch and HQ officers the variable table's edit and delete buttons (and 添加变量); the
     * server refuses each change, as the browser sends it (the webapps' engine API with the session's CSRF token) and
     * over /engine-rest: 403, a Chinese message, nothing changed.
     */
    @Test
    void officersWhoReadACaseInCockpitCannotChangeItsVariables() throws Exception {
        ProcessInstance pi = driver.start(roster.eligibleStudent(LC_A, "GSGL"));
        driver.apply(pi, "th1", "GRADUATION");
        Map<String, Object> before = new HashMap<>(runtime.getVariables(pi.getId()));
        String api = "/camunda/api/engine/engine/default";
        String[][] calls = {
                {"PUT", "/process-instance/" + pi.getId() + "/variables/studentName", "{\"value\":\"改名\",\"type\":\"String\"}"},
                {"DELETE", "/process-instance/" + pi.getId() + "/variables/studentName", null},
                {"POST", "/process-instance/" + pi.getId() + "/variables", "{\"modifications\":{\"added\":{\"value\":\"x\",\"type\":\"String\"}}}"},
                {"PUT", "/execution/" + pi.getId() + "/localVariables/studentName", "{\"value\":\"改名\",\"type\":\"String\"}"}};
        for (String officer : List.of("gd1", "hq1")) {
            WebappSession cockpit = WebappSession.login(port, officer, TestRoster.PASSWORD, "cockpit");
            // the officer reads the case, so the buttons are drawn for them
            assertThat(cockpit.get(api + "/process-instance/" + pi.getId() + "/variables").statusCode()).as(officer).isEqualTo(200);
            for (String[] call : calls) {
                var browser = cockpit.send(call[0], api + call[1], call[2]);
                assertThat(browser.statusCode()).as(officer + " " + call[0] + " " + call[1]).isEqualTo(403);
                assertThat(browser.body()).as(officer + " " + call[1]).contains("无权");
                ResponseEntity<Map> rest = exchange(officer, HttpMethod.valueOf(call[0]), "/engine-rest" + call[1], call[2]);
                assertThat(rest.getStatusCode().value()).as(officer + " /engine-rest " + call[1]).isEqualTo(403);
                assertThat((String) rest.getBody().get("message")).as(officer + " /engine-rest " + call[1]).contains("无权");
            }
        }
        assertThat(runtime.getVariables(pi.getId())).isEqualTo(before);
    }

    /** Finding 2: th1 started graduation-application with another centre's applicationId. */
    @Test
    void noStaffMemberStartsWhatGradFlowStarts() {
        String other = roster.eligibleStudent(LC_B, "XZGL");
        long before = runtime.createProcessInstanceQuery().count();
        for (String user : List.of("th1", "gz1", "gd1", "hq1")) {
            for (String key : List.of("graduation-application", "identity-review", "graduation-batch", "status-expiry",
                    "graduation-application/submit-form", "graduation-batch/submit-form")) {
                String operation = key.contains("/") ? key : key + "/start";
                ResponseEntity<Map> r = post(user, "/engine-rest/process-definition/key/" + operation, Map.of(
                        "businessKey", BATCH + "-" + other, "variables", Map.of("applicationId", Map.of("value", 1, "type", "Long"),
                                "learningCenter", value(LC_A))));
                assertThat(r.getStatusCode().value()).as(user + " " + key).isEqualTo(403);
                assertThat((String) r.getBody().get("message")).as(user + " " + key).containsPattern("\\p{IsHan}");
            }
        }
        roster.authenticate("th1");
        try {
            assertThatThrownBy(() -> runtime.startProcessInstanceByKey("graduation-application", BATCH + "-" + other))
                    .isInstanceOf(AuthorizationException.class);
        } finally {
            identity.clearAuthentication();
        }
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
    }

    /** A database of an earlier version granted units CREATE_INSTANCE on applications: the start-up sync takes it back. */
    @Test
    void anOldStartGrantIsRevokedAtStartUp() {
        Authorization old = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        old.setGroupId(LC_A);
        old.setResource(Resources.PROCESS_DEFINITION);
        old.setResourceId("graduation-application");
        old.addPermission(Permissions.CREATE_INSTANCE);
        authorizations.saveAuthorization(old);
        assertThat(authorizations.isUserAuthorized("th1", List.of(LC_A), Permissions.CREATE_INSTANCE,
                Resources.PROCESS_DEFINITION, "graduation-application")).isTrue();

        unitAuthorizations.ensureAllUnits();

        assertThat(authorizations.isUserAuthorized("th1", List.of(LC_A), Permissions.CREATE_INSTANCE,
                Resources.PROCESS_DEFINITION, "graduation-application")).isFalse();
    }

    /** Finding 3: gd1 filed SMJK's list from Tasklist's Start process and from /engine-rest. */
    @Test
    void aBranchFilesItsOwnListForHqOnly() {
        Map<String, Object> smjk = Map.of("variables", Map.of("batchCode", value(BATCH), "branch", value("SMJK")));
        assertThat(post("gd1", "/engine-rest/process-definition/key/hq-submission/start", smjk).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map> form = post("gd1", "/engine-rest/process-definition/key/hq-submission/submit-form", smjk);
        assertThat(form.getStatusCode().value()).isEqualTo(403);
        assertThat((String) form.getBody().get("message")).contains("SMJK");

        WebappSession tasklist = WebappSession.login(port, "gd1", TestRoster.PASSWORD, "tasklist");
        var webapp = tasklist.post("/camunda/api/engine/engine/default/process-definition/key/hq-submission/submit-form",
                "{\"variables\":{\"batchCode\":{\"value\":\"" + BATCH + "\"},\"branch\":{\"value\":\"SMJK\"}}}");
        assertThat(webapp.statusCode()).isEqualTo(403);
        assertThat(webapp.body()).contains("SMJK");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("hq-submission")
                .processInstanceBusinessKey(BATCH + "-SMJK").count()).isZero();

        // its own branch, but with a variable the start form does not have: 400 from the form, 403 from /start
        Map<String, Object> extra = Map.of("variables", Map.of("batchCode", value(BATCH), "branch", value("GD"), "hq", value("GD")));
        ResponseEntity<Map> extraForm = post("gd1", "/engine-rest/process-definition/key/hq-submission/submit-form", extra);
        assertThat(extraForm.getStatusCode().value()).isEqualTo(400);
        assertThat((String) extraForm.getBody().get("message")).startsWith("提交的内容有误").contains("hq");
        assertThat(post("gd1", "/engine-rest/process-definition/key/hq-submission/start", extra).getStatusCode().value()).isEqualTo(403);
        // its own branch with a case waiting for HQ (an empty list is refused, HqSubmissionProcessTest)
        ProcessInstance waiting = driver.start(roster.eligibleStudent(LC_A, "XZGL"));
        driver.apply(waiting, "th1", "GRADUATION");
        driver.approve(waiting, "gz1");
        driver.approve(waiting, "gd1");
        // its own branch: allowed, and the business key is GradFlow's whatever the client sent
        ResponseEntity<Map> own = post("gd1", "/engine-rest/process-definition/key/hq-submission/submit-form",
                Map.of("businessKey", BATCH + "-SMJK", "variables", Map.of("batchCode", value(BATCH), "branch", value("GD"))));
        assertThat(own.getStatusCode().value()).isEqualTo(200);
        assertThat(own.getBody().get("businessKey")).isEqualTo(BATCH + "-GD");
    }

    /** Finding 4: zj1 injected branch/hq into identity-review and passed both review tiers himself. */
    @Test
    void identityReviewTakesOnlyItsFormFields() {
        String no = roster.eligibleStudent(LC_OTHER_CITY, "GSGL");
        roster.chsi(no, new ChsiStatus(true, true, true, false));
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "zj1", "GRADUATION");
        Task upload = taskOf(pi);
        assertThat(upload.getTaskDefinitionKey()).isEqualTo("UploadIdentityPackage");
        ResponseEntity<Map> r = post("zj1", "/engine-rest/task/" + upload.getId() + "/complete", Map.of("variables", Map.of(
                "identityAction", value("WITHDRAW"), "branch", value(LC_OTHER_CITY), "hq", value(LC_OTHER_CITY))));
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(tasks.createTaskQuery().taskId(upload.getId()).count()).isEqualTo(1);
    }

    /** Finding 5: listener refusals came back as 500 (ENGINE-03051) with the Chinese reason wrapped in English. */
    @Test
    void formRefusalsAreBadRequestsInChinese() {
        String no = roster.eligibleStudent(LC_A, "XZGL");
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION");
        String city = taskOf(pi).getId();

        ResponseEntity<Map> noReason = post("gz1", "/engine-rest/task/" + city + "/complete",
                Map.of("variables", Map.of("decision", value("REJECT"))));
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(noReason.getBody().get("message")).isEqualTo("退回必须填写退回原因");

        ResponseEntity<Map> badChoice = post("gz1", "/engine-rest/task/" + city + "/complete",
                Map.of("variables", Map.of("decision", value("MAYBE"))));
        assertThat(badChoice.getStatusCode().value()).isEqualTo(400);
        assertThat((String) badChoice.getBody().get("message")).contains("取值无效");

        ResponseEntity<Map> tooLong = post("gz1", "/engine-rest/task/" + city + "/complete",
                Map.of("variables", Map.of("decision", value("REJECT"), "reason", value("很".repeat(1001)))));
        assertThat(tooLong.getStatusCode().value()).isEqualTo(400);
        assertThat((String) tooLong.getBody().get("message")).contains("最多 1000 字");

        ResponseEntity<Map> wrongType = post("gz1", "/engine-rest/task/" + city + "/complete",
                Map.of("variables", Map.of("decision", Map.of("value", 7, "type", "Integer"))));
        assertThat(wrongType.getStatusCode().value()).isEqualTo(400);

        // a serialized Java object was a 500 ("Object is not deserialized."): no form field takes one
        ResponseEntity<Map> javaObject = post("gz1", "/engine-rest/task/" + city + "/complete",
                Map.of("variables", Map.of("decision", Map.of("value", "rO0ABXQAB0FQUFJPVkU=", "type", "Object", "valueInfo", Map.of(
                        "objectTypeName", "java.lang.String", "serializationDataFormat", "application/x-java-serialized-object")))));
        assertThat(javaObject.getStatusCode().value()).isEqualTo(400);
        assertThat((String) javaObject.getBody().get("message")).contains("须为文本");

        ResponseEntity<Map> unknownTask = post("gz1", "/engine-rest/task/no-such-task/complete", Map.of("variables", Map.of()));
        assertThat(unknownTask.getStatusCode().value()).isBetween(400, 499);
        assertThat((String) unknownTask.getBody().get("message")).containsPattern("\\p{IsHan}");

        // another city's officer: the engine's authorization refuses first, in the one answer a gone task gets, so neither
        // the form's problems nor the task's existence are told; a valid decision is refused the same way
        for (Map<String, Object> sent : List.<Map<String, Object>>of(Map.of("decision", value("MAYBE")), Map.of("decision", value("APPROVE")))) {
            ResponseEntity<Map> otherCity = post("sg1", "/engine-rest/task/" + city + "/complete", Map.of("variables", sent));
            assertThat(otherCity.getStatusCode().value()).isEqualTo(403);
            assertThat((String) otherCity.getBody().get("message")).isEqualTo("任务不存在、已经办理，或不属于本单位：" + city);
        }

        ResponseEntity<Map> malformed = exchange("gz1", HttpMethod.POST, "/engine-rest/task/" + city + "/complete", "{\"variables\":");
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat((String) malformed.getBody().get("message")).containsPattern("\\p{IsHan}");

        assertThat(tasks.createTaskQuery().taskId(city).count()).isEqualTo(1);
        driver.reject(pi, "gz1", "照片背景不符合要求");
        assertThat(taskOf(pi).getTaskDefinitionKey()).isEqualTo("CorrectApplication");
    }

    /**
     * R-EL-09 through REST: the README's 「apply」 call, body as written, with the signed letter's wishes;
     * a wish no form offers is refused, and an application other than the letter goes to 整改.
     */
    @Test
    void theReadmeApplyCallCarriesTheLettersWishes() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        ProcessInstance pi = driver.start(no);
        String submit = taskOf(pi).getId();

        ResponseEntity<Map> notOffered = exchange("th1", HttpMethod.POST, "/engine-rest/task/" + submit + "/complete", """
                {"variables":{"applicationKind":{"value":"GRADUATION"},"commitmentLetter":{"value":true},"letterKind":{"value":"DEFERRED"}}}""");
        assertThat(notOffered.getStatusCode().value()).isEqualTo(400);
        assertThat((String) notOffered.getBody().get("message")).contains("取值无效").contains("未作任何更改");

        ResponseEntity<Map> asWritten = exchange("th1", HttpMethod.POST, "/engine-rest/task/" + submit + "/complete", """
                {"variables":{"applicationKind":{"value":"GRADUATION_DEGREE"},"degreeType":{"value":"OUC"},"commitmentLetter":{"value":true},"letterKind":{"value":"GRADUATION_DEGREE"},"letterDegreeType":{"value":"OUC"}}}""");
        assertThat(asWritten.getStatusCode().value()).isEqualTo(204);
        driver.runJobs(pi);
        assertThat(taskOf(pi).getTaskDefinitionKey()).isEqualTo("CityApproval");

        String other = roster.eligibleStudent(LC_A, "GSGL");
        ProcessInstance mismatch = driver.start(other);
        ResponseEntity<Map> notTheLetter = exchange("th1", HttpMethod.POST, "/engine-rest/task/" + taskOf(mismatch).getId() + "/complete", """
                {"variables":{"applicationKind":{"value":"GRADUATION_DEGREE"},"degreeType":{"value":"OUC"},"commitmentLetter":{"value":true},"letterKind":{"value":"GRADUATION"}}}""");
        assertThat(notTheLetter.getStatusCode().value()).isEqualTo(204);
        driver.runJobs(mismatch);
        assertThat(taskOf(mismatch).getTaskDefinitionKey()).isEqualTo("CorrectApplication");
    }

    private Task taskOf(ProcessInstance pi) {
        return tasks.createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey()).singleResult();
    }

    private List<String> candidateGroups(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId).toList();
    }

    private static Map<String, Object> value(Object v) {
        Map<String, Object> m = new HashMap<>();
        m.put("value", v);
        return m;
    }

    private ResponseEntity<Map> post(String user, String path, Object body) {
        return http.withBasicAuth(user, TestRoster.PASSWORD).postForEntity(path, body, Map.class);
    }

    private ResponseEntity<Map> exchange(String user, HttpMethod method, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, TestRoster.PASSWORD).exchange(path, method, new HttpEntity<>(json, headers), Map.class);
    }
}
