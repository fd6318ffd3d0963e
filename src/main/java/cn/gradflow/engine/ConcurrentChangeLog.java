package cn.gradflow.engine;

import java.sql.SQLException;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.errorcode.BuiltinExceptionCode;
import org.camunda.bpm.engine.impl.util.ExceptionUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Issue 13: when two nodes (or two users) complete the same task at once, the loser's command fails with a
 * {@link ProcessEngineException} that the engine codes as an optimistic-locking failure or as a deadlock the database
 * broke between the two (on MariaDB, a flush's SQL failure with the deadlock's SQL state). The engine's command context
 * logs such a failure at ERROR with its stack trace (ENGINE-16004, logger {@code org.camunda.bpm.engine.context}; only
 * a bare {@code OptimisticLockingException} goes to DEBUG there), although GradFlow answers it as the conflict it is (409,
 * or ALREADY_DECIDED in a bulk decision) and nothing was changed. This filter replaces that line, and only that one,
 * by a single WARN line without the stack trace; a refusal thrown by GradFlow's own listeners (a business rule, answered
 * to the user) by a single INFO line; every other ENGINE-16004 stays an ERROR.
 */
@Component
class ConcurrentChangeLog extends TurboFilter {

    static final String ENGINE_CONTEXT_LOGGER = "org.camunda.bpm.engine.context";
    private static final Logger log = LoggerFactory.getLogger(ConcurrentChangeLog.class);

    ConcurrentChangeLog() {
        setName(ConcurrentChangeLog.class.getName());
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(f -> getName().equals(f.getName()))) {
            start();
            context.addTurboFilter(this); // once per JVM: tests start several application contexts
        }
    }

    @Override
    public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
                              Object[] params, Throwable t) {
        if (level != Level.ERROR || format == null || !format.startsWith("ENGINE-16004")
                || !ENGINE_CONTEXT_LOGGER.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        Throwable failure = t != null ? t : lastThrowable(params);
        BadUserRequestException refusal = gradflowRefusalIn(failure);
        if (refusal != null) {
            log.info("ENGINE-16004 refused by GradFlow's rules (answered to the user, nothing changed): {}", refusal.getMessage());
            return FilterReply.DENY;
        }
        ProcessEngineException conflict = conflictIn(failure);
        if (conflict == null) {
            return FilterReply.NEUTRAL;
        }
        log.warn("ENGINE-16004 concurrent change (another node or user changed the same case first; answered as a conflict, "
                + "nothing changed): {}", conflict.getMessage());
        return FilterReply.DENY;
    }

    /**
     * The failure, if the engine codes it as a conflict: it is logged before the engine's outermost interceptor gives
     * it its code, so this makes the engine's own test (its {@code ExceptionCodeProvider}): an
     * {@link OptimisticLockingException}, or an SQL failure whose state is a deadlock's (MariaDB's 1213: 40001).
     */
    static ProcessEngineException conflictIn(Throwable t) {
        if (!(t instanceof ProcessEngineException engine)) {
            return null;
        }
        if (engine instanceof OptimisticLockingException || engine.getCode() == BuiltinExceptionCode.OPTIMISTIC_LOCKING.getCode()
                || engine.getCode() == BuiltinExceptionCode.DEADLOCK.getCode()) {
            return engine;
        }
        SQLException sql = ExceptionUtil.unwrapException(engine);
        return sql != null && ExceptionUtil.checkDeadlockException(sql) ? engine : null;
    }

    /**
     * A refusal one of GradFlow's listeners or delegates threw on purpose (a rule the user's completion broke: photos not
     * compared, a closed window, a missing reason…): the engine wraps it (ENGINE-03051 for a task listener) and logs it at
     * ERROR with its stack trace, though the user got the refusal's Chinese message (a 4xx, or BLOCKED/INVALID in a bulk
     * decision) and nothing changed. Only one thrown from GradFlow's own code: the engine's own refusals are not wrapped.
     */
    static BadUserRequestException gradflowRefusalIn(Throwable t) {
        for (int depth = 0; t != null && depth < 10; t = t.getCause(), depth++) {
            if (t instanceof BadUserRequestException refusal && refusal.getStackTrace().length > 0
                    && refusal.getStackTrace()[0].getClassName().startsWith("cn.gradflow.")) {
                return refusal;
            }
        }
        return null;
    }

    private static Throwable lastThrowable(Object[] params) {
        return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable e ? e : null;
    }
}
