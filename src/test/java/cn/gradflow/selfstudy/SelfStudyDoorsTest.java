package cn.gradflow.selfstudy;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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

import cn.gradflow.engine.TasklistFilters;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;
import cn.gradflow.testing.WebappSession;

import static cn.gradflow.selfstudy.SelfStudyFixture.SESSION;
import static cn.gradflow.selfstudy.SelfStudyFixture.spec;
import static cn.gradflow.selfstudy.SelfStudyFixture.userOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** Each candidate sees and acts on their own case only, each exam office its city or province: /engine-rest and /api. */
@GradFlowSpringTest
class SelfStudyDoorsTest {

    @Autowired TestRestTemplate http;
    @Autowired SelfStudyFixture fixture;
    @Autowired TestRoster roster;
    @Autowired AuthorizationService authorizations;
    @Autowired SelfStudyAccess access;
    @Autowired TasklistFilters defaultFilters;
    @Autowired FilterService filters;
    @Autowired RuntimeService runtime;
    @LocalServerPort int port;

    private String mine;
    private String theirs;
    private String elsewhere;
    private ProcessInstance a;
    private ProcessInstance b;

    @BeforeEach
    void twoCandidatesOfOneCityAndOneOfAnother() {
        fixture.ensureBase();
        mine = fixture.candidate(spec());
        theirs = fixture.candidate(spec());
        elsewhere = fixture.candidate(spec().city(SelfStudyFixture.OTHER_CITY));
        a = fixture.start(mine);
        b = fixture.start(theirs);
        fixture.start(elsewhere);
        fixture.fire(a, "WaitApplicationWindow");
        fixture.fire(b, "WaitApplicationWindow");
    }

    /** Issue 14: a candidate's tasks are assigned to them; the one filter they read is 待我处理, so Tasklist opens on it. */
    @Test
    void aCandidateReadsOnlyTheFilterOfTheirOwnTasks() {
        String candidate = fixture.candidate(spec());
        ResponseEntity<List> filters = http.withBasicAuth(userOf(candidate), TestRoster.PASSWORD)
                .getForEntity("/engine-rest/filter?maxResults=50", List.class);
        assertThat(filters.getStatusCode().value()).isEqualTo(200);
        assertThat(filters.getBody()).extracting(f -> ((Map<?, ?>) f).get("name")).containsExactly(TasklistFilters.TO_DO);
        // staff still read every filter
        roster.ensureBase();
        ResponseEntity<List> staff = http.withBasicAuth("th1", TestRoster.PASSWORD).getForEntity("/engine-rest/filter?maxResults=50", List.class);
        assertThat(staff.getBody()).extracting(f -> ((Map<?, ?>) f).get("name")).contains(TasklistFilters.UNIT_QUEUE, TasklistFilters.TO_DO);
    }

