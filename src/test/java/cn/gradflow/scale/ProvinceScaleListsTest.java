package cn.gradflow.scale;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.application.ApplicationState;
import cn.gradflow.application.CaseClosing;
import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.batchflow.BatchFlow;
import cn.gradflow.batchflow.BatchProcess;
import cn.gradflow.batchflow.BatchProcess.Milestone;
import cn.gradflow.common.FanOut;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.SCALE_BRANCH;
import static cn.gradflow.testing.TestRoster.SCALE_LATER_BATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * The paths over many cases at a province's size: 20,000 cases of one branch, written straight into
 * the tables; the engine works only on the cases a step touches. Each path must hold the whole list in
 * rows, keep every form variable short, and fan out one job per chunk and per case.
 */
@GradFlowSpringTest
class ProvinceScaleListsTest {

    static final int CASES = 20_000;

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired CaseClosing closing;
    @Autowired BatchRepository batches;
    @Autowired BatchFlow flow;
    @Autowired JdbcClient jdbc;
    @Autowired JdbcTemplate jdbcTemplate;
    @Autowired TestRestTemplate http;
    @Autowired SchoolClock clock;

    private static boolean seeded;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        roster.ensureScaleBranch();
        seed();
    }

    /** 20,000 students (10,000 per centre) whose cases wait for HQ in 202601 and for their city in 202607. */
    private synchronized void seed() {
        if (seeded) {
            return;
        }
        Timestamp now = clock.timestamp();
        List<Object[]> students = new ArrayList<>();
        List<Object[]> waiting = new ArrayList<>();
        List<Object[]> atCity = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String no = String.format("8%011d", i);
            students.add(new Object[] {no, "规模" + i, String.format("S%017d", i), i % 2 == 0 ? "PSA01" : "PSB01", "XZGL", "202303"});
            waiting.add(new Object[] {BATCH, no, "GRADUATION", "FIRST", "AWAITING_HQ", "BRANCH", now, now});
            atCity.add(new Object[] {SCALE_LATER_BATCH, no, "GRADUATION", "FIRST", "CITY_REVIEW", "CITY", now, now});
        }
        jdbcTemplate.batchUpdate("INSERT INTO student (student_no, name, id_number, unit_code, major_code, enrolment_term) VALUES (?, ?, ?, ?, ?, ?)", students);
        String application = "INSERT INTO application (batch_code, student_no, kind, application_round, state, tier, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        jdbcTemplate.batchUpdate(application, waiting);
        jdbcTemplate.batchUpdate(application, atCity);
        seeded = true;
    }

    @Test
    void theHqListOf20000IsCompiledConfirmedAndSentOneCasePerJob() {
        // two real cases among them: one goes to HQ, one is closed while it sits on the list
        String real = approvedToHq("PSA01", "psa01", "psa1");
        String closedMeanwhile = approvedToHq("PSB01", "psb01", "psb1");

        ResponseEntity<Map> started = http.withBasicAuth("ps1", TestRoster.PASSWORD)
                .postForEntity("/api/batches/" + BATCH + "/branches/" + SCALE_BRANCH + "/hq-submissions", null, Map.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ProcessInstance list = runtime.createProcessInstanceQuery().processInstanceId((String) started.getBody().get("processInstanceId")).singleResult();
        Number submissionId = (Number) started.getBody().get("submissionId");
        assertThat((String) started.getBody().get("list")).startsWith("共 " + (CASES + 2) + " 人");
        assertThat(list).isWaitingAt("ConfirmHqList");

        // what each city sees: a short summary in the form, the whole list page by page
        for (Task confirm : tasks.createTaskQuery().processInstanceId(list.getId()).list()) {
            String summary = (String) tasks.getVariable(confirm.getId(), "cityListSummary");
            assertThat(summary).startsWith("本分校共 " + (CASES / 2 + 1) + " 人").contains("请打开完整名单分页查看");
            assertThat(summary.length()).isLessThan(4000);
        }
        ResponseEntity<Map> lastPage = http.withBasicAuth("psa1", TestRoster.PASSWORD)
                .getForEntity("/api/hq-submissions/" + submissionId + "/items?city=PSA&page=50&size=200", Map.class);
        assertThat(lastPage.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(((Number) lastPage.getBody().get("total")).intValue()).isEqualTo(CASES / 2 + 1);
        assertThat((List<?>) lastPage.getBody().get("items")).hasSize(1);
        assertThat(http.withBasicAuth("psb1", TestRoster.PASSWORD)
                .getForEntity("/api/hq-submissions/" + submissionId + "/items", Map.class).getStatusCode())
                .as("a city sees its own part only").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.withBasicAuth("gz1", TestRoster.PASSWORD)
                .getForEntity("/api/hq-submissions/" + submissionId + "/items?city=GDGZ", Map.class).getStatusCode())
                .as("a city of another branch learns nothing of this list").isEqualTo(HttpStatus.NOT_FOUND);

        closing.close(BATCH, closedMeanwhile, "测试：名单上的申请在上报前关闭");
        confirmAs(list, "PSA", "psa1");
        confirmAs(list, "PSB", "psb1");

        // the last click committed its answer only; sending is the list's own work, in jobs
        assertThat(list).isWaitingAt("SubmitHqList");
        assertThat(applications.find(BATCH, real).orElseThrow().state()).isEqualTo(ApplicationState.AWAITING_HQ);
        management.executeJob(jobs(list.getId(), "SubmitHqList").singleResult().getId());

        List<Job> chunks = jobs(list.getId(), "DeliverToHq").list();
        assertThat(chunks).hasSize((CASES + 2 + FanOut.CHUNK_SIZE - 1) / FanOut.CHUNK_SIZE);
        assertThat(list).isWaitingAt("HqTurnaroundElapsed"); // HQ's clock runs from the submission, whatever the sending does
        // the real cases sort last: the last chunk holds them
        runChunk(list, "DeliverToHq", "DeliverCaseToHq", chunks.size() - 1);

        assertThat(applications.find(BATCH, real).orElseThrow().state()).isEqualTo(ApplicationState.HQ_REVIEW);
        assertThat(applications.find(BATCH, closedMeanwhile).orElseThrow().state()).isEqualTo(ApplicationState.CLOSED);
        assertThat(delivery(submissionId, real)).isEqualTo("DELIVERED");
        assertThat(delivery(submissionId, closedMeanwhile)).isEqualTo("NOT_WAITING");
        assertThat(runtime.createIncidentQuery().processInstanceId(list.getId()).count()).isZero();
        assertNoLongStrings(list);
    }

    @Test
    void theCloseOf20000ListsThemOnceThenClosesOneCasePerJob() {
        BatchCalendar calendar = batches.findCalendar(SCALE_LATER_BATCH, SCALE_BRANCH).orElseThrow();
        ProcessInstance batch = flow.startOrReplan(SCALE_LATER_BATCH, SCALE_BRANCH);
        for (Milestone m : List.of(Milestone.FIRST_ROUND_OPENS, Milestone.FIRST_ROUND_REMINDER, Milestone.FIRST_ROUND_CLOSES,
                Milestone.SECOND_ROUND_OPENS, Milestone.SECOND_ROUND_REMINDER, Milestone.BATCH_CLOSES)) {
            assertThat(batch).isWaitingAt(m.activityId());
            management.executeJob(management.createJobQuery().processInstanceId(batch.getId()).timers().singleResult().getId());
        }
        // the reminder counted per unit in the database: one notice per city holding cases
        assertThat(jdbc.sql("SELECT message FROM notification WHERE unit_code = 'PSA' AND kind = 'DEADLINE_REMINDER'")
                .query(String.class).list()).anyMatch(m -> m.contains("尚有 " + CASES / 2 + " 个申请待办理"));

        management.executeJob(jobs(batch.getId(), "CloseUnapprovedCases").singleResult().getId());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM batch_closure WHERE batch_code = ? AND branch_code = ?")
                .params(SCALE_LATER_BATCH, SCALE_BRANCH).query(Long.class).single()).isEqualTo(CASES);
        List<Job> chunks = jobs(batch.getId(), "CloseCases").list();
        assertThat(chunks).hasSize(CASES / FanOut.CHUNK_SIZE);

        runChunk(batch, "CloseCases", "CloseCase", 0);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM batch_closure WHERE batch_code = ? AND branch_code = ? AND outcome IS NOT NULL")
                .params(SCALE_LATER_BATCH, SCALE_BRANCH).query(Long.class).single()).isEqualTo(FanOut.CHUNK_SIZE);
        assertThat(jobs(batch.getId(), "CloseCases").count()).isEqualTo(CASES / FanOut.CHUNK_SIZE - 1);

        ResponseEntity<Map> page = http.withBasicAuth("psb1", TestRoster.PASSWORD).getForEntity("/api/batches/" + SCALE_LATER_BATCH
                + "/branches/" + SCALE_BRANCH + "/closures?unit=PSB&size=200", Map.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(((Number) page.getBody().get("total")).intValue()).isEqualTo(CASES / 2);
        assertNoLongStrings(batch);
        assertThat(calendar).isNotNull();
    }

    @Test
    void theSweepOf20000ExpiredListsThemOnceThenTerminatesOneStudentPerJob() {
        List<Object[]> expired = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            expired.add(new Object[] {String.format("7%011d", i), "到期" + i, String.format("E%017d", i), i % 2 == 0 ? "PSA01" : "PSB01", "XZGL", "201709"});
        }
        // and 60 in one centre for whom 202607 is the last chance (their 8 years end 2026秋): a notice of 60 rows
        for (int i = 0; i < 60; i++) {
            expired.add(new Object[] {String.format("6%011d", i), "末次" + i, String.format("L%017d", i), "PSA01", "XZGL", "201809"});
        }
        jdbcTemplate.batchUpdate("INSERT INTO student (student_no, name, id_number, unit_code, major_code, enrolment_term) VALUES (?, ?, ?, ?, ?, ?)", expired);
        BatchCalendar calendar = batches.findCalendar(SCALE_LATER_BATCH, SCALE_BRANCH).orElseThrow();
        batches.saveCalendar(new BatchCalendar(SCALE_LATER_BATCH, SCALE_BRANCH, calendar.scopeFrom(), calendar.scopeTo(),
                calendar.exemptionCutoff(), calendar.firstRound(), calendar.secondRound(), null, null, null, calendar.cityReviewDue(),
                calendar.branchReviewDue(), calendar.hqReviewDue(), null, null, null, LocalDate.of(2026, 9, 1), 3));
        flow.startOrReplan(SCALE_LATER_BATCH, SCALE_BRANCH);
        ProcessInstance expiry = runtime.createProcessInstanceQuery().processDefinitionKey(BatchProcess.EXPIRY_KEY)
                .processInstanceBusinessKey(SCALE_LATER_BATCH + "-" + SCALE_BRANCH).singleResult();
        management.executeJob(jobs(expiry.getId(), "WarnExpiringStudents").singleResult().getId());
        assertThat(jdbc.sql("SELECT student_count FROM notification WHERE unit_code = 'PSA01' AND kind = 'EXPIRY_WARNING' AND batch_code = ?")
                .param(SCALE_LATER_BATCH).query(Integer.class).single()).isEqualTo(60);
        management.executeJob(management.createJobQuery().processInstanceId(expiry.getId()).timers().singleResult().getId());
        management.executeJob(jobs(expiry.getId(), "SweepExpiredStudents").singleResult().getId());

        assertThat(jdbc.sql("SELECT COUNT(*) FROM status_cleanup WHERE batch_code = ? AND branch_code = ?")
                .params(SCALE_LATER_BATCH, SCALE_BRANCH).query(Long.class).single()).isEqualTo(CASES + 60); // the warned expire by then too
        assertThat(jobs(expiry.getId(), "SweepCases").count())
                .isEqualTo((CASES + 60 + FanOut.CHUNK_SIZE - 1) / FanOut.CHUNK_SIZE);
        runChunk(expiry, "SweepCases", "TerminateStatus", 0);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM student WHERE (student_no LIKE '6%' OR student_no LIKE '7%') AND status = 'TERMINATED'")
                .query(Long.class).single()).isEqualTo(FanOut.CHUNK_SIZE);
        assertNoLongStrings(expiry);
    }

    /** A case of the branch taken through centre, city and branch by the engine. */
    private String approvedToHq(String centre, String centreUser, String cityUser) {
        String no = roster.eligibleStudent(centre, "XZGL");
        ProcessInstance pi = driver.start(no);
        driver.apply(pi, centreUser, "GRADUATION");
        driver.approve(pi, cityUser);
        driver.approve(pi, "ps1");
        assertThat(applications.find(BATCH, no).orElseThrow().state()).isEqualTo(ApplicationState.AWAITING_HQ);
        return no;
    }

    private void confirmAs(ProcessInstance list, String city, String user) {
        Task task = tasks.createTaskQuery().processInstanceId(list.getId()).taskCandidateGroup(city).singleResult();
        roster.authenticate(user);
        try {
            tasks.complete(task.getId(), Map.of("confirmation", "CONFIRM"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /** Runs one chunk's job (it only creates its cases' jobs), then every case job it created. */
    private void runChunk(ProcessInstance instance, String chunkActivity, String caseActivity, int chunk) {
        Job chunkJob = jobs(instance.getId(), chunkActivity).list().stream()
                .filter(j -> Integer.valueOf(chunk).equals(runtime.getVariableLocal(j.getExecutionId(), FanOut.CHUNK.name())))
                .findFirst().orElseThrow();
        management.executeJob(chunkJob.getId());
        List<Job> cases = jobs(instance.getId(), caseActivity).list();
        assertThat(cases).hasSizeBetween(1, FanOut.CHUNK_SIZE);
        cases.forEach(j -> management.executeJob(j.getId()));
        assertThat(jobs(instance.getId(), caseActivity).count()).isZero();
    }

    /** The jobs of one activity of the instance, by the activity's job definition. */
    private org.camunda.bpm.engine.runtime.JobQuery jobs(String processInstanceId, String activityId) {
        // an inner instance's job (asyncBefore on the loop) has its own definition; a plain activity's has the id
        return management.createJobQuery().processInstanceId(processInstanceId).jobDefinitionId(
                management.createJobDefinitionQuery().activityIdIn(activityId).singleResult().getId());
    }

    private String delivery(Number submissionId, String studentNo) {
        return jdbc.sql("SELECT delivery FROM hq_submission_item WHERE submission_id = ? AND student_no = ?")
                .params(submissionId.longValue(), studentNo).query(String.class).single();
    }

    /** No String variable of the instance comes near the engine's 4,000 characters. */
    private void assertNoLongStrings(ProcessInstance instance) {
        history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list().stream()
                .filter(v -> v.getValue() instanceof String)
                .forEach(v -> assertThat(((String) v.getValue()).length()).as(v.getName()).isLessThan(4000));
    }
}
