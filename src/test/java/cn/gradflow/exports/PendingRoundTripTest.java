package cn.gradflow.exports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.application.ApplicationState;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The round trip as a clerk makes it: the pending list exported, 决定 (and 原因) filled in the exported sheet
 * itself, the file sent back to decisions.xlsx; rows left empty are skipped.
 */
@GradFlowSpringTest
@SuppressWarnings({"unchecked", "rawtypes"})
class PendingRoundTripTest {

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired ProcessEngine engine;

    @Test
    void theExportedPendingListFilledInDecidesItsStudents() throws IOException {
        AbstractAssertions.init(engine);
        roster.ensureBase();
        String apply = roster.eligibleStudent(TestRoster.LC_A, "XZGL");
        String defer = roster.eligibleStudent(TestRoster.LC_A, "XZGL");
        driver.start(apply);
        driver.start(defer);

        ResponseEntity<byte[]> exported = http.withBasicAuth("th1", TestRoster.PASSWORD)
                .exchange("/api/batches/" + BATCH + "/exports/pending.xlsx", HttpMethod.GET, null, byte[].class);
        assertThat(exported.getStatusCode()).isEqualTo(HttpStatus.OK);
        byte[] filled;
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(exported.getBody()))) {
            Sheet sheet = wb.getSheet("待处理名单");
            List<String> headers = WorkbookExports.PENDING_HEADERS;
            int decision = headers.indexOf("决定");
            int reason = headers.indexOf("原因");
            DataFormatter format = new DataFormatter();
            int found = 0;
            for (Row row : sheet) {
                String no = format.formatCellValue(row.getCell(0));
                if (no.equals(apply)) {
                    assertThat(format.formatCellValue(row.getCell(7))).isEqualTo(ApplicationState.APPLYING.label());
                    row.createCell(decision).setCellValue("申请毕业");
                    found++;
                } else if (no.equals(defer)) {
                    row.createCell(decision).setCellValue("暂缓毕业");
                    row.createCell(reason).setCellValue("学生等待学位");
                    found++;
                }
            }
            assertThat(found).isEqualTo(2);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            filled = out.toByteArray();
        }

        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(filled) {
            @Override
            public String getFilename() {
                return "待处理名单-" + BATCH + "-GDGZ01.xlsx";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<Map> accepted = http.withBasicAuth("th1", TestRoster.PASSWORD).postForEntity("/api/batches/" + BATCH + "/decisions.xlsx",
                new HttpEntity<>(parts, headers), Map.class);
        assertThat(accepted.getStatusCode()).as(String.valueOf(accepted.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        Map job = http.withBasicAuth("th1", TestRoster.PASSWORD)
                .getForEntity("/api/jobs/" + accepted.getBody().get("jobId") + "?size=200", Map.class).getBody();

        assertThat(job).containsEntry("state", "DONE");
        assertThat((List<Map>) job.get("results")).extracting(r -> r.get("studentNo") + ":" + r.get("result"))
                .contains(apply + ":DONE", defer + ":DONE")
                .allMatch(r -> r.endsWith(":DONE") || r.endsWith(":SKIPPED"));
        // applied: the choice is recorded; the checks that follow run as a job (none runs here)
        assertThat(applications.find(BATCH, apply).orElseThrow().kind()).isEqualTo(cn.gradflow.checks.ApplicationChoice.Kind.GRADUATION);
        assertThat(applications.find(BATCH, defer).orElseThrow().state()).isEqualTo(ApplicationState.DEFERRED);
    }
}
