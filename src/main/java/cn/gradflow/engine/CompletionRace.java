package cn.gradflow.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A completion that lost to another transaction's completion of the same task is refused as the conflict it is.
 * <p>
 * The engine reads the task, checks it, then reads its execution: two statements under READ COMMITTED and no lock.
 * When another node completes the task and commits between the two, this completion finds the execution already
 * moved on and fails inside the engine before the optimistic check at flush (its task's row deleted meanwhile)
 * would have refused it — seen on two MariaDB nodes as {@code ENGINE-16004 … NullPointerException: … because
 * "activityInstanceId" is null} at ERROR (an execution waiting before an asynchronous step has no activity
 * instance; before an expression's step the engine says {@code ENGINE-02010 … doesn't accept signals}). Either way
 * the transaction rolls back whole. Here, still inside the failing command's context, a failure that is no refusal
 * of its own is turned into the {@link OptimisticLockingException} the flush would have thrown when the task's row is
 * gone — such a completion could never have committed: the engine then logs it at DEBUG, {@code /engine-rest}
 * answers 409, {@code /api} {@code ALREADY_DECIDED}. With the task still there, the failure passes unchanged, and
 * so do the refusals of a task gone before the command began (not found, not the user's): they keep their answers.
 * The look runs only after a failure: a completion that succeeds costs no statement more.
 */
@Component
public class CompletionRace extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(CompletionRace.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> post = new ArrayList<>();
        if (configuration.getCustomPostCommandInterceptorsTxRequired() != null) {
            post.addAll(configuration.getCustomPostCommandInterceptorsTxRequired());
        }
        post.add(new InContext(configuration)); // after the engine's command context interceptor: inside the context
        configuration.setCustomPostCommandInterceptorsTxRequired(post);
    }

    static final class InContext extends CommandInterceptor {
        private final ProcessEngineConfigurationImpl configuration;

        InContext(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            if (!(command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd)) {
                return next.execute(command);
            }
            try {
                return next.execute(command);
            } catch (OptimisticLockingException | BadUserRequestException | AuthorizationException | NullValueException e) {
                // the conflict itself, or a refusal with its own answer for a task gone before this command began: the
                // engine's "Cannot find task", GradFlow's EngineInputGuard's 任务不存在、已经办理…
                throw e;
            } catch (RuntimeException e) {
                String taskId = taskId(command);
                if (taskId == null || taskStillThere(taskId)) {
                    throw e;
                }
                log.info("completion of task {} lost to another completion committed meanwhile; refused as a conflict ({})",
                        taskId, e.toString());
                throw new OptimisticLockingException("Task " + taskId
                        + " was completed by another transaction while this completion ran; nothing was changed", e);
            }
        }

        /** The task's row as committed now, past the entity cache of this command (which still holds the task). */
        private boolean taskStillThere(String taskId) {
            CommandContext context = Context.getCommandContext();
            String sql = "SELECT COUNT(*) FROM " + configuration.getDatabaseTablePrefix() + "ACT_RU_TASK WHERE ID_ = ?";
            try {
                Connection connection = context.getDbSqlSession().getSqlSession().getConnection();
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setString(1, taskId);
                    try (ResultSet rows = statement.executeQuery()) {
                        return rows.next() && rows.getLong(1) > 0;
                    }
                }
            } catch (SQLException | RuntimeException lookFailed) {
                log.debug("could not look whether task {} is still there", taskId, lookFailed);
                return true; // unknown: the original failure stands
            }
        }
    }

    /** Both commands keep the task's id in a protected field (engine internals; CompletionRaceTest fails if renamed). */
    static String taskId(Command<?> command) {
        try {
            return CommandFields.field(command, "taskId", String.class);
        } catch (ProcessEngineException internalsChanged) {
            return null; // the original failure stands
        }
    }
}
