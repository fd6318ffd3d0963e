package cn.gradflow.jobs;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.common.SchoolClock;
import cn.gradflow.testing.EchoJobWork;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/** Background jobs: results as rows, visible only to their owner, a report workbook, and resumption after a crash. */
@GradFlowSpringTest
class JobsTest {

    @Autowired Jobs jobs;
    @Autowired JobRepository repo;
    @Autowired IdentityService identity;
    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired JdbcClient jdbc;
    @Autowired SchoolClock clock;

    @AfterEach
    void signOut() {
        identity.clearAuthentication();
    }

    private String submitAs(String user, String lines, Map<String, String> params) {
        identity.setAuthentication(user, List.of(TestRoster.LC_A));
        try {
            return jobs.submit(EchoJobWork.KIND, params, new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
        } finally {
            identity.clearAuthentication();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aJobReportsItsItemsToItsOwnerOnly() throws Exception {
        roster.ensureBase();
        String id = submitAs("th1", "ok:2001\nbad:2002\nok:2003\n", Map.of());

        ResponseEntity<Map> mine = http.withBasicAuth("th1", TestRoster.PASSWORD).getForEntity("/api/jobs/" + id, Map.class);
        assertThat(mine.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> job = mine.getBody();
        assertThat(job.get("state")).isEqualTo("DONE");
        assertThat(job.get("kind")).isEqualTo(EchoJobWork.KIND);
        assertThat(((Number) job.get("processed")).intValue()).isEqualTo(3);
        assertThat(((Number) job.get("applied")).intValue()).isEqualTo(2);
        assertThat((Map<String, Object>) job.get("counts")).containsEntry("runAs:th1", 1).containsEntry("processed", 3);
        List<Map<String, Object>> errors = (List<Map<String, Object>>) job.get("errors");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.get("studentNo")).isEqualTo("2002");
            assertThat(e.get("code")).isEqualTo("BAD");
            assertThat(e.get("message")).isEqualTo("测试：不合规");
        });
        List<Map<String, Object>> results = (List<Map<String, Object>>) job.get("results");
        assertThat(results).extracting(r -> r.get("studentNo")).containsExactly("2001", "2002", "2003");
        assertThat(results).extracting(r -> r.get("result")).containsExactly("DONE", "INVALID", "DONE");
        assertThat(job.get("reportUrl")).isEqualTo("/api/jobs/" + id + "/report.xlsx");

        assertThat(http.withBasicAuth("py1", TestRoster.PASSWORD).getForEntity("/api/jobs/" + id, Map.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.withBasicAuth("py1", TestRoster.PASSWORD).getForEntity("/api/jobs/" + id + "/report.xlsx", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.withBasicAuth("th1", TestRoster.PASSWORD).getForEntity("/api/jobs/nonsense", Map.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.withBasicAuth("th1", TestRoster.PASSWORD).getForEntity("/api/jobs/" + id + "?size=5000", Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        ResponseEntity<byte[]> report = http.withBasicAuth("th1", TestRoster.PASSWORD)
                .getForEntity("/api/jobs/" + id + "/report.xlsx", byte[].class);
        assertThat(report.getStatusCode()).isEqualTo(HttpStatus.OK);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(report.getBody()))) {
            var sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(5).getStringCellValue()).isEqualTo("说明");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("2002");
            assertThat(sheet.getRow(2).getCell(5).getStringCellValue()).isEqualTo("测试：不合规");
        }
        // the upload is gone once the job ended
        assertThat(jdbc.sql("SELECT COUNT(*) FROM bulk_job_input WHERE job_id = :id").param("id", id).query(Long.class).single()).isZero();
    }

    @Test
    void aFailureIsShownInChineseWithoutItsTechnicalText() {
        roster.ensureBase();
        JobRepository.JobRow failed = repo.find(submitAs("th1", "ok:1\nfail\n", Map.of())).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.message()).startsWith("任务执行失败，未作任何更改").contains("错误号").doesNotContain("SQL");

        JobRepository.JobRow refused = repo.find(submitAs("th1", "refuse\n", Map.of())).orElseThrow();
        assertThat(refused.state()).isEqualTo(JobState.FAILED);
        assertThat(refused.message()).isEqualTo("测试：文件不是有效的工作簿");
    }

    @Test
    void anUploadOfSeveralChunksIsReadBackByteForByte() throws Exception {
        roster.ensureBase();
        byte[] upload = new byte[Jobs.CHUNK_BYTES * 3 + 12345];
        new Random(7).nextBytes(upload);
        identity.setAuthentication("th1", List.of(TestRoster.LC_A));
        String id;
        try {
            id = jobs.submit(EchoJobWork.KIND, Map.of("mode", "sha"), new ByteArrayInputStream(upload));
        } finally {
            identity.clearAuthentication();
        }
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(upload));
        assertThat(repo.items(id, false, 10, 0)).extracting(JobItem::key).containsExactly(expected);
        assertThat(repo.find(id).orElseThrow().inputSize()).isEqualTo(upload.length);
    }

    @Test
    void aJobWhoseNodeDiedIsResumedWhereItStopped() {
        roster.ensureBase();
        // a job the dead node had claimed, with the first student already done, its heartbeat an hour old
        String id = "00000000-0000-0000-0000-000000000042";
        Timestamp old = Timestamp.valueOf(clock.now().minusHours(1));
        repo.insert(id, EchoJobWork.KIND, "th1", "{}", old);
        repo.insertChunk(id, 0, "ok:3001\nok:3002\n".getBytes(StandardCharsets.UTF_8));
        repo.inputSize(id, 16);
        jdbc.sql("UPDATE bulk_job SET state = 'RUNNING', node = 'dead', heartbeat_at = :old, attempts = 1 WHERE id = :id")
                .param("old", old).param("id", id).update();
        repo.insertItems(id, 0, List.of(JobItem.of("3001", "DONE", null, "已办理", false)));

        assertThat(jobs.runClaimable()).isEqualTo(1);

        JobRepository.JobRow job = repo.find(id).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.DONE);
        assertThat(job.attempts()).isEqualTo(2);
        assertThat(repo.items(id, false, 10, 0)).extracting(JobItem::key).containsExactly("3001", "3002");
        assertThat(repo.counts(id)).containsEntry("runAs:th1", 1L);
        assertThat(jobs.runClaimable()).as("an ended job is never taken again").isZero();
    }

