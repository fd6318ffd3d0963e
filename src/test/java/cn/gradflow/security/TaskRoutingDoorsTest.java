package cn.gradflow.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
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

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.selfstudy.SelfStudyFixture;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;
import cn.gradflow.testing.WebappSession;

import static cn.gradflow.testing.TestRoster.LC_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A task's routing is GradFlow's (README, Security): neither a city officer nor a self-study candidate re-routes a task
 * through /engine-rest or through Tasklist's own API (session + CSRF) — no assigning to others, delegating, owner,
 * candidate groups or users added or removed, due date, name or priority moved, and a candidate's personal task is not
 * given back. Each refusal is 403 in Chinese and leaves the task as it was; what Tasklist's staff do every day still works.
 */
@GradFlowSpringTest
class TaskRoutingDoorsTest {

    private static final String API = "/camunda/api/engine/engine/default";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired SelfStudyFixture selfStudy;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @LocalServerPort int port;

    @BeforeEach
    void base() {
        roster.ensureBase();
    }

    @Test
    void aCityOfficerCannotReRouteTheirUnitsTask() throws Exception {
        ProcessInstance pi = driver.start(roster.eligibleStudent(LC_A, "XZGL"));
        driver.apply(pi, "th1", "GRADUATION");
        String id = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
        assertThat(send(null, "gz1", "POST", "/task/" + id + "/claim", "{\"userId\":\"gz1\"}").status).isEqualTo(204);
        String before = snapshot(id);
        assertThat(before).contains("assignee=gz1").contains("candidate:GDGZ");

        Map<String, Object> task = taskJson("gz1", id);
        String[][] refused = {
                {"POST", "/task/" + id + "/assignee", "{\"userId\":\"th1\"}"},
                {"POST", "/task/" + id + "/delegate", "{\"userId\":\"th1\"}"},
                {"POST", "/task/" + id + "/identity-links", "{\"groupId\":\"GD\",\"type\":\"candidate\"}"},
                {"POST", "/task/" + id + "/identity-links", "{\"userId\":\"th1\",\"type\":\"candidate\"}"},
                {"POST", "/task/" + id + "/identity-links", "{\"userId\":\"th1\",\"type\":\"owner\"}"},
                {"POST", "/task/" + id + "/identity-links", "{\"userId\":\"th1\",\"type\":\"assignee\"}"},
                {"POST", "/task/" + id + "/identity-links/delete", "{\"groupId\":\"GDGZ\",\"type\":\"candidate\"}"},
                {"POST", "/task/" + id + "/identity-links/delete", "{\"userId\":\"gz1\",\"type\":\"assignee\"}"},
                {"POST", "/task/" + id + "/bpmnError", "{\"errorCode\":\"anything\"}"},
                {"POST", "/task/" + id + "/bpmnEscalation", "{\"escalationCode\":\"anything\"}"},
                {"PUT", "/task/" + id, with(task, "due", "2099-01-01T00:00:00.000+0000")},
                {"PUT", "/task/" + id, with(task, "name", "改了名的任务")},
                {"PUT", "/task/" + id, with(task, "priority", 99)},
                {"PUT", "/task/" + id, with(task, "assignee", "th1")},
                {"PUT", "/task/" + id, with(task, "owner", "th1")},
                {"PUT", "/task/" + id, with(task, "description", "改了")},
                {"PUT", "/task/" + id, with(task, "tenantId", "other")}};
        assertRefusedOnBothDoors("gz1", refused, id, before);

        roster.authenticate("gz1");
        try {
            for (Function<String, Runnable> call : List.<Function<String, Runnable>>of(
                    t -> () -> tasks.setAssignee(t, "th1"), t -> () -> tasks.delegateTask(t, "th1"), t -> () -> tasks.setOwner(t, "gz1"),
                    t -> () -> tasks.addCandidateGroup(t, "GD"), t -> () -> tasks.deleteCandidateGroup(t, "GDGZ"),
                    t -> () -> tasks.addCandidateUser(t, "th1"), t -> () -> tasks.setDueDate(t, new java.util.Date()),
                    t -> () -> tasks.setName(t, "x"), t -> () -> tasks.setPriority(t, 1), t -> () -> tasks.setDescription(t, "x"))) {
                assertThatThrownBy(() -> call.apply(id).run()).isInstanceOf(AuthorizationException.class)
                        .hasMessageContaining("只能由系统管理员办理");
            }
        } finally {
            identity.clearAuthentication();
        }
        assertThat(snapshot(id)).isEqualTo(before);

        // what staff do: a follow-up date (their own reminder), a comment, give the task back, claim it again, complete it
        Response followUp = send(null, "gz1", "PUT", "/task/" + id, with(task, "followUp", "2099-01-01T00:00:00.000+0000"));
        assertThat(followUp.status).as(followUp.body).isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(id).singleResult().getFollowUpDate()).isNotNull();
        WebappSession tasklist = WebappSession.login(port, "gz1", TestRoster.PASSWORD, "tasklist");
        assertThat(send(tasklist, "gz1", "POST", "/task/" + id + "/comment/create", "{\"message\":\"材料已核对\"}").status).isEqualTo(200);
        assertThat(send(tasklist, "gz1", "POST", "/task/" + id + "/unclaim", null).status).isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(id).singleResult().getAssignee()).isNull();
        // assigning to oneself is taking the task, as claiming is (the Java API; REST offers claim)
        roster.authenticate("gz1");
        try {
            tasks.setAssignee(id, "gz1");
        } finally {
            identity.clearAuthentication();
        }
        Response viaTasklist = send(tasklist, "gz1", "PUT", "/task/" + id, with(taskJson("gz1", id), "followUp", null));
        assertThat(viaTasklist.status).as(viaTasklist.body).isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(id).singleResult().getFollowUpDate()).isNull();
        assertThat(send(tasklist, "gz1", "POST", "/task/" + id + "/unclaim", null).status).isEqualTo(204);
        assertThat(send(tasklist, "gz1", "POST", "/task/" + id + "/claim", "{\"userId\":\"gz1\"}").status).isEqualTo(204);
        driver.approve(pi, "gz1");
        assertThat(tasks.createTaskQuery().taskId(id).count()).isZero();
    }

    /** A self-study candidate's task is theirs alone (no candidate group): given back it would be nobody's. */
    @Test
    void aCandidateCannotGiveBackNorChangeTheirTask() throws Exception {
        selfStudy.ensureBase();
        String candidateNo = selfStudy.candidate(SelfStudyFixture.spec());
        ProcessInstance pi = selfStudy.start(candidateNo);
        selfStudy.fire(pi, "WaitApplicationWindow");
        String user = SelfStudyFixture.userOf(candidateNo);
        String id = selfStudy.task(pi).getId();
        String before = snapshot(id);
        assertThat(before).contains("assignee=" + user).doesNotContain("candidate:");

        Map<String, Object> task = taskJson(user, id);
        String[][] refused = {
                {"POST", "/task/" + id + "/unclaim", null},
                {"POST", "/task/" + id + "/assignee", "{\"userId\":null}"},
                {"POST", "/task/" + id + "/assignee", "{\"userId\":\"" + SelfStudyFixture.CITY_USER + "\"}"},
                {"POST", "/task/" + id + "/delegate", "{\"userId\":\"" + SelfStudyFixture.CITY_USER + "\"}"},
                {"POST", "/task/" + id + "/identity-links", "{\"groupId\":\"" + SelfStudyFixture.CITY + "\",\"type\":\"candidate\"}"},
                {"POST", "/task/" + id + "/identity-links/delete", "{\"userId\":\"" + user + "\",\"type\":\"assignee\"}"},
                {"PUT", "/task/" + id, with(task, "followUp", "2099-01-01T00:00:00.000+0000")},
                {"PUT", "/task/" + id, with(task, "due", "2099-01-01T00:00:00.000+0000")},
                {"PUT", "/task/" + id, with(task, "assignee", null)},
                {"PUT", "/task/" + id, with(task, "id", id)}}; // unchanged: a personal task takes no update at all
        assertRefusedOnBothDoors(user, refused, id, before);

        // their own work still goes: a comment, then the form
        assertThat(send(null, user, "POST", "/task/" + id + "/comment/create", "{\"message\":\"已核对\"}").status).isEqualTo(200);
        Response done = send(null, user, "POST", "/task/" + id + "/complete", "{\"variables\":{\"recordAnswer\":{\"value\":\"CORRECT\"}}}");
        assertThat(done.status).as(done.body).isEqualTo(204);
    }

    private void assertRefusedOnBothDoors(String user, String[][] calls, String taskId, String before) {
        WebappSession tasklist = WebappSession.login(port, user, TestRoster.PASSWORD, "tasklist");
        for (String[] call : calls) {
            for (WebappSession door : new WebappSession[] {tasklist, null}) {
                Response r = send(door, user, call[0], call[1], call[2]);
                String what = (door == null ? "/engine-rest " : "webapp ") + call[0] + " " + call[1] + " " + call[2] + ": " + r.body;
                assertThat(r.status).as(what).isEqualTo(403);
                // the command's own refusal, or the REST door's for an operation it does not open to staff at all
                assertThat(r.body).as(what).containsAnyOf("只能由系统管理员办理", "只对系统管理员开放");
                assertThat(snapshot(taskId)).as(what).isEqualTo(before);
            }
        }
    }

    /** The task as stored, with its identity links: what a refusal must leave alone. */
    private String snapshot(String id) {
        Task t = tasks.createTaskQuery().taskId(id).singleResult();
        List<String> links = tasks.getIdentityLinksForTask(id).stream().map(TaskRoutingDoorsTest::link).sorted().toList();
        return "name=" + t.getName() + " assignee=" + t.getAssignee() + " owner=" + t.getOwner() + " due=" + t.getDueDate()
                + " followUp=" + t.getFollowUpDate() + " priority=" + t.getPriority() + " description=" + t.getDescription()
                + " delegation=" + t.getDelegationState() + " tenant=" + t.getTenantId() + " links=" + links;
    }

    private static String link(IdentityLink l) {
        return l.getType() + ":" + (l.getGroupId() != null ? l.getGroupId() : l.getUserId());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> taskJson(String user, String id) throws Exception {
        ResponseEntity<String> r = http.withBasicAuth(user, TestRoster.PASSWORD).getForEntity("/engine-rest/task/" + id, String.class);
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(200);
        // what PUT /task/{id} takes (TaskDto.updateTask); the read-only fields of the answer make it a 400
        Map<String, Object> all = JSON.readValue(r.getBody(), Map.class);
        Map<String, Object> task = new LinkedHashMap<>();
        for (String key : List.of("id", "name", "description", "priority", "assignee", "owner", "delegationState", "due",
                "followUp", "parentTaskId", "caseInstanceId", "tenantId")) {
            task.put(key, all.get(key));
        }
        return task;
    }

    private static String with(Map<String, Object> task, String key, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(task);
        changed.put(key, value);
        try {
            return JSON.writeValueAsString(changed);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Response(int status, String body) {
    }

    /** Through Tasklist's API when a session is given (as the browser sends it), else /engine-rest with Basic auth. */
    private Response send(WebappSession tasklist, String user, String method, String path, String json) {
        if (tasklist != null) {
            var r = tasklist.send(method, API + path, json);
            return new Response(r.statusCode(), r.body());
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> r = http.withBasicAuth(user, TestRoster.PASSWORD)
                .exchange("/engine-rest" + path, HttpMethod.valueOf(method), new HttpEntity<>(json, headers), String.class);
        return new Response(r.getStatusCode().value(), r.getBody());
    }
}
