package cn.gradflow.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import cn.gradflow.batch.Batch;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;
import cn.gradflow.testing.WebappSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api} reads with the Tasklist session (the list pages under {@code /lists/} opened from a form): the
 * session's user, with their units, is who asks, so the unit scope answers exactly as it does for HTTP Basic; the
 * session alone never authorises a change (CSRF): a change needs the session's webapp CSRF token too, and without a login {@code /api} answers {@code 401} in Chinese.
 * The lists live in a batch of their own ({@value #BATCH}) that no other test touches (209901 is the batch other tests
 * expect not to exist).
 */
@GradFlowSpringTest
class ApiWebappSessionTest {

    static final String BATCH = "209801";

    @LocalServerPort int port;
    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired BatchRepository batches;
    @Autowired JdbcClient jdbc;
    @Autowired RuntimeService runtime;

    private String closed;
    private long submissionId;

    @BeforeEach
    void aClosedCaseAndAListOfTheTestBranch() {
        roster.ensureBase();
        synchronized (ApiWebappSessionTest.class) {
            if (batches.findBatch(BATCH).isEmpty()) {
                batches.saveBatch(new Batch(BATCH, "会话测试批次", LocalDate.of(2099, 1, 31), LocalDate.of(2099, 1, 20)));
            }
        }
        closed = roster.eligibleStudent(TestRoster.LC_BATCH_TEST, "XZGL");
        jdbc.sql("INSERT INTO batch_closure (batch_code, branch_code, student_no, outcome) VALUES (?, ?, ?, 'CLOSED')")
                .params(BATCH, TestRoster.BATCH_TEST_BRANCH, closed).update();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO hq_submission (batch_code, branch_code, issue_no, state, created_at) VALUES (?, ?, 1, 'EMPTY', CURRENT_TIMESTAMP)")
                .params(BATCH, TestRoster.BATCH_TEST_BRANCH).update(keys, "id");
        submissionId = keys.getKey().longValue();
    }

    @Test
    void aTasklistSessionReadsTheListsOfItsUnits() {
        WebappSession tasklist = WebappSession.login(port, "tb1", TestRoster.PASSWORD, "tasklist");

        HttpResponse<String> closures = tasklist.get(closures(null) + "?size=200");
        assertThat(closures.statusCode()).isEqualTo(200);
        assertThat(closures.body()).contains("\"studentNo\":\"" + closed + "\"", "\"outcome\":\"CLOSED\"");

        HttpResponse<String> list = tasklist.get("/api/hq-submissions/" + submissionId);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"branchCode\":\"" + TestRoster.BATCH_TEST_BRANCH + "\"");
        assertThat(tasklist.get("/api/notifications").statusCode()).isEqualTo(200);
        assertThat(tasklist.send("HEAD", "/api/hq-submissions/" + submissionId, null).statusCode()).isEqualTo(200);

        // the session ends with the webapps' logout: the same read is refused
        assertThat(tasklist.post("/camunda/api/admin/auth/user/default/logout", "").statusCode()).isEqualTo(200);
        assertThat(tasklist.get(closures(null)).statusCode()).isEqualTo(401);
    }

    @Test
    void aSessionAloneNeverAuthorisesAChange() {
        WebappSession tasklist = WebappSession.login(port, "tb1", TestRoster.PASSWORD, "tasklist");
        String businessKey = BATCH + "-" + TestRoster.BATCH_TEST_BRANCH;

        for (String token : new String[] {null, "", "not-the-session-token"}) {
            for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
                HttpResponse<String> change = tasklist.sendWithToken(method,
                        "/api/batches/" + BATCH + "/branches/" + TestRoster.BATCH_TEST_BRANCH + "/hq-submissions", "{}", token);
                assertThat(change.statusCode()).as(method + " " + token).isEqualTo(401);
                assertThat(change.body()).as(method).contains("\"UNAUTHORIZED\"", "请使用 HTTP Basic 认证登录");
            }
            HttpResponse<String> calendar = tasklist.sendWithToken("PUT", "/api/batches/" + BATCH + "/calendars/"
                    + TestRoster.BATCH_TEST_BRANCH, "{}", token);
            assertThat(calendar.statusCode()).isEqualTo(401);
        }
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count()).isZero();
        assertThat(batches.findCalendar(BATCH, TestRoster.BATCH_TEST_BRANCH)).isEmpty();
    }

    @Test
    void aSessionWithItsCsrfTokenChangesAsItsUser() {
        // a learning centre's clerk with the session's token is that clerk: the branch's list is not theirs (403, not 401)
        WebappSession centre = WebappSession.login(port, "th1", TestRoster.PASSWORD, "tasklist");
        HttpResponse<String> read = centre.get(closures(TestRoster.LC_A));
        assertThat(read.headers().firstValue("X-XSRF-TOKEN")).as("a read hands the page the session's token")
                .hasValue(centre.xsrfToken());
        HttpResponse<String> change = centre.post("/api/batches/" + BATCH + "/branches/" + TestRoster.BATCH_TEST_BRANCH
                + "/hq-submissions", "{}");
        assertThat(change.statusCode()).isEqualTo(403);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(BATCH + "-" + TestRoster.BATCH_TEST_BRANCH)
                .count()).isZero();
    }

    @Test
    void withoutALoginEveryReadIsRefusedInChinese() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + closures(null)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"UNAUTHORIZED\"", "请先登录");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));

        // the list pages ask as XMLHttpRequest: no Basic challenge, so the browser shows the page's "请先登录", not a password prompt
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + closures(null)))
                .header("X-Requested-With", "XMLHttpRequest").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.body()).contains("请先登录");
        assertThat(page.headers().firstValue("WWW-Authenticate")).isEmpty();

        // a session cookie that Camunda never logged in is no login either
        WebappSession notLoggedIn = WebappSession.anonymous(port);
        assertThat(notLoggedIn.get(closures(null)).statusCode()).isEqualTo(401);
    }

    @Test
    void aSessionOutsideTheScopeGetsWhatBasicGets() {
        // gd1 is another branch's officer: the test branch's list is not theirs
        WebappSession outsider = WebappSession.login(port, "gd1", TestRoster.PASSWORD, "tasklist");
        TestRestTemplate basic = http.withBasicAuth("gd1", TestRoster.PASSWORD);

        HttpResponse<String> forbidden = outsider.get(closures(null));
        ResponseEntity<String> forbiddenBasic = basic.getForEntity(closures(null), String.class);
        assertThat(forbidden.statusCode()).isEqualTo(403).isEqualTo(forbiddenBasic.getStatusCode().value());
        assertThat(forbidden.body()).isEqualTo(forbiddenBasic.getBody()).contains("只能查看本单位的名单");

        String list = "/api/hq-submissions/" + submissionId;
        HttpResponse<String> unknown = outsider.get(list);
        ResponseEntity<String> unknownBasic = basic.getForEntity(list, String.class);
        assertThat(unknown.statusCode()).isEqualTo(404).isEqualTo(unknownBasic.getStatusCode().value());
        assertThat(unknown.body()).isEqualTo(unknownBasic.getBody()).contains("名单不存在");

        // a centre of another city with a unit filter of its own sees nothing of the branch's either
        WebappSession centre = WebappSession.login(port, "th1", TestRoster.PASSWORD, "tasklist");
        assertThat(centre.get(closures(TestRoster.LC_A)).body()).contains("\"total\":0");
        assertThat(centre.get(closures(TestRoster.LC_BATCH_TEST)).statusCode()).isEqualTo(403);
    }

    private static String closures(String unit) {
        return "/api/batches/" + BATCH + "/branches/" + TestRoster.BATCH_TEST_BRANCH + "/closures" + (unit == null ? "" : "?unit=" + unit);
    }
}
