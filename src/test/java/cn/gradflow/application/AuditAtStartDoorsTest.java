package cn.gradflow.application;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.gradflow.application.ApplicationProcess.Step;
import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static cn.gradflow.application.ApplicationProcess.APPLICATION_ID;
import static cn.gradflow.application.ApplicationProcess.AUDIT_AT_START;
import static cn.gradflow.application.ApplicationProcess.BATCH_CODE;
import static cn.gradflow.application.ApplicationProcess.KEY;
import static cn.gradflow.application.ApplicationProcess.STUDENT_NO;
import static cn.gradflow.testing.TestRoster.BATCH;
import static cn.gradflow.testing.TestRoster.LC_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Review of issue 13's audit at start: only {@code ApplicationStarter.startAll} and administrators reach
 * {@code CheckEligibilityAtStart}. Staff of every tier can neither start an application in the engine (with or without
 * {@code auditAtStart}), nor write the variable, nor move an instance to the twin task, nor slip it into a completion.
 */
@GradFlowSpringTest
class AuditAtStartDoorsTest {

    @Autowired TestRoster roster;
    @Autowired ApplicationDriver driver;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired IdentityService identity;

    @BeforeEach
    void setUp() {
        roster.ensureBase();
    }

    @Test
    void noStaffMemberChoosesTheAuditAtStart() {
        ProcessInstance pi = driver.start(roster.eligibleStudent(LC_A, "GSGL"));
        Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        String other = roster.eligibleStudent(LC_A, "GSGL");
        long instances = runtime.createProcessInstanceQuery().processDefinitionKey(KEY).count();

        for (String user : List.of("th1", "gz1", "gd1", "hq1")) {
            roster.authenticate(user);
            try {
                assertThatThrownBy(() -> runtime.createProcessInstanceByKey(KEY).businessKey(ApplicationProcess.businessKey(BATCH, other))
                        .setVariables(Map.of(AUDIT_AT_START.name(), Variables.booleanValue(true, true), APPLICATION_ID.name(), 1L,
                                BATCH_CODE.name(), BATCH, STUDENT_NO.name(), other)).execute())
                        .as(user).isInstanceOf(AuthorizationException.class);
                assertThatThrownBy(() -> runtime.setVariable(pi.getId(), AUDIT_AT_START.name(), true))
                        .as(user).isInstanceOf(AuthorizationException.class);
                assertThatThrownBy(() -> runtime.createProcessInstanceModification(pi.getId())
                        .startBeforeActivity(Step.CHECK_ELIGIBILITY_AT_START.id()).execute())
                        .as(user).isInstanceOf(AuthorizationException.class);
            } finally {
                identity.clearAuthentication();
            }
        }
        // the centre's own task: its form has no such field
        roster.authenticate("th1");
        try {
            assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of(AUDIT_AT_START.name(), true,
                    "applicationKind", "GRADUATION", "commitmentLetter", false)))
                    .hasMessageContaining("字段 auditAtStart 不属于本表单");
        } finally {
            identity.clearAuthentication();
        }

        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(KEY).count()).isEqualTo(instances);
        assertThat(runtime.getVariable(pi.getId(), AUDIT_AT_START.name())).isNull();
        assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getTaskDefinitionKey())
                .isEqualTo(Step.SUBMIT_APPLICATION.id());
    }

    /**
     * An administrator may start the process in the engine (Cockpit, /engine-rest) and so may pass auditAtStart, stored
     * or transient, and take the inline audit: its failure then answers the administrator's own call instead of becoming
     * an incident. Recorded here as it is: operators may also move an instance to any task.
     */
    @Test
    void anAdministratorsEngineStartMayTakeTheAuditAtStart() {
        String student = roster.eligibleStudent(LC_A, "GSGL");
        identity.setAuthentication("demo", List.of(Groups.CAMUNDA_ADMIN));
        try {
            // an applicationId without a row: the audit fails at once, in the start's own call
            assertThatThrownBy(() -> runtime.createProcessInstanceByKey(KEY).businessKey(ApplicationProcess.businessKey(BATCH, student))
                    .setVariables(Map.of(AUDIT_AT_START.name(), true, APPLICATION_ID.name(), -1L, BATCH_CODE.name(), BATCH,
                            STUDENT_NO.name(), student)).execute())
                    .hasStackTraceContaining("申请不存在：-1");
            // without it the same start is answered, the audit left to the job
            ProcessInstance started = runtime.createProcessInstanceByKey(KEY).businessKey(ApplicationProcess.businessKey(BATCH, student))
                    .setVariables(Map.of(APPLICATION_ID.name(), -1L, BATCH_CODE.name(), BATCH, STUDENT_NO.name(), student)).execute();
            assertThat(management.createJobQuery().processInstanceId(started.getId()).activityId(Step.CHECK_ELIGIBILITY.id()).count())
                    .isEqualTo(1);
            runtime.deleteProcessInstance(started.getId(), "test");
        } finally {
            identity.clearAuthentication();
        }
    }
}
