package cn.gradflow.application;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import cn.gradflow.application.ApplicationProcess.Step;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

/**
 * Issue 13: a technical failure of the audit run in a bulk start loses nothing and keeps the job's retries: the chunk
 * is started again one student at a time, each with the audit job; the failing student's job fails, is retried and
 * ends as an incident in Cockpit, while the others are audited. Its own context and in-memory database (the audit
 * delegate is a spy that fails for chosen students), so no other test meets the failure.
 */
// its own engine name too: Camunda keeps engines in a static registry by name, and /engine-rest and the webapps of
// the shared test context would otherwise find this context's engine (other database, other users) under "default"
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:gradflow-start-audit-failure;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "camunda.bpm.process-engine-name=startAuditFailure"})
@ActiveProfiles("test")
class StartAuditFailureTest {

    @MockitoSpyBean(name = "checkEligibility") CheckEligibilityDelegate audit;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired TestRoster roster;
    @Autowired ApplicationStarter starter;
    @Autowired ApplicationRepository applications;
    @Autowired BatchRepository batches;
    @Autowired SchoolClock clock;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired cn.gradflow.cases.DashboardSummary dashboard;

    private final Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Students whose audit fails with an Error, as a class of the checks that cannot be loaded would. */
    private final Set<String> failingWithError = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<String> failingWithDuplicateKey = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        roster.ensureBase();
        doAnswer(call -> {
            DelegateExecution execution = call.getArgument(0);
            if (failing.contains(ApplicationProcess.STUDENT_NO.require(execution))) {
                throw new IllegalStateException("模拟的技术故障（测试）");
            }
            if (failingWithDuplicateKey.contains(ApplicationProcess.STUDENT_NO.require(execution))) {
                throw new org.springframework.dao.DuplicateKeyException("模拟的重复键（测试）");
            }
            if (failingWithError.contains(ApplicationProcess.STUDENT_NO.require(execution))) {
                throw new NoClassDefFoundError("模拟的类加载故障（测试）");
            }
            return call.callRealMethod();
        }).when(audit).execute(any());
    }

    @Test
    void aFailingAuditInABulkStartStartsEveryoneAndLeavesTheFailureToTheJobsRetriesAndAnIncident() {
        String before = roster.eligibleStudent(LC_A, "GSGL");
        String broken = roster.eligibleStudent(LC_A, "GSGL");
        String after = roster.eligibleStudent(LC_A, "GSGL");
        failing.add(broken);

        List<StartResult> results = starter.startAll(batches.findBatch(BATCH).orElseThrow(), List.of(before, broken, after),
                clock.today());

        // all three committed, each with the audit job (the chunk was started again one at a time)
        assertThat(results).extracting(StartResult::result).containsOnly(StartResult.Outcome.STARTED);
        for (String no : List.of(before, broken, after)) {
            ProcessInstance pi = instance(no);
            assertThat(pi).isWaitingAt(Step.CHECK_ELIGIBILITY.id()).hasNotPassed(Step.CHECK_ELIGIBILITY_AT_START.id());
            assertThat(applications.find(BATCH, no).orElseThrow().processInstanceId()).isEqualTo(pi.getId());
        }
        for (String no : List.of(before, after)) {
            management.executeJob(job(no).getId());
            assertThat(instance(no)).isWaitingAt(Step.SUBMIT_APPLICATION.id());
        }

        // the failing audit: retried (R5/PT5M), then an incident at the audit; the case stays, in CHECKING
        assertThatThrownBy(() -> management.executeJob(job(broken).getId())).hasMessageContaining("模拟的技术故障");
        Job failed = job(broken);
        assertThat(failed.getRetries()).isEqualTo(4);
        assertThat(failed.getExceptionMessage()).contains("模拟的技术故障");
        management.setJobRetries(failed.getId(), 1);
        assertThatThrownBy(() -> management.executeJob(failed.getId())).hasMessageContaining("模拟的技术故障");
        assertThat(runtime.createIncidentQuery().processInstanceId(instance(broken).getId()).activityId(Step.CHECK_ELIGIBILITY.id())
                .count()).isEqualTo(1);
        assertThat(applications.find(BATCH, broken).orElseThrow().state()).isEqualTo(ApplicationState.CHECKING);

        // mended, the job run again from Cockpit (retries set) audits the case as any other
        failing.clear();
        management.setJobRetries(failed.getId(), 1);
        management.executeJob(failed.getId());
        assertThat(instance(broken)).isWaitingAt(Step.SUBMIT_APPLICATION.id());
    }

    @Test
    void aFailingAuditInTheMiddleOfAFullChunkStartsEachStudentOnceAndLeavesNothingOfTheRolledBackChunk() {
        List<String> chunk = new java.util.ArrayList<>();
        for (int i = 0; i < ApplicationStarter.CHUNK; i++) {
            chunk.add(i % 2 == 0 ? roster.eligibleStudent(LC_A, "GSGL") : roster.studentWithoutPhoto(LC_A));
        }
        String broken = chunk.get(ApplicationStarter.CHUNK / 2);
        String nextChunk = roster.studentWithoutPhoto(LC_A);
        failing.add(broken);
        List<String> all = new java.util.ArrayList<>(chunk);
        all.add(nextChunk);
        long findingsBefore = count("SELECT COUNT(*) FROM finding");
        long trailBefore = count("SELECT COUNT(*) FROM decision_log");

        List<StartResult> results = starter.startAll(batches.findBatch(BATCH).orElseThrow(), all, clock.today());

        assertThat(results).extracting(StartResult::result).containsOnly(StartResult.Outcome.STARTED);
        assertThat(results).hasSize(all.size());
        for (String no : all) {
            String key = ApplicationProcess.businessKey(BATCH, no);
            // exactly once: one row, one instance, in the runtime and in the history (a rolled-back start left none)
            assertThat(count("SELECT COUNT(*) FROM application WHERE batch_code = '" + BATCH + "' AND student_no = '" + no + "'"))
                    .isEqualTo(1);
            assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE BUSINESS_KEY_ = '" + key + "'")).isEqualTo(1);
            assertThat(applications.find(BATCH, no).orElseThrow().processInstanceId()).isEqualTo(instance(no).getId());
        }
        // the chunk started again one at a time: each waits for its audit job, nothing of the inline audits is left
        for (String no : chunk) {
            ProcessInstance pi = instance(no);
            assertThat(pi).isWaitingAt(Step.CHECK_ELIGIBILITY.id()).hasNotPassed(Step.CHECK_ELIGIBILITY_AT_START.id());
            assertThat(applications.find(BATCH, no).orElseThrow().state()).isEqualTo(ApplicationState.CHECKING);
            assertThat(count("SELECT COUNT(*) FROM open_task WHERE process_instance_id = '" + pi.getId() + "'")).isZero();
            assertThat(count("SELECT COUNT(*) FROM ACT_HI_ACTINST WHERE PROC_INST_ID_ = '" + pi.getId()
                    + "' AND ACT_ID_ = '" + Step.CHECK_ELIGIBILITY_AT_START.id() + "'")).isZero();
        }
        // the next chunk is audited at its start again
        assertThat(instance(nextChunk)).hasPassed(Step.CHECK_ELIGIBILITY_AT_START.id()).isWaitingAt(Step.CORRECT_APPLICATION.id());
        assertThat(count("SELECT COUNT(*) FROM finding")).as("only the next chunk's student's findings")
                .isEqualTo(findingsBefore + applications.findings(applications.find(BATCH, nextChunk).orElseThrow().id()).size());
        assertThat(count("SELECT COUNT(*) FROM decision_log")).isEqualTo(trailBefore);
        // the dashboard's triggers wrote no delta for a rolled-back row: the summary equals the tables
        assertThat(dashboard.reconcile()).isZero();

        for (int i = 0; i < chunk.size(); i++) {
            String no = chunk.get(i);
            if (!no.equals(broken)) {
                management.executeJob(job(no).getId());
                assertThat(instance(no)).isWaitingAt(i % 2 == 0 ? Step.SUBMIT_APPLICATION.id() : Step.CORRECT_APPLICATION.id());
                assertThat(applications.trailIntact(applications.find(BATCH, no).orElseThrow().id())).isTrue();
            }
        }
        assertThatThrownBy(() -> management.executeJob(job(broken).getId())).hasMessageContaining("模拟的技术故障");
        assertThat(dashboard.reconcile()).isZero();
        assertThat(count("SELECT COUNT(*) FROM open_task o JOIN application a ON a.process_instance_id = o.process_instance_id"
                + " WHERE a.student_no IN ('" + String.join("','", chunk) + "')")).isEqualTo(chunk.size() - 1);
    }

    /**
     * An audit failing with an Error (a LinkageError: a class of the checks that cannot be loaded, a static initialiser
     * that failed) is a technical failure like any other: the job executor turns it into a failed job, its retries and
     * an incident. Started in bulk it must do the same, not fail the request with the chunk's students unstarted.
     */
    @Test
    void anAuditFailingWithAnErrorInABulkStartStartsEveryoneAndLeavesTheFailureToTheJob() {
        String before = roster.eligibleStudent(LC_A, "GSGL");
        String broken = roster.eligibleStudent(LC_A, "GSGL");
        String after = roster.eligibleStudent(LC_A, "GSGL");
        failingWithError.add(broken);

        List<StartResult> results = starter.startAll(batches.findBatch(BATCH).orElseThrow(), List.of(before, broken, after),
                clock.today());

        assertThat(results).extracting(StartResult::result).containsOnly(StartResult.Outcome.STARTED);
        for (String no : List.of(before, broken, after)) {
            assertThat(instance(no)).isWaitingAt(Step.CHECK_ELIGIBILITY.id());
        }
        // the job path: the executor's failure handling takes the Error as it takes an exception
        assertThatThrownBy(() -> management.executeJob(job(broken).getId())).hasStackTraceContaining("模拟的类加载故障");
        assertThat(job(broken).getRetries()).isEqualTo(4);
        assertThat(applications.find(BATCH, broken).orElseThrow().state()).isEqualTo(ApplicationState.CHECKING);
        management.executeJob(job(after).getId());
        assertThat(instance(after)).isWaitingAt(Step.SUBMIT_APPLICATION.id());
    }

    /**
     * A duplicate key inside the audit is a failure, not the answer "already exists": only the application's own unique
     * key (batch, student) means another request or node started the student first. Answered ALREADY_EXISTS, the student
     * would have been left without an application while the clerk reads that one exists.
     */
    @Test
    void aDuplicateKeyInsideTheAuditIsAFailureNotAnotherStart() {
        String broken = roster.eligibleStudent(LC_A, "GSGL");
        String after = roster.eligibleStudent(LC_A, "GSGL");
        failingWithDuplicateKey.add(broken);

        List<StartResult> results = starter.startAll(batches.findBatch(BATCH).orElseThrow(), List.of(broken, after), clock.today());

        assertThat(results).extracting(StartResult::result).containsOnly(StartResult.Outcome.STARTED);
        assertThat(applications.find(BATCH, broken)).isPresent();
        assertThat(instance(broken)).isWaitingAt(Step.CHECK_ELIGIBILITY.id());
        failingWithDuplicateKey.clear();
        management.executeJob(job(broken).getId());
        assertThat(instance(broken)).isWaitingAt(Step.SUBMIT_APPLICATION.id());
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private ProcessInstance instance(String studentNo) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(ApplicationProcess.businessKey(BATCH, studentNo))
                .singleResult();
    }

    private Job job(String studentNo) {
        return management.createJobQuery().processInstanceId(instance(studentNo).getId()).singleResult();
    }
}
