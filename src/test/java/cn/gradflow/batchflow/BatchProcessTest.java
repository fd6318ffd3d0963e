package cn.gradflow.batchflow;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
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
import cn.gradflow.batchflow.BatchProcess.Milestone;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.BATCH_TEST_BRANCH;
import static cn.gradflow.testing.TestRoster.LC_BATCH_TEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * processes/graduation-batch.bpmn, travelling in time by running each timer job: every timer, a
 * moved date, reminders to units with open work, and the close that ends unapproved cases (R-BA-04).
 */
@GradFlowSpringTest
class BatchProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired cn.gradflow.common.SchoolClock clock;
    @Autowired ManagementService management;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
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
    void timersFollowTheCalendarRemindAndCloseUnapprovedCases() {
        String approved = roster.eligibleStudent(LC_BATCH_TEST, "XZGL");
        ProcessInstance a = driver.start(approved);
        driver.apply(a, "tblc1", "GRADUATION");
        driver.approve(a, "tb1");
        String pending = roster.eligibleStudent(LC_BATCH_TEST, "XZGL");
        ProcessInstance b = driver.start(pending);

        ProcessInstance batch = freshBatch();
        BatchCalendar calendar = batches.findCalendar(BATCH, BATCH_TEST_BRANCH).orElseThrow();
        assertThat(batch).isWaitingAt(Milestone.FIRST_ROUND_OPENS.activityId());
        assertThat(due(timer(batch))).isEqualTo(calendar.firstRound().open().atStartOfDay());

        // the branch moves the opening day: the waiting timer moves with it
        BatchCalendar moved = new BatchCalendar(BATCH, BATCH_TEST_BRANCH, calendar.scopeFrom(), calendar.scopeTo(),
                calendar.exemptionCutoff(), new BatchCalendar.Window(calendar.firstRound().open().plusDays(1),
                calendar.firstRound().close()), calendar.secondRound(), null, null, null, calendar.cityReviewDue(),
                calendar.branchReviewDue(), calendar.hqReviewDue(), null, null, null, null, 2);
        batches.saveCalendar(moved);
        flow.startOrReplan(BATCH, BATCH_TEST_BRANCH);
        assertThat(due(timer(batch))).isEqualTo(moved.firstRound().open().atStartOfDay());

        fire(batch, Milestone.FIRST_ROUND_OPENS);
        assertThat(kinds(LC_BATCH_TEST)).contains("WINDOW_OPEN");
        assertThat(due(timer(batch))).isEqualTo(moved.firstRound().close().minusDays(2).atTime(9, 0));

        fire(batch, Milestone.FIRST_ROUND_REMINDER);
        assertThat(notifications.forUnits(List.of(LC_BATCH_TEST), 1)).singleElement()
                .satisfies(n -> assertThat(n.message()).contains("尚有 1 个申请待办理"));

        fire(batch, Milestone.FIRST_ROUND_CLOSES);
        fire(batch, Milestone.SECOND_ROUND_OPENS);
        fire(batch, Milestone.SECOND_ROUND_REMINDER);
        assertThat(due(timer(batch))).isEqualTo(moved.finalClose().plusDays(1).atStartOfDay());
        fire(batch, Milestone.BATCH_CLOSES);
        assertThat(batch).isWaitingAt("CloseUnapprovedCases"); // the close runs in jobs: one to list, one per case
        runJobs(batch);

        assertThat(b).isEnded().hasPassed("EndClosed");
        assertThat(applications.find(BATCH, pending).orElseThrow().state()).isEqualTo(ApplicationState.CLOSED);
        assertThat(applications.decisions(applications.find(BATCH, pending).orElseThrow().id())).last()
                .satisfies(d -> assertThat(d.reason()).contains("已于 " + moved.finalClose() + " 关闭"));
        // the approved case was not closed: it went on the final list to HQ
        assertThat(batch).isWaitingAt("FinalHqSubmission");
        assertThat(applications.find(BATCH, approved).orElseThrow().state()).isEqualTo(ApplicationState.HQ_REVIEW);
        assertThat(notifications.forUnits(List.of(BATCH_TEST_BRANCH), 50)).filteredOn(n -> n.kind().equals("BATCH_CLOSED"))
                .first().satisfies(n -> assertThat(n.message()).contains("1 个未经分部复审通过的申请已结束"));
        batches.saveCalendar(calendar);
    }

    @Test
    void gradeRecheckAndCoopMaterialDeadlinesAreAnnouncedOnTheirDay() {
        BatchCalendar calendar = batches.findCalendar(BATCH, BATCH_TEST_BRANCH).orElseThrow();
        LocalDate recheck = clock.today().plusDays(40);
        BatchCalendar withDeadlines = new BatchCalendar(BATCH, BATCH_TEST_BRANCH, calendar.scopeFrom(), calendar.scopeTo(),
                calendar.exemptionCutoff(), calendar.firstRound(), calendar.secondRound(), null, null, null,
                calendar.cityReviewDue(), calendar.branchReviewDue(), calendar.hqReviewDue(), recheck, recheck.plusDays(3),
                null, null, 3);
        batches.saveCalendar(withDeadlines);
        try {
            ProcessInstance batch = freshBatch();
            assertThat(batch).isWaitingAt(Milestone.FIRST_ROUND_OPENS.activityId(), Milestone.GRADE_RECHECK_DEADLINE.activityId());
            Job recheckTimer = management.createJobQuery().processInstanceId(batch.getId()).timers().list().stream()
                    .filter(j -> due(j).equals(recheck.atStartOfDay())).findFirst().orElseThrow();
            management.executeJob(recheckTimer.getId());
            assertThat(kinds(LC_BATCH_TEST)).contains("DEADLINE");
            assertThat(batch).isWaitingAt(Milestone.COOP_MATERIAL_DEADLINE.activityId());
            Job coopTimer = management.createJobQuery().processInstanceId(batch.getId()).timers().list().stream()
                    .filter(j -> due(j).equals(recheck.plusDays(3).atStartOfDay())).findFirst().orElseThrow();
            management.executeJob(coopTimer.getId());
            assertThat(notifications.forUnits(List.of(LC_BATCH_TEST), 50)).anyMatch(n -> n.message().contains("合作学位材料今日"));
            assertThat(batch).hasPassed("AnnounceCoopMaterialDeadline", "GwDeadlinesDone")
                    .isWaitingAt(Milestone.FIRST_ROUND_OPENS.activityId());
        } finally {
            batches.saveCalendar(calendar);
        }
    }

    @Test
    void eachUnitReportsStatisticsWithReminderAndOverdueEscalation() {
        BatchCalendar calendar = batches.findCalendar(BATCH, BATCH_TEST_BRANCH).orElseThrow();
        LocalDate due = clock.today().plusDays(10);
        BatchCalendar withStatistics = new BatchCalendar(BATCH, BATCH_TEST_BRANCH, calendar.scopeFrom(), calendar.scopeTo(),
                calendar.exemptionCutoff(), calendar.firstRound(), calendar.secondRound(), null, null, null,
                calendar.cityReviewDue(), calendar.branchReviewDue(), calendar.hqReviewDue(), null, null, due, null, 3);
        batches.saveCalendar(withStatistics);
        try {
            ProcessInstance batch = freshBatch();
            for (Milestone m : List.of(Milestone.FIRST_ROUND_OPENS, Milestone.FIRST_ROUND_REMINDER, Milestone.FIRST_ROUND_CLOSES,
                    Milestone.SECOND_ROUND_OPENS, Milestone.SECOND_ROUND_REMINDER, Milestone.BATCH_CLOSES)) {
                fire(batch, m);
            }
            runJobs(batch);

            assertThat(batch).isWaitingAt("ReportGraduateStatistics");
            org.camunda.bpm.engine.task.Task report = engine.getTaskService().createTaskQuery()
                    .processInstanceId(batch.getId()).taskDefinitionKey("ReportGraduateStatistics").singleResult();
            assertThat(engine.getTaskService().getIdentityLinksForTask(report.getId()))
                    .anyMatch(l -> BATCH_TEST_BRANCH.equals(l.getGroupId())); // a college reports for itself
            assertThat(report.getDueDate()).isNotNull();

            List<Job> timers = management.createJobQuery().processInstanceId(batch.getId()).timers().list();
            Job reminder = timers.stream().filter(j -> due(j).equals(due.minusDays(3).atTime(9, 0))).findFirst().orElseThrow();
            management.executeJob(reminder.getId());
            assertThat(notifications.forUnits(List.of(BATCH_TEST_BRANCH), 1)).singleElement()
                    .satisfies(n -> assertThat(n.message()).contains("毕业生人数统计表须于 " + due));
            Job overdue = management.createJobQuery().processInstanceId(batch.getId()).timers().list().stream()
                    .filter(j -> due(j).equals(due.plusDays(1).atStartOfDay())).findFirst().orElseThrow();
            management.executeJob(overdue.getId());
            org.camunda.bpm.engine.task.Task escalation = engine.getTaskService().createTaskQuery()
                    .processInstanceId(batch.getId()).taskDefinitionKey("StatisticsOverdueEscalation").singleResult();
            assertThat(engine.getTaskService().getVariableLocal(escalation.getId(), "missingStatistics")).isEqualTo(BATCH_TEST_BRANCH);

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(report.getId(),
                    java.util.Map.of("graduates", 3, "degreeApplicants", 5))).hasMessageContaining("学位申请人数不大于毕业生人数");
            engine.getTaskService().complete(report.getId(), java.util.Map.of("graduates", 12, "degreeApplicants", 4));
            engine.getTaskService().complete(escalation.getId(), java.util.Map.of("statisticsOverdueAcknowledged", true));
            assertThat(batch).hasPassed("StatisticsEscalated", "StatisticsReminded");
        } finally {
            batches.saveCalendar(calendar);
        }
    }

    /**
     * From the calendar to 批次结束 on each chain shape: windows, the close (one job per case), the final
     * list to HQ (a city confirms where there is one), statistics per reporting unit, HQ on time.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "TB, TB01, tblc1, , tb1, TB, tb1",
            "TC, TCS01, tcslc1, tcs1, tc1, TCS, tcs1"})
    void theBatchRunsToItsEndOnEachChainShape(String branch, String centre, String centreUser, String cityUser,
                                              String branchUser, String statisticsUnit, String statisticsUser) {
        BatchCalendar calendar = batches.findCalendar(BATCH, branch).orElseThrow();
        LocalDate statisticsDue = calendar.finalClose().plusDays(20);
        batches.saveCalendar(new BatchCalendar(BATCH, branch, calendar.scopeFrom(), calendar.scopeTo(),
                calendar.exemptionCutoff(), calendar.firstRound(), calendar.secondRound(), null, null, null,
                calendar.cityReviewDue(), calendar.branchReviewDue(), calendar.hqReviewDue(), null, null, statisticsDue, null, 3));
        try {
            String approved = roster.eligibleStudent(centre, "XZGL");
            ProcessInstance toHq = driver.start(approved);
            driver.apply(toHq, centreUser, "GRADUATION");
            if (cityUser != null) {
                driver.approve(toHq, cityUser);
            }
            driver.approve(toHq, branchUser);
            String pending = roster.eligibleStudent(centre, "XZGL");
            ProcessInstance unapproved = driver.start(pending);

            ProcessInstance batch = freshBatch(branch);
            for (Milestone m : List.of(Milestone.FIRST_ROUND_OPENS, Milestone.FIRST_ROUND_REMINDER, Milestone.FIRST_ROUND_CLOSES,
                    Milestone.SECOND_ROUND_OPENS, Milestone.SECOND_ROUND_REMINDER, Milestone.BATCH_CLOSES)) {
                fire(batch, m);
            }
            runJobs(batch);
            assertThat(unapproved).isEnded().hasPassed("EndClosed");
            assertThat(batch).hasPassed("CloseCase", "AnnounceBatchClosed");

            ProcessInstance list = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(batch.getId()).singleResult();
            if (cityUser != null) {
                org.camunda.bpm.engine.task.Task confirm = engine.getTaskService().createTaskQuery().processInstanceId(list.getId())
                        .taskCandidateGroup(statisticsUnit).singleResult();
                engine.getTaskService().complete(confirm.getId(), java.util.Map.of("confirmation", "CONFIRM"));
                runJobs(batch);
            }
            assertThat(applications.find(BATCH, approved).orElseThrow().state()).isEqualTo(ApplicationState.HQ_REVIEW);
            driver.approve(toHq, "hq1");

            org.camunda.bpm.engine.task.Task report = engine.getTaskService().createTaskQuery().processInstanceId(batch.getId())
                    .taskDefinitionKey("ReportGraduateStatistics").taskCandidateGroup(statisticsUnit).singleResult();
            roster.authenticate(statisticsUser);
            try {
                engine.getTaskService().complete(report.getId(), java.util.Map.of("graduates", 1, "degreeApplicants", 0));
            } finally {
                engine.getIdentityService().clearAuthentication();
            }
            assertThat(batch).isWaitingAt("FinalHqSubmission");

            management.executeJob(management.createJobQuery().processInstanceId(list.getId()).timers().singleResult().getId());
            assertThat(list).isEnded().hasPassed("HqReviewOnTime", "ListDelivered");
            assertThat(batch).isEnded().hasPassed("BatchFinished", "GwStatisticsDone", "JoinAfterClose");
        } finally {
            batches.saveCalendar(calendar);
        }
    }

    /** The test branch's batch process, started anew: another test of the class may have left one behind. */
    private ProcessInstance freshBatch() {
        return freshBatch(BATCH_TEST_BRANCH);
    }

    private ProcessInstance freshBatch(String branch) {
        engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(BATCH + "-" + branch)
                .list().forEach(pi -> engine.getRuntimeService().deleteProcessInstanceIfExists(pi.getId(), "测试重新开始", false, true, false, false));
        jdbc.sql("DELETE FROM batch_closure WHERE branch_code = ?").param(branch).update();
        return flow.startOrReplan(BATCH, branch);
    }

    private void fire(ProcessInstance batch, Milestone milestone) {
        assertThat(batch).isWaitingAt(milestone.activityId());
        management.executeJob(timer(batch).getId());
    }

    private Job timer(ProcessInstance batch) {
        return management.createJobQuery().processInstanceId(batch.getId()).timers().singleResult();
    }

    /** What the job executor would do: every async continuation of the batch and of the lists it called. */
    private void runJobs(ProcessInstance batch) {
        List<Job> due;
        while (!(due = management.createJobQuery().processInstanceIds(tree(batch)).messages().list()).isEmpty()) {
            due.forEach(j -> management.executeJob(j.getId()));
        }
    }

    private java.util.Set<String> tree(ProcessInstance batch) {
        java.util.Set<String> ids = new java.util.HashSet<>(java.util.Set.of(batch.getId()));
        engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(batch.getId()).list()
                .forEach(sub -> ids.add(sub.getId()));
        return ids;
    }

    /** A timer's moment as the schools read it (Beijing time), whatever zone the test runs in. */
    private LocalDateTime due(Job job) {
        return LocalDateTime.ofInstant(job.getDuedate().toInstant(), clock.getZone());
    }

    private List<String> kinds(String unit) {
        return notifications.forUnits(List.of(unit), 50).stream().map(NotificationRepository.Notification::kind).toList();
    }
}
