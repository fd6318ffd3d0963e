package cn.gradflow.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.TaskCountByCandidateGroupResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.application.ApplicationProcess;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cockpit's figures through the same HTTP calls Cockpit makes after its login: a branch officer's
 * dashboard (running instances, open incidents), processes page and "assignments by group" count his
 * own unit tree only, another branch's cases never; HQ counts every case; a learning centre clerk
 * still has no Cockpit.
 */
@GradFlowSpringTest
class CockpitFiguresTest {

    private static final String KEY = ApplicationProcess.KEY;
    private static final String DASHBOARD = "/camunda/api/engine/engine/default/process-definition/statistics?rootIncidents=true";
    private static final String PROCESSES = "/camunda/api/cockpit/plugin/base/default/process-definition/statistics"
            + "?firstResult=0&maxResults=50&sortBy=name&sortOrder=asc";
    private static final String BY_GROUP = "/camunda/api/engine/engine/default/task/report/candidate-group-count";

    @LocalServerPort int port;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;

    @BeforeEach
    void roster() {
        roster.ensureBase();
    }

    @Test
    void dashboardAndProcessesPageCountTheOfficersOwnCases() throws Exception {
        Cockpit gd1 = Cockpit.login(port, "gd1");
        Cockpit smjk1 = Cockpit.login(port, "smjk1");
        Cockpit hq1 = Cockpit.login(port, "hq1");
        Figures gdBefore = figures(gd1);
        Figures smjkBefore = figures(smjk1);
        Figures hqBefore = figures(hq1);

        driver.start(roster.eligibleStudent(TestRoster.LC_A, "XZGL"));
        ProcessInstance collegeCase = driver.start(roster.eligibleStudent(TestRoster.LC_COLLEGE, "XZGL"));
        Incident incident = runtime.createIncident("gradflowTest", collegeCase.getId(), "cockpit figures");
        try {
            Figures gd = figures(gd1);
            Figures smjk = figures(smjk1);
            Figures hq = figures(hq1);

            assertThat(gd.minus(gdBefore)).as("gd1 counts its own new case, not SMJK's, nor SMJK's incident")
                    .isEqualTo(new Figures(1, 0, 1, 0));
            assertThat(smjk.minus(smjkBefore)).as("smjk1").isEqualTo(new Figures(1, 1, 1, 1));
            assertThat(hq.minus(hqBefore)).as("hq1 counts both branches").isEqualTo(new Figures(2, 1, 2, 1));

            // each figure is the number of instances the officer may read, not Camunda's count of all of them
            long all = runtime.createProcessInstanceQuery().processDefinitionKey(KEY).count();
            for (Map.Entry<Cockpit, Figures> officer : Map.of(gd1, gd, smjk1, smjk, hq1, hq).entrySet()) {
                long readable = officer.getKey().getJson("/camunda/api/engine/engine/default/process-instance/count?processDefinitionKey=" + KEY)
                        .get("count").asLong();
                assertThat(officer.getValue().dashboardInstances()).as(officer.getKey().user).isEqualTo(readable);
                assertThat(officer.getValue().processesInstances()).as(officer.getKey().user).isEqualTo(readable);
            }
            assertThat(gd.dashboardInstances()).isLessThan(all);
            assertThat(smjk.dashboardInstances()).isLessThan(all);

            // the REST API answers the same statistics with the same scope
            JsonNode rest = Cockpit.basic(port, "smjk1").getJson("/engine-rest/process-definition/statistics?rootIncidents=true");
            assertThat(dashboardInstances(rest)).isEqualTo(smjk.dashboardInstances());
        } finally {
            runtime.resolveIncident(incident.getId());
        }
    }

    @Test
    void processesPageSortedByInstancesFollowsTheOfficersCounts() throws Exception {
        driver.start(roster.eligibleStudent(TestRoster.LC_COLLEGE, "XZGL"));
        JsonNode page = Cockpit.login(port, "gd1").getJson(PROCESSES.replace("sortBy=name&sortOrder=asc", "sortBy=instances&sortOrder=desc"));
        long previous = Long.MAX_VALUE;
        for (JsonNode row : page) {
            assertThat(row.get("instances").asLong()).isLessThanOrEqualTo(previous);
            previous = row.get("instances").asLong();
        }
    }

