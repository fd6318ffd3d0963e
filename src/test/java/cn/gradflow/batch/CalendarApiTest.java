package cn.gradflow.batch;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

@GradFlowSpringTest
class CalendarApiTest {

    @Autowired TestRestTemplate http;
    @Autowired TestRoster roster;
    @Autowired org.camunda.bpm.engine.RuntimeService runtime;

    @BeforeEach
    void setUp() {
        roster.ensureBase();
    }

    @Test
    void branchRegistryReadsAndSavesItsCalendarOthersCannot() {
        ResponseEntity<Map> current = as("gd1").getForEntity("/api/batches/202601/calendars/GD", Map.class);
        assertThat(current.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> body = new HashMap<>(current.getBody());
        body.put("reminderDays", 5);

        assertThat(put("gd1", "/api/batches/202601/calendars/GD", body).getBody()).containsEntry("reminderDays", 5);
        assertThat(put("gz1", "/api/batches/202601/calendars/GD", body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(put("smjk1", "/api/batches/202601/calendars/GD", body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(put("hq1", "/api/batches/202601/calendars/GD", body).getStatusCode()).isEqualTo(HttpStatus.OK);

        Map<String, Object> broken = new HashMap<>(body);
        broken.put("secondRound", body.get("firstRound"));
        ResponseEntity<Map> refused = put("gd1", "/api/batches/202601/calendars/GD", broken);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) refused.getBody().get("message")).contains("第二批须在首批结束之后开始");

        Map<String, Object> missing = new HashMap<>(body);
        missing.remove("hqReviewDue");
        assertThat((String) put("gd1", "/api/batches/202601/calendars/GD", missing).getBody().get("message"))
                .contains("hqReviewDue");
    }

    @Test
    void cityWindowMustLieInsideTheBranchWindow() {
        Map<String, Object> calendar = as("gd1").getForEntity("/api/batches/202601/calendars/GD", Map.class).getBody();
        Map<String, Object> first = (Map<String, Object>) calendar.get("firstRound");

        ResponseEntity<Map> ok = put("gz1", "/api/batches/202601/city-windows/GDGZ",
                Map.of("round", "FIRST", "open", first.get("open"), "close", first.get("close")));
        assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<Map> outside = put("gz1", "/api/batches/202601/city-windows/GDGZ",
                Map.of("round", "FIRST", "open", "2020-01-01", "close", first.get("close")));
        assertThat(outside.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) outside.getBody().get("message")).contains("之内");

        assertThat(put("sg1", "/api/batches/202601/city-windows/GDGZ",
                Map.of("round", "FIRST", "open", first.get("open"), "close", first.get("close"))).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void datesOutsideTwoThousandToTwoThousandOneHundredAreRefusedAndChangeNothing() {
        Map<String, Object> body = new HashMap<>(as("gd1").getForEntity("/api/batches/202601/calendars/GD", Map.class).getBody());
        Map<String, Object> typo = new HashMap<>(body);
        typo.put("statisticsDue", "20266-07-01");
        assertThat(put("gd1", "/api/batches/202601/calendars/GD", typo).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        typo.put("statisticsDue", "1926-07-01");
        ResponseEntity<Map> refused = put("gd1", "/api/batches/202601/calendars/GD", typo);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) refused.getBody().get("message")).contains("statisticsDue", "2000-01-01", "2100-12-31");
        assertThat(as("gd1").getForEntity("/api/batches/202601/calendars/GD", Map.class).getBody()).isEqualTo(body);
    }

    /**
     * Calendars as the notices give them (R-BA-02, R-EL-05): 山东 202601 "2018春及以后" and no
     * exemption cut-off; 生命健康 202307 "2021春及以前" and no cut-off. The fields are left out (or
     * null) and read back as null; a scope with neither side is refused.
     */
    @Test
    void calendarsWithAnOpenScopeAndNoExemptionCutoffAreSavedAndReadBackAsNull() {
        Map<String, Object> before = new HashMap<>(as("tc1").getForEntity("/api/batches/202601/calendars/TC", Map.class).getBody());
        try {
            Map<String, Object> shandong = new HashMap<>(before);
            shandong.put("scopeFrom", "201803");
            shandong.remove("scopeTo");
            shandong.remove("exemptionCutoff");
            ResponseEntity<Map> saved = put("tc1", "/api/batches/202601/calendars/TC", shandong);
            assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
            Map<String, Object> read = as("tc1").getForEntity("/api/batches/202601/calendars/TC", Map.class).getBody();
            assertThat(read).containsEntry("scopeFrom", "201803").containsEntry("scopeTo", null)
                    .containsEntry("exemptionCutoff", null).containsEntry("firstRound", before.get("firstRound"));

            Map<String, Object> lifeHealth = new HashMap<>(before);
            lifeHealth.put("scopeFrom", null);
            lifeHealth.put("scopeTo", "202103");
            lifeHealth.put("exemptionCutoff", null);
            assertThat(put("tc1", "/api/batches/202601/calendars/TC", lifeHealth).getStatusCode()).isEqualTo(HttpStatus.OK);
            read = as("tc1").getForEntity("/api/batches/202601/calendars/TC", Map.class).getBody();
            assertThat(read).containsEntry("scopeFrom", null).containsEntry("scopeTo", "202103")
                    .containsEntry("exemptionCutoff", null);

            Map<String, Object> unbounded = new HashMap<>(before);
            unbounded.remove("scopeFrom");
            unbounded.remove("scopeTo");
            ResponseEntity<Map> refused = put("tc1", "/api/batches/202601/calendars/TC", unbounded);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat((String) refused.getBody().get("message")).contains("入学学期范围须至少写明起点或终点");
            assertThat(as("tc1").getForEntity("/api/batches/202601/calendars/TC", Map.class).getBody()).isEqualTo(read);
        } finally {
            assertThat(put("tc1", "/api/batches/202601/calendars/TC", before).getStatusCode()).isEqualTo(HttpStatus.OK);
        }
    }

    /**
     * R-BA-08: the continuing-students deadline (生命健康 202307) is optional, read back as saved, and
     * refused outside the batch (before the first round opens or after the branch's ordinary review due).
     */
    @Test
    void continuingAuditDueIsSavedReadBackAndRefusedOutsideTheBatch() {
        Map<String, Object> before = new HashMap<>(as("tc1").getForEntity("/api/batches/202601/calendars/TC", Map.class).getBody());
        assertThat(before).containsEntry("continuingAuditDue", null);
        String firstOpen = (String) ((Map<?, ?>) before.get("firstRound")).get("open");
        String branchDue = (String) before.get("branchReviewDue");
        try {
            Map<String, Object> early = new HashMap<>(before);
            early.put("continuingAuditDue", branchDue);
            assertThat(put("tc1", "/api/batches/202601/calendars/TC", early).getStatusCode()).isEqualTo(HttpStatus.OK);
            Map<String, Object> read = as("tc1").getForEntity("/api/batches/202601/calendars/TC", Map.class).getBody();
            assertThat(read).containsEntry("continuingAuditDue", branchDue);

            Map<String, Object> tooLate = new HashMap<>(before);
            tooLate.put("continuingAuditDue", java.time.LocalDate.parse(branchDue).plusDays(1).toString());
            ResponseEntity<Map> refused = put("tc1", "/api/batches/202601/calendars/TC", tooLate);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat((String) refused.getBody().get("message")).contains("续读本科审核截止日");

            Map<String, Object> tooEarly = new HashMap<>(before);
            tooEarly.put("continuingAuditDue", java.time.LocalDate.parse(firstOpen).minusDays(1).toString());
            assertThat(put("tc1", "/api/batches/202601/calendars/TC", tooEarly).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(as("tc1").getForEntity("/api/batches/202601/calendars/TC", Map.class).getBody()).isEqualTo(read);
        } finally {
            assertThat(put("tc1", "/api/batches/202601/calendars/TC", before).getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        assertThat(as("tc1").getForEntity("/api/batches/202601/calendars/TC", Map.class).getBody())
                .containsEntry("continuingAuditDue", null);
    }

    /** R-EL-06/R-PH-01 (生命健康 202307): the second round's photo deadline is saved, read back, refused after that round. */
    @Test
    void secondRoundPhotoDueIsSavedReadBackAndRefusedAfterTheRound() {
        Map<String, Object> before = new HashMap<>(as("tc1").getForEntity("/api/batches/202601/calendars/TC", Map.class).getBody());
        assertThat(before).containsEntry("secondRoundPhotoDue", null);
        String secondClose = (String) ((Map<?, ?>) before.get("secondRound")).get("close");
        try {
            Map<String, Object> onLastDay = new HashMap<>(before);
            onLastDay.put("secondRoundPhotoDue", secondClose);
            assertThat(put("tc1", "/api/batches/202601/calendars/TC", onLastDay).getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(as("tc1").getForEntity("/api/batches/202601/calendars/TC", Map.class).getBody())
                    .containsEntry("secondRoundPhotoDue", secondClose);

            Map<String, Object> after = new HashMap<>(before);
            after.put("secondRoundPhotoDue", java.time.LocalDate.parse(secondClose).plusDays(1).toString());
            ResponseEntity<Map> refused = put("tc1", "/api/batches/202601/calendars/TC", after);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat((String) refused.getBody().get("message")).contains("第二批毕业照片截止日");
        } finally {
            assertThat(put("tc1", "/api/batches/202601/calendars/TC", before).getStatusCode()).isEqualTo(HttpStatus.OK);
        }
    }

    /** The row, the timers and the processes the save starts commit together or not at all. */
    @Test
    void aSaveThatFailsAtItsLastStepLeavesNoTrace() {
        Map<String, Object> before = new HashMap<>(as("tc1").getForEntity("/api/batches/202601/calendars/TC", Map.class).getBody());
        long instancesBefore = runtime.createProcessInstanceQuery().processInstanceBusinessKey("202601-TC").count();
        Map<String, Object> changed = new HashMap<>(before);
        changed.put("reminderDays", 7);
        changed.put("expiryCleanupDate", "2026-09-01");
        cn.gradflow.testing.CalendarSaveFault.arm("TC");
        try {
            ResponseEntity<Map> failed = put("tc1", "/api/batches/202601/calendars/TC", changed);
            assertThat(failed.getStatusCode().is5xxServerError()).isTrue();
            assertThat((String) failed.getBody().get("message")).doesNotContain("测试：");
        } finally {
            cn.gradflow.testing.CalendarSaveFault.disarm();
        }
        assertThat(as("tc1").getForEntity("/api/batches/202601/calendars/TC", Map.class).getBody()).isEqualTo(before);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("202601-TC").count()).isEqualTo(instancesBefore);
    }

    private ResponseEntity<Map> put(String user, String url, Object body) {
        return as(user).exchange(url, HttpMethod.PUT, new HttpEntity<>(body), Map.class);
    }

    private TestRestTemplate as(String user) {
        return http.withBasicAuth(user, TestRoster.PASSWORD);
    }
}
