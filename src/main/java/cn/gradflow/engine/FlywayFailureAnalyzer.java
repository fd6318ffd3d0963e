package cn.gradflow.engine;

import java.sql.SQLException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.api.FlywayException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start stopped by Flyway, told as what the operator does next. Two cases need more than Flyway says: GradFlow ships
 * no Flyway command line for its "run repair", and a migration refused on MySQL/MariaDB leaves a failed row behind
 * (its DDL is not transactional) that refuses every later start, even once the cause is gone. Other failures keep
 * Spring Boot's report with the stack trace.
 */
public class FlywayFailureAnalyzer extends AbstractFailureAnalyzer<FlywayException> {

    /** ER_BINLOG_CREATE_ROUTINE_NEED_SUPER, the same code on MySQL and MariaDB: a trigger refused with binary logging on. */
    static final int BINLOG_NEEDS_SUPER = 1419;

    private static final Pattern SCRIPT_VERSION = Pattern.compile("\\bV(\\d+(?:[._]\\d+)*)__");
    private static final Pattern FAILED_VERSION = Pattern.compile("Detected failed migration to version (\\S+)");
    private static final String README = "README: MySQL / MariaDB profile, Binary logging";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FlywayException cause) {
        if (binlogRefusedTrigger(cause)) {
            String version = Objects.requireNonNullElse(first(SCRIPT_VERSION, cause), "?");
            return new FailureAnalysis(
                    "数据库迁移失败：数据库开启了二进制日志（log_bin），迁移用户没有 SUPER 权限，不能创建触发器（V" + version + "）。"
                            + " / Migration V" + version + " failed: binary logging is on and the database user lacks SUPER,"
                            + " so its triggers were refused (error " + BINLOG_NEEDS_SUPER + ").",
                    "由数据库管理员执行 SET GLOBAL log_bin_trust_function_creators = 1 并写入服务器配置的 [mysqld] 段"
                            + "（或授予该用户 SUPER），再删除本次失败留下的记录后重新启动 / as the database administrator: "
                            + "SET GLOBAL log_bin_trust_function_creators = 1, and the same under [mysqld] in the server's"
                            + " configuration (or grant the user SUPER); then remove the failed row Flyway recorded and start"
                            + " again: DELETE FROM flyway_schema_history WHERE success = 0"
                            + " (no trigger was made: the first was refused). " + README + ".",
                    cause);
        }
        String failed = first(FAILED_VERSION, cause);
        if (failed != null) {
            return new FailureAnalysis(
                    "数据库迁移 V" + failed + " 在此前一次启动中失败，失败记录仍在 flyway_schema_history 中（success = 0）。"
                            + " / An earlier start failed in migration " + failed
                            + "; its row in flyway_schema_history (success = 0) refuses every start.",
                    "查看那次启动日志中的原因并消除，撤销该迁移已部分完成的更改，然后删除失败记录并重新启动 / find the cause in"
                            + " that start's log and remove it, undo what the migration made in part, then: DELETE FROM"
                            + " flyway_schema_history WHERE version = '" + failed + "' AND success = 0; and start again"
                            + " (error " + BINLOG_NEEDS_SUPER + ", binary logging: " + README + ").",
                    cause);
        }
        return null;
    }

    private static boolean binlogRefusedTrigger(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == BINLOG_NEEDS_SUPER) {
                return true;
            }
        }
        return false;
    }

    /** The pattern's group in the first message along the cause chain that has it, else null. */
    private static String first(Pattern pattern, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                Matcher m = pattern.matcher(t.getMessage());
                if (m.find()) {
                    return m.group(1).replace('_', '.');
                }
            }
        }
        return null;
    }
}