    /**
     * Issue 14: Tasklist offered a candidate 启动流程 and the filter's pencil. Hidden for them now; the server refuses what
     * those would do, through the webapps' API as the browser sends it and over /engine-rest: no filter created, changed
     * or deleted, no process started, no task created.
     */
    @Test
    void aCandidateCannotStartProcessesNorMakeOrChangeFilters() {
        String candidate = userOf(fixture.candidate(spec()));
        String toDo = defaultFilters.idOf(TasklistFilters.TO_DO);
        long filtersBefore = filterCount();
        long instancesBefore = runtime.createProcessInstanceQuery().processDefinitionKey(SelfStudyProcess.KEY).count();
        String filter = "{\"resourceType\":\"Task\",\"name\":\"我的过滤器\",\"owner\":\"" + candidate + "\",\"query\":{},"
                + "\"properties\":{}}";
        String start = "{\"businessKey\":\"" + SESSION + "-" + mine + "\",\"variables\":{}}";
        String[][] calls = {
                {"POST", "/filter/create", filter},
                {"PUT", "/filter/" + toDo, filter},
                {"DELETE", "/filter/" + toDo, null},
                {"POST", "/process-definition/key/" + SelfStudyProcess.KEY + "/start", start},
                {"POST", "/process-definition/key/" + SelfStudyProcess.KEY + "/submit-form", start},
                {"POST", "/task/create", "{\"id\":\"candidate-task\",\"name\":\"自建任务\"}"}};
        WebappSession tasklist = WebappSession.login(port, candidate, TestRoster.PASSWORD, "tasklist");
        for (String[] call : calls) {
            var browser = tasklist.send(call[0], "/camunda/api/engine/engine/default" + call[1], call[2]);
            assertThat(browser.statusCode()).as("webapp " + call[0] + " " + call[1] + ": " + browser.body()).isEqualTo(403);
            ResponseEntity<String> rest = http.withBasicAuth(candidate, TestRoster.PASSWORD)
                    .exchange("/engine-rest" + call[1], HttpMethod.valueOf(call[0]), json(call[2]), String.class);
            assertThat(rest.getStatusCode().value()).as("/engine-rest " + call[0] + " " + call[1] + ": " + rest.getBody()).isEqualTo(403);
        }
        assertThat(filterCount()).isEqualTo(filtersBefore);
        assertThat(http.withBasicAuth(candidate, TestRoster.PASSWORD).getForEntity("/engine-rest/filter/" + toDo, Map.class)
                .getBody()).containsEntry("name", TasklistFilters.TO_DO);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(SelfStudyProcess.KEY)
                .processInstanceBusinessKey(SESSION + "-" + mine).count()).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(SelfStudyProcess.KEY).count()).isEqualTo(instancesBefore);
        // what Tasklist asks before it offers 新建过滤器: not offered
        assertThat(tasklist.get("/camunda/api/engine/engine/default/authorization/check?permissionName=CREATE&resourceName=Filter"
                + "&resourceType=5").body()).contains("\"authorized\":false");
    }

    /**
     * Issue 14: a real installation loads no demo: its candidates are Camunda users an administrator puts in the
     * candidates' group (README, "Loading a real installation"). The group's grants come from every start, not only from
     * the demo, so such a candidate reads 待我处理 and nothing more, as the demo's do.
     */
    @Test
    void aCandidateLoadedByTheAdministratorGetsTheCandidatesGrantsFromEveryStart() {
        // a database the demo never ran on: the group's standing grants are not there
        for (Authorization grant : authorizations.createAuthorizationQuery().groupIdIn(SelfStudyAccess.CANDIDATES).list()) {
            authorizations.deleteAuthorization(grant.getId());
        }
        access.atStart(); // what every start runs (ApplicationReadyEvent)

        var admin = http.withBasicAuth("testadmin", "test-admin-secret");
        String login = "prodks" + System.nanoTime() % 1_000_000_000L;
        ResponseEntity<String> created = admin.postForEntity("/engine-rest/user/create", json("{\"profile\":{\"id\":\"" + login
                + "\",\"firstName\":\"晓雯\",\"lastName\":\"林\"},\"credentials\":{\"password\":\"" + TestRoster.PASSWORD + "\"}}"),
                String.class);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(204);
        ResponseEntity<String> joined = admin.exchange("/engine-rest/group/" + SelfStudyAccess.CANDIDATES + "/members/" + login,
                HttpMethod.PUT, json(null), String.class);
        assertThat(joined.getStatusCode().value()).as(joined.getBody()).isEqualTo(204);

        var candidate = http.withBasicAuth(login, TestRoster.PASSWORD);
        ResponseEntity<List> read = candidate.getForEntity("/engine-rest/filter?maxResults=50", List.class);
        assertThat(read.getStatusCode().value()).isEqualTo(200);
        assertThat(read.getBody()).extracting(f -> ((Map<?, ?>) f).get("name")).containsExactly(TasklistFilters.TO_DO);
        // Tasklist, logged in as they would: the same one filter
        var tasklist = WebappSession.login(port, login, TestRoster.PASSWORD, "tasklist")
                .get("/camunda/api/engine/engine/default/filter?resourceType=Task&maxResults=50");
        assertThat(tasklist.statusCode()).as(tasklist.body()).isEqualTo(200);
        assertThat(tasklist.body()).contains(TasklistFilters.TO_DO).doesNotContain(TasklistFilters.UNIT_QUEUE);
        assertThat(candidate.postForEntity("/engine-rest/filter/create", json("{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{}}"),
                String.class).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void aCandidateSeesOnlyTheirOwnTaskAndCannotCompleteAnothersThroughEngineRest() {
        List<Object> myTasks = http.withBasicAuth(userOf(mine), TestRoster.PASSWORD).getForEntity("/engine-rest/task?maxResults=50", List.class).getBody();
        assertThat(myTasks).hasSize(1);
        assertThat(((Map<?, ?>) myTasks.get(0)).get("processInstanceId")).isEqualTo(a.getId());
        List<Object> instances = http.withBasicAuth(userOf(mine), TestRoster.PASSWORD)
                .getForEntity("/engine-rest/process-instance?maxResults=50", List.class).getBody();
        assertThat(instances).extracting(i -> (Object) ((Map<?, ?>) i).get("id")).containsExactly(a.getId());

        String theirTask = fixture.task(b).getId();
        ResponseEntity<String> refused = http.withBasicAuth(userOf(mine), TestRoster.PASSWORD).postForEntity(
                "/engine-rest/task/" + theirTask + "/complete",
                json("{\"variables\":{\"recordAnswer\":{\"value\":\"CORRECT\"}}}"), String.class);
        assertThat(refused.getStatusCode().is4xxClientError()).as(refused.getBody()).isTrue();
        assertThat(b).isWaitingAt(SelfStudyProcess.Step.CONFIRM_RECORD.id());

        // their own, with a field the form does not have: refused, nothing applied
        String myTask = fixture.task(a).getId();
        ResponseEntity<String> forged = http.withBasicAuth(userOf(mine), TestRoster.PASSWORD).postForEntity(
                "/engine-rest/task/" + myTask + "/complete",
                json("{\"variables\":{\"recordAnswer\":{\"value\":\"CORRECT\"},\"forecastPassed\":{\"value\":true}}}"), String.class);
        assertThat(forged.getStatusCode().value()).as(forged.getBody()).isEqualTo(400);
        assertThat(forged.getBody()).contains("forecastPassed");

        ResponseEntity<String> done = http.withBasicAuth(userOf(mine), TestRoster.PASSWORD).postForEntity(
                "/engine-rest/task/" + myTask + "/complete", json("{\"variables\":{\"recordAnswer\":{\"value\":\"CORRECT\"}}}"),
                String.class);
        assertThat(done.getStatusCode().value()).as(done.getBody()).isEqualTo(204);
        fixture.runJobs(a);
        assertThat(a).isWaitingAt(SelfStudyProcess.Step.APPLY.id());
    }

    /** HQ reads every OUC instance by standing grants per definition; the exam offices' cases are not among them. */
    @Test
    void theOucHeadquartersReadsNoSelfStudyCase() {
        roster.ensureBase(); // the OUC's units and staff, hq1 among them
        ResponseEntity<String> seen = http.withBasicAuth("hq1", TestRoster.PASSWORD)
                .getForEntity("/engine-rest/process-instance?maxResults=50&processDefinitionKey=" + SelfStudyProcess.KEY, String.class);
        assertThat(seen.getStatusCode().value()).as(seen.getBody()).isEqualTo(200);
        assertThat(seen.getBody()).isEqualTo("[]");
        ResponseEntity<String> history = http.withBasicAuth("hq1", TestRoster.PASSWORD)
                .getForEntity("/engine-rest/history/process-instance?maxResults=50&processDefinitionKey=" + SelfStudyProcess.KEY, String.class);
        assertThat(history.getStatusCode().value()).as(history.getBody()).isEqualTo(200);
        assertThat(history.getBody()).isEqualTo("[]");
    }

    @Test
    void theApiAnswersEachCandidateTheirOwnCaseAndEachOfficeItsCity() {
        var me = http.withBasicAuth(userOf(mine), TestRoster.PASSWORD);
        assertThat(me.getForEntity(cases() + "/" + mine, String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(me.getForEntity(cases() + "/" + theirs, String.class).getStatusCode().value()).isEqualTo(404);
        assertThat(me.getForEntity(cases(), List.class).getBody()).extracting(c -> (Object) ((Map<?, ?>) c).get("candidateNo"))
                .containsExactly(mine);
        ResponseEntity<String> start = me.postForEntity(cases(), json("{\"candidateNo\":\"" + theirs + "\"}"), String.class);
        assertThat(start.getStatusCode().value()).isEqualTo(404);

        var city = http.withBasicAuth(SelfStudyFixture.CITY_USER, TestRoster.PASSWORD);
        assertThat(city.getForEntity(cases(), List.class).getBody()).extracting(c -> (Object) ((Map<?, ?>) c).get("candidateNo"))
                .contains(mine, theirs).doesNotContain(elsewhere);
        assertThat(city.getForEntity(cases() + "/" + elsewhere, String.class).getStatusCode().value()).isEqualTo(404);
        ResponseEntity<String> again = city.postForEntity(cases(), json("{\"candidateNo\":\"" + mine + "\"}"), String.class);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody()).contains("已经开始");

        var province = http.withBasicAuth(SelfStudyFixture.PROVINCE_USER, TestRoster.PASSWORD);
        assertThat(province.getForEntity(cases(), List.class).getBody()).extracting(c -> (Object) ((Map<?, ?>) c).get("candidateNo"))
                .contains(mine, theirs, elsewhere);
        String fresh = fixture.candidate(spec());
        ResponseEntity<Map> started = province.postForEntity(cases(), json("{\"candidateNo\":\"" + fresh + "\"}"), Map.class);
        assertThat(started.getStatusCode().value()).isEqualTo(201);
        assertThat(started.getBody()).containsEntry("state", "STARTED");
    }

    private static String cases() {
        return "/api/self-study/sessions/" + SESSION + "/cases";
    }

    private long filterCount() {
        return filters.createFilterQuery().count();
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
