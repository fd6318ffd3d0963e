package cn.gradflow.security;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every state-changing operation of Camunda's own REST API description (openapi.json shipped
 * with 7.24) as a learning-centre clerk against another centre's case, and asserts a 4xx with a
 * Chinese message for each and no change to anything afterwards. A Camunda upgrade that adds an
 * operation changes the pinned count and fails here until someone has looked at it.
 */
@GradFlowSpringTest
class EngineRestOpenApiWalkTest {

    /** State-changing operations in 7.24's openapi.json (all PUT, DELETE, and POST that are not queries). */
    private static final int STATE_CHANGING_OPERATIONS_7_24 = 158;
    private static final Pattern QUERY = Pattern.compile("^(query|postQuery|postExecuteFilter).*");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired IdentityService identity;
    @Autowired AuthorizationService authorizations;
    @Autowired FilterService filters;

    @Test
    void everyStateChangingOperationIsRefusedToAClerkAndChangesNothing() throws Exception {
        roster.ensureBase();
        String other = roster.eligibleStudent(TestRoster.LC_B, "XZGL");
        ProcessInstance victim = driver.start(other);
        Filter filter = filters.saveFilter(filters.newTaskFilter("walk").setQuery(tasks.createTaskQuery()));
        Map<String, String> ids = ids(victim, filter);
        Map<String, Object> before = snapshot(victim);

        JsonNode api;
        try (InputStream in = getClass().getResourceAsStream("/openapi.json")) {
            api = new ObjectMapper().readTree(in);
        }
        List<String> walked = new ArrayList<>();
        List<String> notRefused = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : List.of("post", "put", "delete")) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isMissingNode() || QUERY.matcher(operation.path("operationId").asText()).matches()) {
                    continue;
                }
                String url = "/engine-rest" + fill(path.getKey(), ids);
                walked.add(method.toUpperCase() + " " + path.getKey());
                HttpHeaders headers = new HttpHeaders();
                headers.setContentType(MediaType.APPLICATION_JSON);
                ResponseEntity<String> response = http.withBasicAuth("th1", TestRoster.PASSWORD).exchange(url,
                        HttpMethod.valueOf(method.toUpperCase()), new HttpEntity<>(body(path.getKey()), headers), String.class);
                int status = response.getStatusCode().value();
                if (status < 400 || status >= 500 || response.getBody() == null || !HAN.matcher(response.getBody()).find()) {
                    notRefused.add(method.toUpperCase() + " " + url + " → " + status + " " + response.getBody());
                }
            }
        }
        assertThat(notRefused).as("operations a clerk was not refused with a Chinese 4xx").isEmpty();
        assertThat(walked).as("Camunda's REST API changed: review EngineRestGuard and EngineInputGuard for the new operations")
                .hasSize(STATE_CHANGING_OPERATIONS_7_24);
        assertThat(snapshot(victim)).isEqualTo(before);
    }

    /** Real ids of the other centre's case and of shared things, so a refusal is not just "not found". */
    private Map<String, String> ids(ProcessInstance victim, Filter filter) {
        Map<String, String> ids = new HashMap<>();
        ids.put("task", tasks.createTaskQuery().processInstanceId(victim.getId()).singleResult().getId());
        ids.put("process-instance", victim.getId());
        ids.put("execution", victim.getId());
        ids.put("process-definition", victim.getProcessDefinitionId());
        ids.put("deployment", repository.createProcessDefinitionQuery().processDefinitionId(victim.getProcessDefinitionId())
                .singleResult().getDeploymentId());
        ids.put("decision-definition", repository.createDecisionDefinitionQuery().latestVersion().list().get(0).getId());
        ids.put("user", "py1");
        ids.put("group", TestRoster.LC_B);
        ids.put("authorization", authorizations.createAuthorizationQuery().groupIdIn(TestRoster.LC_B).list().get(0).getId());
        ids.put("filter", filter.getId());
        ids.put("key", "graduation-application");
        ids.put("varName", "decision");
        ids.put("messageName", "BatchClosed");
        return ids;
    }

    private static String fill(String path, Map<String, String> ids) {
        Matcher m = Pattern.compile("/([a-z-]+)/\\{id}|\\{([a-zA-Z-]+)}").matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (m.group(1) != null) {
                m.appendReplacement(out, "/" + m.group(1) + "/" + ids.getOrDefault(m.group(1), "walk-" + m.group(1)));
            } else {
                m.appendReplacement(out, ids.getOrDefault(m.group(2), "walk"));
            }
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Enough of a body to reach the operation: variables that would re-route the case. */
    private static String body(String path) {
        return "{\"variables\":{\"learningCenter\":{\"value\":\"GDGZ01\"},\"hq\":{\"value\":\"GDGZ01\"}},"
                + "\"modifications\":{\"hq\":{\"value\":\"GDGZ01\"}},\"value\":\"GDGZ01\",\"messageName\":\"BatchClosed\","
                + "\"processInstanceId\":\"walk\",\"id\":\"walk\",\"name\":\"walk\",\"retries\":0,\"suspended\":true,"
                + "\"skipCustomListeners\":true,\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"SubmitApplication\"}]}";
    }

    /** What a clerk's calls could have changed, read as the system. */
    private Map<String, Object> snapshot(ProcessInstance victim) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("instances", runtime.createProcessInstanceQuery().count());
        s.put("suspended", runtime.createProcessInstanceQuery().suspended().count());
        s.put("tasks", tasks.createTaskQuery().count());
        s.put("victimTask", tasks.createTaskQuery().processInstanceId(victim.getId()).singleResult().getId());
        s.put("victimAssignee", String.valueOf(tasks.createTaskQuery().processInstanceId(victim.getId()).singleResult().getAssignee()));
        s.put("victimVariables", runtime.getVariables(victim.getId()));
        s.put("jobs", management.createJobQuery().count());
        s.put("incidents", runtime.createIncidentQuery().count());
        s.put("deployments", repository.createDeploymentQuery().count());
        s.put("definitions", repository.createProcessDefinitionQuery().count());
        s.put("users", identity.createUserQuery().count());
        s.put("groups", identity.createGroupQuery().count());
        s.put("authorizations", authorizations.createAuthorizationQuery().count());
        s.put("filters", filters.createFilterQuery().count());
        s.put("tenants", identity.createTenantQuery().count());
        s.put("history", history.createHistoricProcessInstanceQuery().count());
        s.put("comments", tasks.getTaskComments(tasks.createTaskQuery().processInstanceId(victim.getId()).singleResult().getId()).size());
        return s;
    }
}
