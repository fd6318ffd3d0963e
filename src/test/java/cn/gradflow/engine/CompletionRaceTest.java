package cn.gradflow.engine;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes completing one task (seen walking two nodes on MariaDB, issue 13): the engine reads the task, checks it,
 * then reads the task's execution. Here the loser is held right after its task check (a command checker of the test)
 * while the winner completes the task and commits, so the loser reads the execution already waiting before the next,
 * asynchronous step. A bare engine then fails with a NullPointerException logged at ERROR (ENGINE-16004); with
 * {@link CompletionRace} the loser gets the optimistic-locking conflict, logged by the engine at DEBUG only. Either way
 * nothing of the loser stays. Not timing-dependent: latches order the two.
 */
class CompletionRaceTest {

    private ProcessEngine engine;
    private final ListAppender<ILoggingEvent> engineLog = new ListAppender<>();
    private final Logger contextLogger = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine.context");

    @AfterEach
    void close() {
        contextLogger.detachAppender(engineLog);
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aBareEngineFailsTheLoserWithANullPointerLoggedAtError() throws Exception {
        Throwable lost = race(false, true);
        assertThat(lost).isInstanceOf(NullPointerException.class).hasMessageContaining("activityInstanceId");
        assertThat(errors()).as("ENGINE-16004 at ERROR").hasSize(1);
        assertOnlyTheWinnerStayed();
    }

    @Test
    void withCompletionRaceTheLoserIsRefusedAsAConflictAndNothingIsLoggedAtError() throws Exception {
        Throwable lost = race(true, true);
        assertThat(lost).isInstanceOf(OptimisticLockingException.class)
                .hasMessageContaining("was completed by another transaction")
                .hasCauseInstanceOf(NullPointerException.class);
        assertThat(errors()).as("nothing at ERROR for an expected race").isEmpty();
        assertOnlyTheWinnerStayed();
    }

    @Test
    void beforeAnExpressionStepTheEnginesOwnFailureIsRefusedAsAConflictToo() throws Exception {
        Throwable lost = race(true, false); // a bare engine: ENGINE-02010 The activity with id 'Next' doesn't accept signals
        assertThat(lost).isInstanceOf(OptimisticLockingException.class).hasRootCauseMessage(
                "ENGINE-02010 The activity with id 'Next' doesn't accept signals.");
        assertThat(errors()).isEmpty();
        assertOnlyTheWinnerStayed();
    }

    @Test
    void aCompletionThatFailsWithItsTaskStillThereKeepsItsFailure() throws Exception {
        engine = engine(true, new Hold(null, null, null));
        String taskId = startAndGetTask(true);
        RuntimeException broken = new IllegalStateException("a fault of this completion");
        Hold.fault = broken;
        try {
            engine.getTaskService().complete(taskId);
            org.junit.jupiter.api.Assertions.fail("completion should have failed");
        } catch (IllegalStateException e) {
            assertThat(e).isSameAs(broken);
        } finally {
            Hold.fault = null;
        }
        assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).as("task still open").isOne();
    }

    @Test
    void aTaskGoneBeforeTheCompletionBeganKeepsItsOwnRefusal() {
        engine = engine(true, new Hold(null, null, null));
        String taskId = startAndGetTask(true);
        engine.getTaskService().complete(taskId);
        org.junit.jupiter.api.Assertions.assertThrows(NullValueException.class, () -> engine.getTaskService().complete(taskId),
                "the engine's own 'Cannot find task', not a conflict");
    }

    @Test
    void bothCompletionCommandsKeepTheTaskIdWhereCompletionRaceReadsIt() {
        assertThat(CompletionRace.taskId(new CompleteTaskCmd("t1", Map.of()))).isEqualTo("t1");
        assertThat(CompletionRace.taskId(new SubmitTaskFormCmd("t2", Map.of(), false, false))).isEqualTo("t2");
    }

