package cn.gradflow.cases;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.application.ApplicationProcess.Step;
import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.application.ApplicationState;
import cn.gradflow.checks.ApplicationChoice;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static cn.gradflow.testing.TestRoster.LC_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** The pending list round trip (decisions.xlsx) and lists over 1,000 students: jobs, one result per student or row. */
@GradFlowSpringTest
@SuppressWarnings({"unchecked", "rawtypes"})
class DecisionsWorkbookApiTest {

    /** The export's header row, shuffled, with a column of the clerk's own: read by header text. */
    static final List<String> HEADERS = List.of("决定", "学号", "姓名", "身份证号", "学习中心", "专业", "层次", "入学学期", "当前状态",
            "待办环节", "阻断规则", "备注（自加）", "学位类型", "承诺书", "原因");

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired ProcessEngine engine;
    @Autowired DecisionsJob decisionsJob;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        roster.ensureBase();
    }

    @Test
    void theFilledPendingListDecidesEachGoodRowAndReportsTheBadOnesWithRowAndColumn() throws IOException {
        String apply = roster.eligibleStudent(LC_A, "XZGL");
        String degree = roster.eligibleStudent(LC_A, "GSGL");
        String defer = roster.eligibleStudent(LC_A, "XZGL");
        ProcessInstance deferPi = driver.start(defer);
        String otherCentre = roster.eligibleStudent(LC_B, "XZGL");
        String untouched = roster.eligibleStudent(LC_A, "XZGL");

        byte[] workbook = workbook(List.of(
                row(apply, "申请毕业", null, null, null),
                row(degree, "申请毕业并申请学位", "国开学位", "是", null),
                row(untouched, "退回", null, null, null),              // row 4: no reason
                row(untouched, "毕业", null, null, null),              // row 5: no such decision
                row(untouched, null, null, null, null),                // row 6: skipped
                row(defer, "DEFER", null, null, "学生等待学位"),
                row(otherCentre, "申请毕业", null, null, null)));
        Map job = job(upload("th1", workbook, "待处理名单.xlsx"));

        assertThat(job).containsEntry("state", "DONE").containsEntry("kind", "decisions");
        assertThat((List<Map>) job.get("errors")).extracting(e -> e.get("row") + ":" + e.get("column") + ":" + e.get("code"))
                .containsExactly("4:原因:REASON_REQUIRED", "5:决定:UNKNOWN_DECISION", "8:null:FORBIDDEN"); // refusals are errors too
        assertThat((List<Map>) job.get("results")).extracting(r -> r.get("row") + ":" + r.get("studentNo") + ":" + r.get("result"))
                .containsExactly("2:" + apply + ":DONE", "3:" + degree + ":DONE", "4:" + untouched + ":ERROR",
                        "5:" + untouched + ":ERROR", "6:" + untouched + ":SKIPPED",
                        "7:" + defer + ":DONE", "8:" + otherCentre + ":FORBIDDEN");
        assertThat((Map<String, Object>) job.get("counts")).containsEntry("DONE", 3).containsEntry("ERROR", 2);
        assertThat(applications.find(BATCH, degree).orElseThrow().degreeType()).isEqualTo(ApplicationChoice.DegreeType.OUC);
        assertThat(applications.find(BATCH, untouched)).isEmpty();
        assertThat(deferPi).hasPassed(Step.END_DEFERRED.id()).isEnded();
        assertThat(http.withBasicAuth("th1", TestRoster.PASSWORD).getForEntity("/api/jobs/" + job.get("jobId") + "/report.xlsx",
                byte[].class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /**
     * Issue 13: the job decides its rows in chunks as the request path does; the rows' results keep their order, and a
     * student named twice is decided once, the second row answering as the task already done.
     */
    @Test
    void aJobDecidesItsRowsInChunksInTheirOrderAndAStudentNamedTwiceOnce() throws IOException {
        List<String> atCity = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String no = roster.eligibleStudent(LC_A, "XZGL");
            driver.apply(driver.start(no), "th1", "GRADUATION");
            atCity.add(no);
        }
        String notApplied = roster.eligibleStudent(LC_A, "XZGL");
        driver.start(notApplied);

        Map job = job(upload("gz1", workbook(List.of(
                row(atCity.get(0), "通过", null, null, null),
                row(atCity.get(1), "通过", null, null, null),
                row(atCity.get(0), "通过", null, null, null),      // row 4: named again
                row(notApplied, "通过", null, null, null),
                row(atCity.get(2), "退回", null, null, "照片模糊"))), "待处理名单.xlsx"), "gz1");

        assertThat(job).containsEntry("state", "DONE");
        assertThat((List<Map>) job.get("results")).extracting(r -> r.get("row") + ":" + r.get("studentNo") + ":" + r.get("result"))
                .containsExactly("2:" + atCity.get(0) + ":DONE", "3:" + atCity.get(1) + ":DONE",
                        "4:" + atCity.get(0) + ":ALREADY_DECIDED", "5:" + notApplied + ":NOT_AT_YOUR_TIER",
                        "6:" + atCity.get(2) + ":DONE");
        for (String no : atCity) {
            long id = applications.find(BATCH, no).orElseThrow().id();
            assertThat(applications.decisions(id)).as(no).filteredOn(d -> "gz1".equals(d.userId())).hasSize(1);
            assertThat(applications.trailIntact(id)).isTrue();
        }
        assertThat(applications.find(BATCH, atCity.get(2)).orElseThrow().state()).isEqualTo(ApplicationState.CORRECTION);
    }

    @Test
    void whatIsNoWorkbookIsRefusedAtOnceAndAWorkbookWithoutTheHeadersDecidesNothing() throws IOException {
        ResponseEntity<Map> csv = upload("th1", "学号,决定\n1,通过\n".getBytes(StandardCharsets.UTF_8), "名单.xlsx");
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat((String) csv.getBody().get("message")).contains("xlsx");
        byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        assertThat((String) upload("th1", xls, "名单.xls").getBody().get("message")).contains(".xls");
        assertThat(upload("th1", new byte[0], "空.xlsx").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        XSSFWorkbook wrong = new XSSFWorkbook();
        wrong.createSheet("待处理名单").createRow(0).createCell(0).setCellValue("学生");
        Map job = job(upload("th1", bytes(wrong), "错表头.xlsx"));
        assertThat(job).containsEntry("state", "ROLLED_BACK");
        assertThat((String) job.get("message")).contains("学号").contains("决定");
    }

    @Test
    void moreThanAThousandStudentsGoToAJobWithOneResultEach() {
        String real = roster.eligibleStudent(LC_A, "XZGL");
        List<String> studentNos = new ArrayList<>();
        for (int i = 0; i < DecisionsController.INLINE_LIMIT; i++) {
            studentNos.add("X" + i);
        }
        studentNos.add(real);
        ResponseEntity<Map> r = http.withBasicAuth("th1", TestRoster.PASSWORD).postForEntity("/api/batches/" + BATCH + "/decisions",
                Map.of("action", "APPLY", "studentNos", studentNos), Map.class);
        Map job = job(r);
        assertThat(job).containsEntry("state", "DONE").containsEntry("total", 1001).containsEntry("processed", 1001)
                .containsEntry("applied", 1);
        assertThat((Map<String, Object>) job.get("counts")).containsEntry("NOT_FOUND", 1000).containsEntry("DONE", 1);
        assertThat(applications.find(BATCH, real)).isPresent();
        assertThat(http.getForEntity("/api/jobs/" + job.get("jobId"), Map.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("py1", TestRoster.PASSWORD).getForEntity("/api/jobs/" + job.get("jobId"), Map.class)
                .getStatusCode().is4xxClientError()).as("another user's job").isTrue();
    }

    /** A job interrupted after recording a student resumes with the next one: the recorded one is not asked again. */
    @Test
    void aResumedJobSkipsTheStudentsItRecorded() throws Exception {
        String recorded = roster.eligibleStudent(LC_A, "XZGL");
        String next = roster.eligibleStudent(LC_A, "XZGL");
        List<cn.gradflow.jobs.JobItem> items = new ArrayList<>();
        Map<String, Long> counts = new java.util.HashMap<>();
        Map<String, Long> progress = new java.util.HashMap<>();
        Map<String, String> params = Map.of("batchCode", BATCH, "source", "list", "action", "APPLY", "commitmentLetter", "false",
                "total", "2");
        cn.gradflow.jobs.JobContext resumed = new cn.gradflow.jobs.JobContext() {
            public String jobId() { return "resume-test"; }
            public String ownerId() { return "th1"; }
            public Map<String, String> params() { return params; }
            public java.io.InputStream openInput() {
                return new java.io.ByteArrayInputStream((recorded + "\n" + next).getBytes(StandardCharsets.UTF_8));
            }
            public long inputSize() { return 0; }
            public void total(long total) { }
            public void progress(long processed, long applied) { progress.put("processed", processed); progress.put("applied", applied); }
            public void count(String name, long value) { counts.put(name, value); }
            public void item(cn.gradflow.jobs.JobItem item) { items.add(item); }
            public java.util.Set<String> recordedKeys() { return java.util.Set.of(recorded); }
            public Map<String, Long> recordedCounts() { return Map.of("DONE", 1L); }
            public long[] recordedProgress() { return new long[] {1, 1}; }
        };
        roster.authenticate("th1"); // as the jobs core runs a job: with its owner's authentication
        try {
            assertThat(decisionsJob.run(resumed).state()).isEqualTo(cn.gradflow.jobs.JobState.DONE);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        assertThat(items).extracting(i -> i.key() + ":" + i.result()).containsExactly(next + ":DONE");
        assertThat(applications.find(BATCH, recorded)).isEmpty();
        // the counts and progress go on from where the interrupted run left them
        assertThat(counts).containsEntry("DONE", 2L);
        assertThat(progress).containsEntry("processed", 2L).containsEntry("applied", 2L);
    }

    private Map job(ResponseEntity<Map> accepted) {
        return job(accepted, "th1");
    }

    private Map job(ResponseEntity<Map> accepted, String owner) {
        assertThat(accepted.getStatusCode()).as(String.valueOf(accepted.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        String id = (String) accepted.getBody().get("jobId");
        ResponseEntity<Map> r = http.withBasicAuth(owner, TestRoster.PASSWORD).getForEntity("/api/jobs/" + id + "?size=200", Map.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    private ResponseEntity<Map> upload(String user, byte[] content, String name) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.withBasicAuth(user, TestRoster.PASSWORD).postForEntity("/api/batches/" + BATCH + "/decisions.xlsx",
                new HttpEntity<>(parts, headers), Map.class);
    }

    private static Map<String, String> row(String studentNo, String decision, String degreeType, String letter, String reason) {
        Map<String, String> row = new java.util.HashMap<>();
        row.put("学号", studentNo);
        row.put("姓名", "某某");
        row.put("决定", decision);
        row.put("学位类型", degreeType);
        row.put("承诺书", letter);
        row.put("原因", reason);
        return row;
    }

    private static byte[] workbook(List<Map<String, String>> rows) throws IOException {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet sheet = wb.createSheet("待处理名单");
        Row header = sheet.createRow(0);
        for (int c = 0; c < HEADERS.size(); c++) {
            header.createCell(c).setCellValue(HEADERS.get(c));
        }
        for (int r = 0; r < rows.size(); r++) {
            Row row = sheet.createRow(r + 1);
            for (int c = 0; c < HEADERS.size(); c++) {
                String value = rows.get(r).get(HEADERS.get(c));
                if (value != null && HEADERS.get(c).equals("学号") && r % 2 == 0) {
                    row.createCell(c).setCellValue(Double.parseDouble(value)); // a 学号 typed as a number, 13 digits
                } else if (value != null) {
                    row.createCell(c).setCellValue(value);
                }
            }
        }
        return bytes(wb);
    }

    private static byte[] bytes(XSSFWorkbook wb) throws IOException {
        try (wb; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.write(out);
            return out.toByteArray();
        }
    }
}
