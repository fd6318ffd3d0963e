package cn.gradflow.application;

import java.time.LocalDate;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.application.ApplicationProcess.Step;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.application.ApplicationProcess.*;
import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * Issue 13: a case's due dates live on its application row (V77) and reach its tasks through {@link CaseDue}; no start
 * writes them as variables, a variable written later moves none of them, and a case started before V77 (no dates on its
 * row, the variables its start wrote) keeps its own.
 */
@GradFlowSpringTest
class CaseDueTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired ApplicationRepository applications;
    @Autowired SchoolClock clock;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        roster.ensureBase();
    }

    @Test
    void theTasksAreDueByTheRowAndAVariableMovesNone() {
        String no = roster.eligibleStudent(LC_A, "XZGL");
        ProcessInstance pi = driver.start(no);
        CaseDue.Days row = row(no);
        assertThat(row.lc()).isNotNull();
        assertThat(row.city()).isNotNull();
        assertThat(row.branch()).isNotNull();
        assertThat(row.hq()).isNotNull();
        assertThat(runtime.getVariables(pi.getId())).doesNotContainKeys(LC_DUE.name(), CITY_DUE.name(), BRANCH_DUE.name(),
                HQ_DUE.name());
        assertThat(pi).isWaitingAt(Step.SUBMIT_APPLICATION.id());
        assertThat(task(pi).getDueDate()).isEqualTo(clock.endOfDay(row.lc()));

        // a user cannot send a due date with a form: the input guard refuses a field the form does not have
        Task submit = task(pi);
        roster.authenticate("th1");
        try {
            assertThatThrownBy(() -> tasks.complete(submit.getId(), Map.of("applicationKind", "GRADUATION",
                    "commitmentLetter", true, "letterKind", "GRADUATION", CITY_DUE.name(), clock.endOfDay(row.city().plusDays(90)))))
                    .isInstanceOf(ProcessEngineException.class);
        } finally {
            identity.clearAuthentication();
        }
        // and a variable written past the forms (an operator's REST call, a script) is not read while the row has the date
        Date later = clock.endOfDay(row.city().plusDays(90));
        runtime.setVariable(pi.getId(), CITY_DUE.name(), later);
        runtime.setVariable(pi.getId(), BRANCH_DUE.name(), later);
        runtime.setVariable(pi.getId(), LC_DUE.name(), later);

        driver.apply(pi, "th1", "GRADUATION");
        assertThat(pi).isWaitingAt(Step.CITY_APPROVAL.id());
        assertThat(task(pi).getDueDate()).isEqualTo(clock.endOfDay(row.city()));
        driver.approve(pi, "gz1");
        assertThat(pi).isWaitingAt(Step.BRANCH_REVIEW.id());
        assertThat(task(pi).getDueDate()).isEqualTo(clock.endOfDay(row.branch()));
        driver.reject(pi, "gd1", "照片背景不符合要求");
        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id());
        assertThat(task(pi).getDueDate()).isEqualTo(clock.endOfDay(row(no).lc()));
    }

    /** Before V77 a start wrote the four dates as variables and left the row's columns null: they are taken as they are. */
    @Test
    void aCaseStartedBeforeTheColumnsKeepsItsVariables() {
        String no = roster.eligibleStudent(LC_A, "XZGL");
        ProcessInstance pi = driver.start(no);
        LocalDate windowClose = row(no).lc(); // an ordinary student's: the close of the window the case started in
        long id = applications.find(BATCH, no).orElseThrow().id();
        jdbc.sql("UPDATE application SET lc_due = NULL, city_due = NULL, branch_due = NULL, hq_due = NULL WHERE id = ?")
                .param(id).update();
        Date lcDue = clock.endOfDay(clock.today().plusDays(41));
        Date cityDue = clock.endOfDay(clock.today().plusDays(42));
        Date branchDue = clock.endOfDay(clock.today().plusDays(43));
        runtime.setVariables(pi.getId(), Map.of(LC_DUE.name(), lcDue, CITY_DUE.name(), cityDue, BRANCH_DUE.name(), branchDue,
                HQ_DUE.name(), clock.endOfDay(clock.today().plusDays(44))));

        driver.apply(pi, "th1", "GRADUATION");
        assertThat(pi).isWaitingAt(Step.CITY_APPROVAL.id());
        assertThat(task(pi).getDueDate()).isEqualTo(cityDue);
        // the submission moved the centre's date on the row and, for the older version's ${lcDue}, in the variable
        assertThat(row(no).lc()).isEqualTo(windowClose);
        assertThat(runtime.getVariable(pi.getId(), LC_DUE.name())).isEqualTo(clock.endOfDay(windowClose));
        assertThat(row(no).city()).isNull();

        driver.approve(pi, "gz1");
        assertThat(pi).isWaitingAt(Step.BRANCH_REVIEW.id());
        assertThat(task(pi).getDueDate()).isEqualTo(branchDue);
        driver.reject(pi, "gd1", "照片背景不符合要求");
        assertThat(pi).isWaitingAt(Step.CORRECT_APPLICATION.id());
        assertThat(task(pi).getDueDate()).isEqualTo(clock.endOfDay(windowClose));
    }

    /**
     * The row read in an engine command serves the task that command creates (no SELECT of its own, issue 13); a write
     * through the repository forgets it, and the next command reads again.
     */
    @Test
    void theDatesReadInACommandServeItUntilTheRepositoryWritesThem() {
        String no = roster.eligibleStudent(LC_A, "XZGL");
        driver.start(no);
        long id = applications.find(BATCH, no).orElseThrow().id();
        LocalDate lc = row(no).lc();
        LocalDate elsewhere = lc.plusDays(7);
        ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired().execute(command -> {
                    applications.findById(id).orElseThrow();
                    // a change that bypasses the repository is not seen within the command: the date was read with the row
                    jdbc.sql("UPDATE application SET lc_due = ? WHERE id = ?").params(java.sql.Date.valueOf(elsewhere), id).update();
                    assertThat(applications.dueDays(id).lc()).isEqualTo(lc);
                    applications.moveLcDue(id, elsewhere.plusDays(1));
                    assertThat(applications.dueDays(id).lc()).isEqualTo(elsewhere.plusDays(1));
                    return null;
                });
        assertThat(row(no).lc()).isEqualTo(elsewhere.plusDays(1));
    }

    private CaseDue.Days row(String studentNo) {
        return applications.dueDays(applications.find(BATCH, studentNo).orElseThrow().id());
    }

    private Task task(ProcessInstance pi) {
        return tasks.createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey()).singleResult();
    }
}
