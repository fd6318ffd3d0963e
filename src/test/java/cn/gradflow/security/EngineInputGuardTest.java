package cn.gradflow.security;

import java.util.Date;

import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskFollowUpDateCmd;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.junit.jupiter.api.Test;

import cn.gradflow.engine.CommandFields;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine-internal fields the guard reads of the task commands it checks: an upgrade that renames one fails here. */
class EngineInputGuardTest {

    @Test
    void theTaskCommandsFieldsAreWhereTheGuardReadsThem() {
        assertThat(CommandFields.field(new ClaimTaskCmd("t1", "gz1"), "userId", String.class)).isEqualTo("gz1");
        AssignTaskCmd assign = new AssignTaskCmd("t1", "th1");
        assertThat(CommandFields.field(assign, "userId", String.class)).isEqualTo("th1");
        assertThat(CommandFields.field(assign, "taskId", String.class)).isEqualTo("t1");
        assertThat(CommandFields.field(new SetTaskFollowUpDateCmd("t2", new Date()), "taskId", String.class)).isEqualTo("t2");
        TaskEntity task = new TaskEntity();
        task.setId("t3");
        assertThat(CommandFields.field(new SaveTaskCmd(task), "task", TaskEntity.class)).isSameAs(task);
    }

    /** The guard answers every checker method for the engine's checkers ({@code EngineInputGuard.Checkers}): each must return nothing. */
    @Test
    void everyCommandCheckerMethodReturnsNothing() {
        assertThat(java.util.Arrays.stream(org.camunda.bpm.engine.impl.cfg.CommandChecker.class.getMethods())
                .filter(m -> m.getReturnType() != void.class).map(java.lang.reflect.Method::getName)).isEmpty();
        assertThat(java.util.Arrays.stream(org.camunda.bpm.engine.impl.cfg.CommandChecker.class.getMethods())
                .map(java.lang.reflect.Method::getName)).contains("checkTaskWork");
    }
}
