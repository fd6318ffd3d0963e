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
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:gradflow-start-audit-failure;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000")
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

    private final Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        roster.ensureBase();
        doAnswer(call -> {
            DelegateExecution execution = call.getArgument(0);
            if (failing.contains(ApplicationProcess.STUDENT_NO.require(execution))) {
                throw new IllegalStateException("模拟的技术故障（测试）");
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

    private ProcessInstance instance(String studentNo) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(ApplicationProcess.businessKey(BATCH, studentNo))
                .singleResult();
    }

    private Job job(String studentNo) {
        return management.createJobQuery().processInstanceId(instance(studentNo).getId()).singleResult();
    }
}
