package cn.gradflow.cases;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.value.ValueNull;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Issue 13: a writer of many new students adds them to the dashboard summary itself, one delta row per centre for the
 * whole batch, instead of the insert trigger's delta row per student (V75), which doubled a student import's writes.
 * While it inserts, the session variable {@code @gradflow_students_counted} is set on the transaction's connection:
 * MySQL's insert trigger (V80) and {@link DashboardSummaryTrigger} on H2 then leave that connection's new students to
 * it. Only inserts: every other writer, and every update or delete of a student (a centre moved by the import too),
 * is still counted by the triggers.
 */
public final class StudentsCounted {

    static final String VARIABLE = "gradflow_students_counted";

    private StudentsCounted() {
    }

    /**
     * Runs {@code insert} (a batch INSERT INTO student on {@code jdbc}) and adds {@code enrolledPerCentre} (the batch's
     * ENROLLED students by unit_code) to the summary, in the caller's transaction. Outside a transaction each statement
     * may take another pooled connection, so the marker could not follow the insert: the trigger counts then.
     */
    public static void insert(JdbcTemplate jdbc, Map<String, Long> enrolledPerCentre, Runnable insert) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            insert.run();
            return;
        }
        jdbc.execute("SET @" + VARIABLE + " = 1");
        try {
            insert.run();
            List<Object[]> deltas = enrolledPerCentre.entrySet().stream().filter(e -> e.getValue() != 0)
                    .map(e -> new Object[] {e.getKey(), e.getValue()}).toList();
            jdbc.batchUpdate("INSERT INTO dashboard_count_delta (batch_code, centre, state, n) VALUES ('*', ?, '"
                    + CaseFilter.NOT_APPLIED + "', ?)", deltas);
        } finally {
            // a user variable outlives the transaction: the pooled connection's next user must be counted by the trigger
            jdbc.execute("SET @" + VARIABLE + " = NULL");
        }
    }

    /** On H2, inside the trigger: whether the session inserting is such a writer (the variable read without a statement). */
    static boolean byWriter(Connection conn) throws SQLException {
        if (conn.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
            // H2 keeps an unquoted name upper-cased (lower-cased with DATABASE_TO_LOWER)
            return session.getVariable(VARIABLE.toUpperCase(java.util.Locale.ROOT)) != ValueNull.INSTANCE
                    || session.getVariable(VARIABLE) != ValueNull.INSTANCE;
        }
        return false;
    }
}
