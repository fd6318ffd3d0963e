package cn.gradflow.engine;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13: a completion that lost a race is one WARN line without a stack trace, every other ENGINE-16004 an ERROR. */
class ConcurrentChangeLogTest {

    private static final String TEMPLATE = "ENGINE-16004 Exception while closing command context: {}";

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger engine = context.getLogger(ConcurrentChangeLog.ENGINE_CONTEXT_LOGGER);
    private final Logger ours = context.getLogger(ConcurrentChangeLog.class);
    private final ListAppender<ILoggingEvent> engineLines = new ListAppender<>();
    private final ListAppender<ILoggingEvent> ourLines = new ListAppender<>();

    @BeforeEach
    void listen() {
        new ConcurrentChangeLog(); // registers itself once per JVM
        engineLines.start();
        ourLines.start();
        engine.addAppender(engineLines);
        ours.addAppender(ourLines);
    }

    @AfterEach
    void stopListening() {
        engine.detachAppender(engineLines);
        ours.detachAppender(ourLines);
    }

    /** As Camunda's ContextLogger logs it: the message, then the exception as the last argument. */
    private void engineLogs(Throwable e) {
        engine.error(TEMPLATE, e.getMessage(), e);
    }

    @Test
    void aDeadlockBetweenTwoCompletionsIsOneWarnLineWithoutItsStackTrace() {
        engineLogs(new ProcessEngineException("ENGINE-03004 Exception while executing Database Operation 'DELETE TaskEntity'",
                new org.apache.ibatis.exceptions.PersistenceException(new SQLTransactionRollbackException(
                        "Deadlock found when trying to get lock; try restarting transaction", "40001", 1213))));

        assertThat(engineLines.list).isEmpty();
        assertThat(ourLines.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage()).startsWith("ENGINE-16004 concurrent change").contains("DELETE TaskEntity");
            assertThat(line.getThrowableProxy()).isNull();
        });
    }

    @Test
    void aFailureCodedAsOptimisticLockingIsOneWarnLine() {
        engineLogs(new OptimisticLockingException("ENGINE-03005 Entity was updated by another transaction concurrently"));
        ProcessEngineException coded = new ProcessEngineException("lost");
        coded.setCode(1); // BuiltinExceptionCode.OPTIMISTIC_LOCKING
        engineLogs(coded);

        assertThat(engineLines.list).isEmpty();
        assertThat(ourLines.list).hasSize(2).allSatisfy(line -> assertThat(line.getLevel()).isEqualTo(Level.WARN));
    }

    @Test
    void aRefusalOfGradFlowsListenerIsOneInfoLine() {
        org.camunda.bpm.engine.BadUserRequestException refusal = new org.camunda.bpm.engine.BadUserRequestException(
                "R-PH-03 须比对照片并填写结果");
        refusal.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("cn.gradflow.application.RecordDecisionListener", "notify", "RecordDecisionListener.java", 133)});
        engineLogs(new ProcessEngineException("ENGINE-03051 There was an exception while invoking the TaskListener", refusal));

        assertThat(engineLines.list).isEmpty();
        assertThat(ourLines.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.INFO);
            assertThat(line.getFormattedMessage()).contains("R-PH-03 须比对照片并填写结果");
            assertThat(line.getThrowableProxy()).isNull();
        });
    }

    @Test
    void aRefusalFromOutsideGradFlowStaysAnError() {
        org.camunda.bpm.engine.BadUserRequestException foreign = new org.camunda.bpm.engine.BadUserRequestException("x");
        foreign.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("org.camunda.bpm.engine.impl.Somewhere", "run", "Somewhere.java", 1)});
        engineLogs(new ProcessEngineException("ENGINE-03051 wrapped", foreign));

        assertThat(engineLines.list).singleElement().satisfies(line -> assertThat(line.getLevel()).isEqualTo(Level.ERROR));
        assertThat(ourLines.list).isEmpty();
    }

    @Test
    void everyOtherFailureStaysAnErrorWithItsStackTrace() {
        engineLogs(new ProcessEngineException("ENGINE-03004 Exception while executing Database Operation",
                new org.apache.ibatis.exceptions.PersistenceException(new SQLException("Data too long for column", "22001", 1406))));
        engineLogs(new NullPointerException("inside the engine"));
        // the same words from another logger are none of this filter's business
        context.getLogger("cn.gradflow.somewhere").error(TEMPLATE, "x", new OptimisticLockingException("x"));

        assertThat(engineLines.list).hasSize(2).allSatisfy(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.ERROR);
            assertThat(line.getThrowableProxy()).isNotNull();
        });
        assertThat(ourLines.list).isEmpty();
    }
}