    @Test
    void aJobThatKeepsDyingIsStoppedAfterItsAttempts() {
        String id = "00000000-0000-0000-0000-000000000043";
        Timestamp old = Timestamp.valueOf(clock.now().minusHours(1));
        repo.insert(id, EchoJobWork.KIND, "th1", "{}", old);
        jdbc.sql("UPDATE bulk_job SET state = 'RUNNING', node = 'dead', heartbeat_at = :old, attempts = 3 WHERE id = :id")
                .param("old", old).param("id", id).update();
        jobs.runClaimable();
        JobRepository.JobRow job = repo.find(id).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.message()).contains("已中断 3 次");
    }

    @Test
    void aNodeThatLostItsJobCanNeitherReportNorEndIt() {
        // the stalled node claimed it, stopped beating, and node "other" took it over
        String id = "00000000-0000-0000-0000-000000000044";
        Timestamp now = Timestamp.valueOf(clock.now());
        repo.insert(id, EchoJobWork.KIND, "th1", "{}", now);
        repo.insertChunk(id, 0, "ok:3001\n".getBytes(StandardCharsets.UTF_8));
        jdbc.sql("UPDATE bulk_job SET state = 'RUNNING', node = 'other', heartbeat_at = :now, attempts = 2 WHERE id = :id")
                .param("now", now).param("id", id).update();

        assertThat(repo.progress(id, "stalled", 1, 1, 1, now)).isFalse();
        assertThat(repo.finish(id, "stalled", JobState.DONE, "done", now)).isFalse();
        JobRepository.JobRow job = repo.find(id).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(job.processed()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM bulk_job_input WHERE job_id = :id").param("id", id).query(Long.class).single())
                .as("the upload stays for the node that owns the job").isEqualTo(1L);

        assertThat(repo.progress(id, "other", 1, 1, 1, now)).isTrue();
        assertThat(repo.finish(id, "other", JobState.DONE, "done", now)).isTrue();
        assertThat(repo.find(id).orElseThrow().state()).isEqualTo(JobState.DONE);
    }
}
