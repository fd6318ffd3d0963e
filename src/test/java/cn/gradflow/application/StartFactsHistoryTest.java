package cn.gradflow.application;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.application.ApplicationProcess.*;
import static cn.gradflow.testing.TestRoster.LC_A;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: an application's start facts keep their history instance ({@code ACT_HI_VARINST}) but write no detail row for
 * their creation; every other variable (the trail's history text among them), every update and the start of another
 * process keep theirs. Also guards the engine internals {@link StartFactsHistory} relies on. The initial audit's outcome is transient:
 * the gateway reads it, no engine table keeps it.
 */
@GradFlowSpringTest
class StartFactsHistoryTest {

    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired HistoryService history;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;

    @BeforeEach
    void base() {
        roster.ensureBase();
    }

    @Test
    void startFactsKeepTheirHistoryInstanceWithoutACreationDetail() {
        ProcessInstance pi = driver.start(roster.eligibleStudent(LC_A, "XZGL"));

        List<String> instances = history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list().stream()
                .map(v -> v.getName()).toList();
        assertThat(instances).containsAll(StartFactsHistory.FACTS).contains(FINDINGS_TEXT.name())
                .as("the due dates are on the application's row (CaseDue)")
                .doesNotContain(LC_DUE.name(), CITY_DUE.name(), BRANCH_DUE.name(), HQ_DUE.name());
        List<String> details = history.createHistoricDetailQuery().processInstanceId(pi.getId()).variableUpdates().list().stream()
                .map(d -> ((HistoricVariableUpdate) d).getVariableName()).toList();
        assertThat(details).doesNotContainAnyElementsOf(StartFactsHistory.FACTS).contains(FINDINGS_TEXT.name());
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName(CHECK_OUTCOME.name())
                .count()).as("the audit's outcome is transient").isZero();
        assertThat(runtime.getVariable(pi.getId(), CHECK_OUTCOME.name())).isNull();

        // no placeholder history text: the trail's first entry creates it (the forms show 「（暂无）」 until then), with the
        // creation's detail; an update of a fact writes its detail as before
        assertThat(instances).doesNotContain(HISTORY_TEXT.name());
        runtime.setVariable(pi.getId(), HISTORY_TEXT.name(), "- 测试记录");
        runtime.setVariable(pi.getId(), STUDENT_SUMMARY.name(), "- 更正后的学生信息");
        assertThat(history.createHistoricDetailQuery().processInstanceId(pi.getId()).variableUpdates().list())
                .extracting(d -> ((HistoricVariableUpdate) d).getVariableName()).contains(HISTORY_TEXT.name(), STUDENT_SUMMARY.name());
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName(HISTORY_TEXT.name())
                .singleResult().getValue()).isEqualTo("- 测试记录");
    }

    @Test
    void anotherProcessKeepsTheDetailOfItsVariablesOfTheSameName() {
        String deployment = repository.createDeployment().addModelInstance("start-facts-other.bpmn",
                Bpmn.createExecutableProcess("start-facts-other").camundaHistoryTimeToLive(1).startEvent().userTask("Wait").endEvent()
                        .done()).deploy().getId();
        try {
            ProcessInstance other = runtime.startProcessInstanceByKey("start-facts-other", Map.of(STUDENT_NAME.name(), "张三"));
            List<HistoricDetail> details = history.createHistoricDetailQuery().processInstanceId(other.getId()).variableUpdates().list();
            assertThat(details).extracting(d -> ((HistoricVariableUpdate) d).getVariableName()).containsExactly(STUDENT_NAME.name());
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }

    @Test
    void anOlderInstancesPersistedOutcomeStaysPersistedAndTakesTheNextOutcome() {
        String no = roster.eligibleStudent(LC_A, "XZGL");
        ProcessInstance pi = driver.start(no);
        // an instance of an older version kept the outcome as a persisted variable; its next audit must still run and route
        runtime.setVariable(pi.getId(), CHECK_OUTCOME.name(), "READY_TO_APPLY");
        driver.apply(pi, "th1", "GRADUATION");
        assertThat(runtime.getVariable(pi.getId(), CHECK_OUTCOME.name())).as("the persisted one took the outcome")
                .isEqualTo("READY_FOR_REVIEW");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()).isNotNull();
    }
}
