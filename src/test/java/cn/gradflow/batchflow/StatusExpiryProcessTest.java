package cn.gradflow.batchflow;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.gradflow.application.ApplicationDriver;
import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.application.ApplicationState;
import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.batch.NotificationRepository;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Student;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.BATCH_TEST_BRANCH;
import static cn.gradflow.testing.TestRoster.LC_BATCH_TEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** processes/status-expiry.bpmn: the last-chance warning and the clean-up at exactly 8 years (R-EL-02). */
@GradFlowSpringTest
class StatusExpiryProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired TaskService tasks;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired RosterRepository students;
    @Autowired BatchRepository batches;
    @Autowired NotificationRepository notifications;
    @Autowired BatchFlow flow;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        roster.ensureBase();
    }

    @Test
    void lastChanceIsWarnedAndTheExpiredAreTerminatedWithTheirApplicationsClosed() {
        String old = roster.studentEnrolledIn(LC_BATCH_TEST, "201709");     // expired since 202509
        String exact = roster.studentEnrolledIn(LC_BATCH_TEST, "201803");   // 8 years in 202603: 202601 is the last batch
        String fresh = roster.studentEnrolledIn(LC_BATCH_TEST, "201809");   // valid until 202609
        ProcessInstance oldCase = driver.start(old);
        assertThat(oldCase).isWaitingAt("CorrectApplication");

        BatchCalendar calendar = batches.findCalendar(BATCH, BATCH_TEST_BRANCH).orElseThrow();
        BatchCalendar withCleanup = new BatchCalendar(BATCH, BATCH_TEST_BRANCH, calendar.scopeFrom(), calendar.scopeTo(),
                calendar.exemptionCutoff(), calendar.firstRound(), calendar.secondRound(), null, null, null,
                calendar.cityReviewDue(), calendar.branchReviewDue(), calendar.hqReviewDue(), null, null, null,
                LocalDate.of(2026, 3, 1), 3);
        batches.saveCalendar(withCleanup);
        try {
            runtime.createProcessInstanceQuery().processInstanceBusinessKey(BATCH + "-" + BATCH_TEST_BRANCH).list()
                    .forEach(pi -> runtime.deleteProcessInstanceIfExists(pi.getId(), "测试重新开始", false, true, false, false));
            flow.startOrReplan(BATCH, BATCH_TEST_BRANCH);
            ProcessInstance expiry = runtime.createProcessInstanceQuery().processDefinitionKey(BatchProcess.EXPIRY_KEY)
                    .processInstanceBusinessKey(BATCH + "-" + BATCH_TEST_BRANCH).singleResult();
            // the warning reads the whole branch: a job of its own, not the calendar's save
            assertThat(expiry).isWaitingAt("WarnExpiringStudents");
            runJobs(expiry);
            assertThat(expiry).isWaitingAt("ExpiryCleanupDay");
            NotificationRepository.Notification warning = notifications.forUnits(List.of(LC_BATCH_TEST), 20).stream()
                    .filter(n -> n.kind().equals("EXPIRY_WARNING")).findFirst().orElseThrow();
            assertThat(warning.message()).contains("名学生学籍将于下一批次（2026年7月）前到期");
            assertThat(notifications.students(warning.id(), 0, 10_000)).extracting(NotificationRepository.ListedStudent::studentNo)
                    .contains(exact).doesNotContain(fresh, old);

            List<Job> timers = management.createJobQuery().processInstanceId(expiry.getId()).timers().list();
            management.executeJob(timers.get(0).getId());
            runJobs(expiry); // the list, then one job per chunk and one per student, then the report
            assertThat(expiry).hasPassed("SweepExpiredStudents", "TerminateStatus", "ReportExpired");

            assertThat(students.findStudent(old).orElseThrow().status()).isEqualTo(Student.Status.TERMINATED);
            assertThat(students.findStudent(exact).orElseThrow().status()).isEqualTo(Student.Status.TERMINATED);
            assertThat(students.findStudent(fresh).orElseThrow().status()).isEqualTo(Student.Status.ENROLLED);
            assertThat(oldCase).isEnded().hasPassed("EndClosed");
            assertThat(applications.find(BATCH, old).orElseThrow().state()).isEqualTo(ApplicationState.CLOSED);

            assertThat(expiry).isWaitingAt("ConfirmExpiryReport");
            assertThat((String) runtime.getVariable(expiry.getId(), "expiryReport")).startsWith("共 ").contains("- " + LC_BATCH_TEST + "：");
            assertThat(jdbc.sql("SELECT student_no FROM status_cleanup WHERE batch_code = ? AND branch_code = ? AND outcome = 'TERMINATED'")
                    .params(BATCH, BATCH_TEST_BRANCH).query(String.class).list()).contains(old, exact).doesNotContain(fresh);
            NotificationRepository.Notification terminated = notifications.forUnits(List.of(LC_BATCH_TEST), 20).stream()
                    .filter(n -> n.kind().equals("STATUS_TERMINATED")).findFirst().orElseThrow();
            assertThat(notifications.students(terminated.id(), 0, 10_000)).extracting(NotificationRepository.ListedStudent::studentNo)
                    .contains(old, exact).doesNotContain(fresh);
            tasks.complete(tasks.createTaskQuery().processInstanceId(expiry.getId()).singleResult().getId(),
                    Map.of("expiryReportAcknowledged", true));
            assertThat(expiry).isEnded();
        } finally {
            batches.saveCalendar(calendar);
        }
    }

    private void runJobs(ProcessInstance instance) {
        List<Job> due;
        while (!(due = management.createJobQuery().processInstanceId(instance.getId()).messages().list()).isEmpty()) {
            due.forEach(j -> management.executeJob(j.getId()));
        }
    }
}
