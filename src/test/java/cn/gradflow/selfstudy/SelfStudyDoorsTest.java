package cn.gradflow.selfstudy;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import cn.gradflow.engine.TasklistFilters;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

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

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