    @Test
    void assignmentsByGroupShowTheOfficersUnitTree() throws Exception {
        driver.start(roster.eligibleStudent(TestRoster.LC_A, "XZGL"));
        driver.start(roster.eligibleStudent(TestRoster.LC_COLLEGE, "XZGL"));
        Map<String, Integer> engine = new HashMap<>();
        for (TaskCountByCandidateGroupResult row : tasks.createTaskReport().taskCountByCandidateGroup()) {
            engine.put(row.getGroupName(), row.getTaskCount());
        }

        Map<String, Integer> gd = byGroup(Cockpit.login(port, "gd1").getJson(BY_GROUP));
        assertThat(gd).containsEntry(TestRoster.LC_A, engine.get(TestRoster.LC_A));
        assertThat(gd.keySet()).isSubsetOf(List.of("GD", "GDGZ", "GDSG", TestRoster.LC_A, TestRoster.LC_B, TestRoster.LC_OTHER_CITY));

        Map<String, Integer> smjk = byGroup(Cockpit.login(port, "smjk1").getJson(BY_GROUP));
        assertThat(smjk).containsEntry(TestRoster.LC_COLLEGE, engine.get(TestRoster.LC_COLLEGE));
        assertThat(smjk.keySet()).isSubsetOf(List.of("SMJK", TestRoster.LC_COLLEGE));

        Map<String, Integer> hq = byGroup(Cockpit.login(port, "hq1").getJson(BY_GROUP));
        assertThat(hq).containsAllEntriesOf(Map.of(TestRoster.LC_A, engine.get(TestRoster.LC_A),
                TestRoster.LC_COLLEGE, engine.get(TestRoster.LC_COLLEGE)));

        // the same scope through /engine-rest; a clerk (no Cockpit) keeps Camunda's refusal
        assertThat(byGroup(Cockpit.basic(port, "gd1").getJson("/engine-rest/task/report/candidate-group-count"))).isEqualTo(gd);
        assertThat(Cockpit.basic(port, "th1").get("/engine-rest/task/report/candidate-group-count").statusCode()).isEqualTo(403);
    }

    @Test
    void aLearningCentreClerkHasNoCockpit() throws Exception {
        assertThat(Cockpit.tryLogin(port, "th1").statusCode()).isEqualTo(403);
        assertThat(Cockpit.tryLogin(port, "gd1").statusCode()).isEqualTo(200);
    }

    @Test
    void theDashboardHidesItsTaskCount() throws Exception {
        HttpResponse<String> css = Cockpit.basic(port, "gd1").get("/camunda/app/cockpit/styles/user-styles.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body().replaceAll("\\s+", " "))
                .contains(".dashboard .stats-section.open-human-tasks { display: none; }");
    }

    private Figures figures(Cockpit cockpit) throws IOException, InterruptedException {
        JsonNode dashboard = cockpit.getJson(DASHBOARD);
        long dashboardIncidents = 0;
        for (JsonNode row : dashboard) {
            if (KEY.equals(row.path("definition").path("key").asText())) {
                for (JsonNode incident : row.path("incidents")) {
                    dashboardIncidents += incident.get("incidentCount").asLong();
                }
            }
        }
        long processesInstances = 0;
        long processesIncidents = 0;
        for (JsonNode row : cockpit.getJson(PROCESSES)) {
            if (KEY.equals(row.get("key").asText())) {
                processesInstances = row.get("instances").asLong();
                processesIncidents = row.get("incidents").asLong();
            }
        }
        return new Figures(dashboardInstances(dashboard), dashboardIncidents, processesInstances, processesIncidents);
    }

    private static long dashboardInstances(JsonNode dashboard) {
        long instances = 0;
        for (JsonNode row : dashboard) {
            if (KEY.equals(row.path("definition").path("key").asText())) {
                instances += row.get("instances").asLong();
            }
        }
        return instances;
    }

    private static Map<String, Integer> byGroup(JsonNode report) {
        Map<String, Integer> counts = new HashMap<>();
        report.forEach(row -> counts.put(row.get("groupName").isNull() ? null : row.get("groupName").asText(), row.get("taskCount").asInt()));
        return counts;
    }

    /** The graduation-application figures on the dashboard and on the processes page. */
    record Figures(long dashboardInstances, long dashboardIncidents, long processesInstances, long processesIncidents) {
        Figures minus(Figures before) {
            return new Figures(dashboardInstances - before.dashboardInstances, dashboardIncidents - before.dashboardIncidents,
                    processesInstances - before.processesInstances, processesIncidents - before.processesIncidents);
        }
    }

    /** A browser's session: cookies, the webapps' CSRF token, and Cockpit's login form. */
    static final class Cockpit {

        private static final ObjectMapper JSON = new ObjectMapper();

        final String user;
        private final int port;
        private final HttpClient client;
        private final String basicAuth;

        private Cockpit(int port, String user, String basicAuth) {
            this.port = port;
            this.user = user;
            this.basicAuth = basicAuth;
            this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();
        }

        static Cockpit login(int port, String user) throws IOException, InterruptedException {
            Cockpit cockpit = new Cockpit(port, user, null);
            HttpResponse<String> response = cockpit.postLogin();
            assertThat(response.statusCode()).as("Cockpit login of " + user).isEqualTo(200);
            return cockpit;
        }

        static HttpResponse<String> tryLogin(int port, String user) throws IOException, InterruptedException {
            return new Cockpit(port, user, null).postLogin();
        }

        /** HTTP Basic, the way scripts call /engine-rest. */
        static Cockpit basic(int port, String user) {
            String credentials = user + ":" + TestRoster.PASSWORD;
            return new Cockpit(port, user, "Basic " + java.util.Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }

        private HttpResponse<String> postLogin() throws IOException, InterruptedException {
            // the first call hands out the session and the CSRF token, which every POST must echo
            HttpResponse<String> first = get("/camunda/api/engine/engine/");
            String token = first.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(TestRoster.PASSWORD, StandardCharsets.UTF_8);
            return client.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/cockpit"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-XSRF-TOKEN", token)
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json, text/plain, */*");
            if (basicAuth != null) {
                request.header("Authorization", basicAuth);
            }
            return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode getJson(String path) throws IOException, InterruptedException {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(user + " GET " + path + ": " + response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
