package cn.gradflow.application;

import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.gradflow.application.ApplicationProcess.Step;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.checks.Finding;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * Issue 13: students started in bulk ({@link ApplicationStarter#startAll}) are audited in the start's transaction
 * ({@code CheckEligibilityAtStart}); a student started alone takes the audit job ({@code CheckEligibility}). Either
 * way the same checks find the same and the case waits at the same task.
 */
@GradFlowSpringTest
class StartAuditTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired ManagementService management;
    @Autowired TestRoster roster;
    @Autowired ApplicationStarter starter;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired BatchRepository batches;
    @Autowired SchoolClock clock;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        roster.ensureBase();
    }

    @Test
    void startedInBulkTheChecksHaveRunWhenTheStartAnswersAndNoJobIsLeft() {
        String ready = roster.eligibleStudent(LC_A, "GSGL");
        String noPhoto = roster.studentWithoutPhoto(LC_A);

        List<StartResult> results = starter.startAll(batches.findBatch(BATCH).orElseThrow(), List.of(ready, noPhoto), clock.today());

        assertThat(results).extracting(StartResult::result).containsOnly(StartResult.Outcome.STARTED);
        ProcessInstance readyCase = instance(ready);
        ProcessInstance blockedCase = instance(noPhoto);
        for (ProcessInstance pi : List.of(readyCase, blockedCase)) {
            assertThat(management.createJobQuery().processInstanceId(pi.getId()).count()).as("jobs left").isZero();
            assertThat(pi).hasPassed(Step.CHECK_ELIGIBILITY_AT_START.id()).hasNotPassed(Step.CHECK_ELIGIBILITY.id());
            // transient: the gateway read it, no engine table holds it
            assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                    .variableName(ApplicationProcess.AUDIT_AT_START.name()).count()).isZero();
        }
        assertThat(readyCase).isWaitingAt(Step.SUBMIT_APPLICATION.id());
        assertThat(blockedCase).isWaitingAt(Step.CORRECT_APPLICATION.id());
        ApplicationRecord blocked = applications.find(BATCH, noPhoto).orElseThrow();
        assertThat(blocked.processInstanceId()).isEqualTo(blockedCase.getId());
        assertThat(blocked.state()).isEqualTo(ApplicationState.CORRECTION);
        assertThat(applications.findings(blocked.id())).extracting(Finding::rule).contains(Finding.GRADUATION_PHOTO_RULE);
        assertThat(applications.find(BATCH, ready).orElseThrow().state()).isEqualTo(ApplicationState.APPLYING);
    }

    @Test
    void startedAloneTheChecksAreAJobThatFindsTheSame() {
        String noPhoto = roster.studentWithoutPhoto(LC_A);
        String noPhotoInBulk = roster.studentWithoutPhoto(LC_A);

        assertThat(driver.tryStart(noPhoto).result()).isEqualTo(StartResult.Outcome.STARTED);
        ProcessInstance alone = instance(noPhoto);
        assertThat(alone).isWaitingAt(Step.CHECK_ELIGIBILITY.id());
        assertThat(applications.find(BATCH, noPhoto).orElseThrow().state()).isEqualTo(ApplicationState.CHECKING);
        driver.runJobs(alone);
        assertThat(alone).hasPassed(Step.CHECK_ELIGIBILITY.id()).hasNotPassed(Step.CHECK_ELIGIBILITY_AT_START.id())
                .isWaitingAt(Step.CORRECT_APPLICATION.id());

        starter.startAll(batches.findBatch(BATCH).orElseThrow(), List.of(noPhotoInBulk), clock.today());
        assertThat(instance(noPhotoInBulk)).isWaitingAt(Step.CORRECT_APPLICATION.id());
        assertThat(applications.findings(applications.find(BATCH, noPhotoInBulk).orElseThrow().id()))
                .extracting(Finding::rule, Finding::code)
                .containsExactlyElementsOf(applications.findings(applications.find(BATCH, noPhoto).orElseThrow().id()).stream()
                        .map(f -> org.assertj.core.groups.Tuple.tuple(f.rule(), f.code())).toList());
    }

    private ProcessInstance instance(String studentNo) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(ApplicationProcess.businessKey(BATCH, studentNo))
                .singleResult();
    }
}