    /** The loser's failure, after the winner completed the same task between the loser's task read and its execution read. */
    private Throwable race(boolean withCompletionRace, boolean delegateExpression) throws Exception {
        CountDownLatch loserReadTheTask = new CountDownLatch(1);
        CountDownLatch winnerCommitted = new CountDownLatch(1);
        AtomicReference<Thread> loserThread = new AtomicReference<>();
        engine = engine(withCompletionRace, new Hold(loserThread, loserReadTheTask, winnerCommitted));
        String taskId = startAndGetTask(delegateExpression);
        engineLog.start();
        contextLogger.addAppender(engineLog);

        AtomicReference<Throwable> lost = new AtomicReference<>();
        Thread loser = new Thread(() -> {
            try {
                engine.getTaskService().complete(taskId, Map.of("loserWasHere", true));
            } catch (Throwable t) {
                lost.set(t);
            }
        }, "loser");
        loserThread.set(loser);
        loser.start();
        assertThat(loserReadTheTask.await(1, TimeUnit.MINUTES)).as("the loser read the task").isTrue();
        engine.getTaskService().complete(taskId); // the winner, committed before the loser reads the execution
        winnerCommitted.countDown();
        loser.join(TimeUnit.MINUTES.toMillis(1));
        assertThat(loser.isAlive()).isFalse();
        assertThat(lost.get()).as("the loser failed").isNotNull();
        return lost.get();
    }

    private List<ILoggingEvent> errors() {
        return engineLog.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
    }

    private void assertOnlyTheWinnerStayed() {
        assertThat(engine.getTaskService().createTaskQuery().count()).as("the task completed once").isZero();
        assertThat(engine.getManagementService().createJobQuery().activityId("Next").count()).as("one next step waiting").isOne();
        assertThat(engine.getRuntimeService().createVariableInstanceQuery().variableName("loserWasHere").count())
                .as("nothing of the loser stayed").isZero();
    }

    /** A user task, then an asynchronous service task: a delegate expression as GradFlow's steps (CheckEligibility), or an expression. */
    private String startAndGetTask(boolean delegateExpression) {
        var next = Bpmn.createExecutableProcess("race").camundaHistoryTimeToLive(1).startEvent().userTask("Decide")
                .serviceTask("Next").camundaAsyncBefore();
        next = delegateExpression ? next.camundaDelegateExpression("${next}") : next.camundaExpression("${true}");
        engine.getRepositoryService().createDeployment().addModelInstance("race.bpmn", next.endEvent().done()).deploy();
        String instance = engine.getRuntimeService().startProcessInstanceByKey("race").getId();
        return engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
    }

    private static ProcessEngine engine(boolean withCompletionRace, Hold hold) {
        StandaloneInMemProcessEngineConfiguration c = new StandaloneInMemProcessEngineConfiguration();
        // letters only, and never "default": the Spring tests' engines register by name in the same JVM
        c.setProcessEngineName("completionrace");
        c.setJdbcUrl("jdbc:h2:mem:completionrace;DB_CLOSE_DELAY=-1");
        c.setDatabaseSchemaUpdate("create-drop");
        c.setJobExecutorActivate(false);
        c.setHistory("audit");
        c.setBeans(Map.of("next", (JavaDelegate) execution -> { }));
        List<ProcessEnginePlugin> plugins = new ArrayList<>();
        if (withCompletionRace) {
            plugins.add(new CompletionRace());
        }
        plugins.add(hold);
        c.setProcessEnginePlugins(plugins);
        return c.buildProcessEngine();
    }

    /** A command checker that holds the loser's completion right after the engine read and checked its task. */
    private static final class Hold extends AbstractProcessEnginePlugin {
        static volatile RuntimeException fault;
        private final AtomicReference<Thread> loser;
        private final CountDownLatch readTheTask;
        private final CountDownLatch winnerCommitted;

        Hold(AtomicReference<Thread> loser, CountDownLatch readTheTask, CountDownLatch winnerCommitted) {
            this.loser = loser;
            this.readTheTask = readTheTask;
            this.winnerCommitted = winnerCommitted;
        }

        @Override
        public void postInit(ProcessEngineConfigurationImpl configuration) {
            CommandChecker checker = (CommandChecker) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {CommandChecker.class}, (proxy, method, args) -> {
                        if (method.getDeclaringClass() == Object.class) {
                            return switch (method.getName()) {
                                case "equals" -> proxy == args[0];
                                case "hashCode" -> System.identityHashCode(proxy);
                                default -> "Hold";
                            };
                        }
                        if (!method.getName().equals("checkTaskWork")) {
                            return null;
                        }
                        if (fault != null) {
                            throw fault;
                        }
                        if (loser != null && Thread.currentThread() == loser.get()) {
                            readTheTask.countDown();
                            if (!winnerCommitted.await(1, TimeUnit.MINUTES)) {
                                throw new IllegalStateException("the winner never committed");
                            }
                        }
                        return null;
                    });
            List<CommandChecker> checkers = new ArrayList<>(configuration.getCommandCheckers());
            checkers.add(checker);
            configuration.setCommandCheckers(checkers);
        }
    }
}
