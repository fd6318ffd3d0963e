package cn.gradflow.security;

import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.common.TextLimits;
import cn.gradflow.photo.PhotoFixtures;
import cn.gradflow.roster.ChsiStatus;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.HttpFrom;
import cn.gradflow.testing.TestRoster;
import cn.gradflow.testing.WebappSession;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 4: every door where a user sends text or a file name takes it up to its limit and
 * refuses one character more with a Chinese 400 naming the field and the limit, before anything is
 * written — never a 500 from the database. Each case sends the limit, then the limit + 1, and reads
 * the tables the text would have reached.
 */
@GradFlowSpringTest
class LongTextDoorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    @BeforeEach
    void base() {
        roster.ensureBase();
    }

    /** The finding: a 1,001-character rejection reason answered 500 with the SQL. Every door of a task form. */
    @Test
    void rejectionReasonThroughRestAndTasklist() {
        ProcessInstance pi = appliedCase("XZGL");
        Task city = taskOf(pi);
        long decisions = decisions(pi);

        for (String operation : List.of("complete", "submit-form")) {
            ResponseEntity<Map> tooLong = post("gz1", "/engine-rest/task/" + city.getId() + "/" + operation,
                    variables("decision", "REJECT", "reason", "退".repeat(1001)));
            assertRefused(tooLong.getStatusCode().value(), message(tooLong), "退回原因 最多 1000 字，本次 1001 字");
        }
        WebappSession tasklist = WebappSession.login(port, "gz1", TestRoster.PASSWORD, "tasklist");
        HttpResponse<String> fromTasklist = tasklist.post("/camunda/api/engine/engine/default/task/" + city.getId() + "/submit-form",
                json(variables("decision", "REJECT", "reason", "退".repeat(1001))));
        assertRefused(fromTasklist.statusCode(), message(fromTasklist.body()), "退回原因 最多 1000 字，本次 1001 字");
        ResponseEntity<Map> emoji = post("gz1", "/engine-rest/task/" + city.getId() + "/complete",
                variables("decision", "REJECT", "reason", "照片不合格😀"));
        assertRefused(emoji.getStatusCode().value(), message(emoji), "退回原因 含有无法保存的字符「😀」");
        assertUnchanged(city, pi, decisions);

        ResponseEntity<Map> atLimit = post("gz1", "/engine-rest/task/" + city.getId() + "/complete",
                variables("decision", "REJECT", "reason", "退".repeat(1000)));
        assertThat(atLimit.getStatusCode().value()).isEqualTo(204);
        assertThat(applications.decisions(applicationId(pi))).last().extracting(d -> d.reason().length()).isEqualTo(1000);
    }

    /** The embedded HTML forms had no limit of their own: 4000 went to decision_log.reason VARCHAR(1000). */
    @Test
    void correctionAndIdentityPackageNotesStopAtTheirColumn() {
        ProcessInstance pi = appliedCase("XZGL");
        driver.reject(pi, "gz1", "照片背景不符");
        Task correction = taskOf(pi);
        long decisions = decisions(pi);
        ResponseEntity<Map> tooLong = post("th1", "/engine-rest/task/" + correction.getId() + "/submit-form",
                variables("correctionAction", "RESUBMIT", "reason", "改".repeat(1001)));
        assertRefused(tooLong.getStatusCode().value(), message(tooLong), "整改说明 最多 1000 字，本次 1001 字");
        assertUnchanged(correction, pi, decisions);
        assertThat(post("th1", "/engine-rest/task/" + correction.getId() + "/submit-form",
                variables("correctionAction", "RESUBMIT", "reason", "改".repeat(1000))).getStatusCode().value()).isEqualTo(204);

        ProcessInstance doubtful = doubtfulCase();
        Task upload = taskOf(doubtful);
        long before = decisions(doubtful);
        ResponseEntity<Map> note = post("th1", "/engine-rest/task/" + upload.getId() + "/submit-form",
                variables("identityAction", "WITHDRAW", "reason", "说".repeat(1001)));
        assertRefused(note.getStatusCode().value(), message(note), "说明 最多 1000 字，本次 1001 字");
        assertUnchanged(upload, doubtful, before);
    }

    /** The finding: a 200+-character file name answered 500 (identity_review_document.file_name VARCHAR(200)). */
    @Test
    void identityDocumentNamesTypesAndSizesStopAtTheirLimits() {
        ProcessInstance pi = doubtfulCase();
        Task upload = taskOf(pi);
        long decisions = decisions(pi);

        Map<String, Object> longName = identityPackage("身".repeat(197) + ".pdf", "application/pdf", "%PDF-1.4 form".getBytes());
        assertRefused(submit("th1", upload, longName), "身份复核表 的文件名 最多 200 字，本次 201 字");
        Map<String, Object> longType = identityPackage("复核表.pdf", "application/" + "x".repeat(89), "%PDF-1.4 form".getBytes());
        assertRefused(submit("th1", upload, longType), "身份复核表 的文件类型 最多 100 字，本次 101 字");
        byte[] sixMegabytes = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy("%PDF-1.4".getBytes(), 0, sixMegabytes, 0, 8);
        assertRefused(submit("th1", upload, identityPackage("复核表.pdf", "application/pdf", sixMegabytes)),
                "身份复核表 超过 5 MB（5242880 字节）");
        assertRefused(submit("th1", upload, identityPackage("复核表😀.pdf", "application/pdf", "%PDF-1.4 form".getBytes())),
                "身份复核表 的文件名 含有无法保存的字符");
        assertUnchanged(upload, pi, decisions);
        assertThat(documents(pi)).isZero();

        String name200 = "身".repeat(196) + ".pdf";
        assertThat(submit("th1", upload, identityPackage(name200, "application/" + "x".repeat(88), "%PDF-1.4 form".getBytes()))
                .getStatusCode().value()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT file_name FROM identity_review_document WHERE application_id = ? AND kind = 'REVIEW_FORM'")
                .param(applicationId(pi)).query(String.class).single()).isEqualTo(name200);
    }

    /** Comments had no limit at all: the engine keeps the whole text in a BLOB. */
    @Test
    void taskCommentsStopAtTheirLimit() {
        ProcessInstance pi = appliedCase("XZGL");
        Task city = taskOf(pi);
        String path = "/engine-rest/task/" + city.getId() + "/comment/create";

        ResponseEntity<Map> tooLong = post("gz1", path, Map.of("message", "评".repeat(TextLimits.COMMENT + 1)));
        assertRefused(tooLong.getStatusCode().value(), message(tooLong), "评论 最多 4000 字，本次 4001 字");
        WebappSession tasklist = WebappSession.login(port, "gz1", TestRoster.PASSWORD, "tasklist");
        HttpResponse<String> fromTasklist = tasklist.post("/camunda/api/engine/engine/default/task/" + city.getId()
                + "/comment/create", json(Map.of("message", "评".repeat(TextLimits.COMMENT + 1))));
        assertRefused(fromTasklist.statusCode(), message(fromTasklist.body()), "评论 最多 4000 字，本次 4001 字");
        ResponseEntity<Map> emoji = post("gz1", path, Map.of("message", "👍"));
        assertRefused(emoji.getStatusCode().value(), message(emoji), "评论 含有无法保存的字符");
        assertThat(tasks.getTaskComments(city.getId())).isEmpty();

        assertThat(post("gz1", path, Map.of("message", "评".repeat(TextLimits.COMMENT))).getStatusCode().value()).isEqualTo(200);
        assertThat(tasks.getTaskComments(city.getId())).singleElement()
                .extracting(c -> c.getFullMessage().length()).isEqualTo(TextLimits.COMMENT);
    }

    /** A user id of any length reached ACT_RU_TASK.ASSIGNEE_ varchar(255); staff now claim for themselves only. */
    @Test
    void staffClaimTasksForThemselvesOnly() {
        ProcessInstance pi = appliedCase("XZGL");
        Task city = taskOf(pi);
        for (String other : List.of("th1", "u".repeat(300))) {
            ResponseEntity<Map> r = post("gz1", "/engine-rest/task/" + city.getId() + "/claim", Map.of("userId", other));
            assertThat(r.getStatusCode().value()).isEqualTo(403);
            assertThat(message(r)).isEqualTo("只能由本人认领任务，不能认领给他人");
        }
        assertThat(tasks.createTaskQuery().taskId(city.getId()).singleResult().getAssignee()).isNull();
        assertThat(post("gz1", "/engine-rest/task/" + city.getId() + "/claim", Map.of("userId", "gz1")).getStatusCode().value())
                .isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(city.getId()).singleResult().getAssignee()).isEqualTo("gz1");

        // a second claim of a claimed task: someone else was first, a conflict (the engine REST said 500)
        ResponseEntity<Map> second = http.withBasicAuth("testadmin", "test-admin-secret")
                .postForEntity("/engine-rest/task/" + city.getId() + "/claim", Map.of("userId", "testadmin"), Map.class);
        assertThat(second.getStatusCode().value()).isEqualTo(409);
        assertThat(message(second)).isEqualTo("该任务已被他人认领，请刷新任务列表");
        assertThat(tasks.createTaskQuery().taskId(city.getId()).singleResult().getAssignee()).isEqualTo("gz1");
    }

    /** The same file-name limit on GradFlow's own upload (a Chinese name of ~150 characters got "超过 100 MB"). */
    @Test
    void photoUploadNamesStopAtTheirLimit() {
        String no = roster.eligibleStudent(LC_A, "XZGL");
        String before = photoSha(no);
        ResponseEntity<Map> tooLong = upload(no, "照".repeat(197) + ".jpg");
        assertThat(tooLong.getStatusCode().value()).isEqualTo(400);
        assertThat(message(tooLong)).isEqualTo("照片的文件名 最多 200 字，本次 201 字");
        ResponseEntity<Map> check = as("th1").exchange("/api/photos/check?profile=OUC_GRADUATION", HttpMethod.POST,
                new HttpEntity<>(photo("照".repeat(197) + ".jpg"), multipart()), Map.class);
        assertThat(check.getStatusCode().value()).isEqualTo(400);
        // far too long for a part header (Tomcat refuses it before GradFlow reads it): still the file name, not a size
        ResponseEntity<Map> huge = upload(no, "照".repeat(2000) + ".jpg");
        assertThat(huge.getStatusCode().value()).isEqualTo(400);
        assertThat(message(huge)).isEqualTo("上传文件的文件名过长：文件名最多 200 字");
        assertThat(photoSha(no)).isEqualTo(before);

        assertThat(upload(no, "照".repeat(196) + ".jpg").getStatusCode().value()).isEqualTo(200);
        assertThat(photoSha(no)).isNotEqualTo(before);
    }

    /**
     * Path variables and JSON bodies of /api that only look up: a long value is "not found", never a 500. A list of
     * student numbers to act on is refused whole (400) when one is longer than any student's, rather than answered
     * NOT_FOUND with the text echoed back (a 12 MB number came back whole).
     */
    @Test
    void apiLookupsTakeAnyLength() throws Exception {
        String longNo = "9".repeat(5000);
        ResponseEntity<Map> start = as("th1").postForEntity("/api/batches/" + BATCH + "/applications",
                Map.of("studentNos", List.of(longNo)), Map.class);
        assertThat(start.getStatusCode().value()).isEqualTo(400);
        assertThat(message(start)).startsWith("学号最多 32 个字符");
        assertThat(as("th1").getForEntity("/api/applications/" + BATCH + "/" + "9".repeat(500), Map.class)
                .getStatusCode().value()).isEqualTo(404);
        ResponseEntity<Map> list = as("gd1").postForEntity("/api/batches/" + BATCH + "/branches/" + "G".repeat(300)
                + "/hq-submissions", null, Map.class);
        assertThat(list.getStatusCode().value()).isEqualTo(404);
        assertThat(message(list)).startsWith("分部不存在");
        // a login name of any length is only looked up (from an address of its own: the failure is counted per source)
        HttpFrom.Response login = new HttpFrom("127.0.0.21", port).send("GET", "/api/notifications", Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("u".repeat(3000) + ":x").getBytes())), null);
        assertThat(login.status()).isEqualTo(401);
    }

    /** Four returns with 1000-character reasons outgrew the form's history text (an engine text): the fifth step answered 500. */
    @Test
    void aLongHistoryStillFitsTheForms() {
        ProcessInstance pi = appliedCase("XZGL");
        for (int round = 0; round < 5; round++) {
            assertThat(post("gz1", "/engine-rest/task/" + taskOf(pi).getId() + "/complete",
                    variables("decision", "REJECT", "reason", String.valueOf(round).repeat(1000))).getStatusCode().value())
                    .as("return " + round).isEqualTo(204);
            assertThat(post("th1", "/engine-rest/task/" + taskOf(pi).getId() + "/complete",
                    variables("correctionAction", "RESUBMIT", "reason", "已整改")).getStatusCode().value())
                    .as("resubmission " + round).isEqualTo(204);
            driver.runJobs(pi);
        }
        String history = (String) runtime.getVariable(pi.getId(), "historyText");
        assertThat(history.length()).isLessThanOrEqualTo(TextLimits.ENGINE_TEXT);
        assertThat(history).startsWith("- （更早的 ").contains("4".repeat(1000));
        assertThat(applications.decisions(applicationId(pi))).hasSize(11);
    }

    private ProcessInstance appliedCase(String major) {
        ProcessInstance pi = driver.start(roster.eligibleStudent(LC_A, major));
        driver.apply(pi, "th1", "GRADUATION");
        return pi;
    }

    private ProcessInstance doubtfulCase() {
        String no = roster.eligibleStudent(LC_A, "GSGL");
        roster.chsi(no, new ChsiStatus(true, true, true, false));
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, "th1", "GRADUATION");
        return pi;
    }

    private static Map<String, Object> identityPackage(String reviewFormName, String reviewFormType, byte[] reviewForm) {
        Map<String, Object> v = new HashMap<>();
        v.put("identityAction", Map.of("value", "SUBMIT"));
        v.put("reviewFormFile", file(reviewFormName, reviewFormType, reviewForm));
        v.put("registrationFormFile", file("登记表.pdf", "application/pdf", "%PDF-1.4 reg".getBytes()));
        v.put("admissionPhotoFile", file("a.jpg", "image/jpeg", PhotoFixtures.admissionJpeg()));
        v.put("graduationPhotoFile", file("g.jpg", "image/jpeg", PhotoFixtures.graduationJpeg()));
        return Map.of("variables", v);
    }

    private static Map<String, Object> file(String name, String type, byte[] content) {
        return Map.of("type", "File", "value", Base64.getEncoder().encodeToString(content),
                "valueInfo", Map.of("filename", name, "mimeType", type));
    }

    private static Map<String, Object> variables(String... namesAndValues) {
        Map<String, Object> v = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            v.put(namesAndValues[i], Map.of("value", namesAndValues[i + 1]));
        }
        return Map.of("variables", v);
    }

    private ResponseEntity<Map> submit(String user, Task task, Map<String, Object> body) {
        return post(user, "/engine-rest/task/" + task.getId() + "/submit-form", body);
    }

    private static void assertRefused(ResponseEntity<Map> response, String expected) {
        assertRefused(response.getStatusCode().value(), message(response), expected);
    }

    private static void assertRefused(int status, String message, String expected) {
        assertThat(status).as(message).isEqualTo(400);
        assertThat(message).contains(expected);
    }

    private void assertUnchanged(Task task, ProcessInstance pi, long decisions) {
        assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("task still open").isEqualTo(1);
        assertThat(decisions(pi)).as("decision trail").isEqualTo(decisions);
    }

    private long decisions(ProcessInstance pi) {
        return applications.decisions(applicationId(pi)).size();
    }

    private long documents(ProcessInstance pi) {
        return jdbc.sql("SELECT COUNT(*) FROM identity_review_document WHERE application_id = ?").param(applicationId(pi))
                .query(Long.class).single();
    }

    private long applicationId(ProcessInstance pi) {
        return applications.find(BATCH, pi.getBusinessKey().substring(BATCH.length() + 1)).orElseThrow().id();
    }

    private String photoSha(String studentNo) {
        return jdbc.sql("SELECT sha256 FROM photo WHERE student_no = ? AND kind = 'GRADUATION'").param(studentNo)
                .query(String.class).single();
    }

    private Task taskOf(ProcessInstance pi) {
        return tasks.createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey()).singleResult();
    }

    private ResponseEntity<Map> upload(String studentNo, String fileName) {
        return as("th1").exchange("/api/students/" + studentNo + "/photos/graduation", HttpMethod.PUT,
                new HttpEntity<>(photo(fileName), multipart()), Map.class);
    }

    private static MultiValueMap<String, Object> photo(String fileName) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("file", new ByteArrayResource(PhotoFixtures.graduationJpeg()) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        return body;
    }

    private static HttpHeaders multipart() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return headers;
    }

    private ResponseEntity<Map> post(String user, String path, Object body) {
        return as(user).postForEntity(path, body, Map.class);
    }

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, TestRoster.PASSWORD);
    }

    private static String message(ResponseEntity<Map> response) {
        return response.getBody() == null ? null : (String) response.getBody().get("message");
    }

    private static String message(String body) {
        try {
            return JSON.readTree(body).path("message").asText();
        } catch (Exception e) {
            return body;
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
