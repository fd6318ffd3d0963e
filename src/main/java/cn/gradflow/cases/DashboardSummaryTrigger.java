package cn.gradflow.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.h2.tools.TriggerAdapter;

/**
 * H2's triggers of the dashboard summary (V74, V75): the rules of MySQL's V75 in Java, since H2 runs triggers as
 * classes. In the writer's transaction, a changed row of student, application or decision_log withdraws what it
 * added to the summary before and adds what it adds now, summed per key, as delta rows (INSERT only: no lock on a
 * shared row). {@link DashboardSummary} folds the deltas; its reconcile is the proof that these rules hold.
 * The name is in the database (V75): keep it.
 */
public class DashboardSummaryTrigger extends TriggerAdapter {

    private static final String KINDS = DashboardSummary.TREND_KINDS;
    private static final String ENROLLED = "ENROLLED";

    @Override
    public void fire(Connection conn, ResultSet oldRow, ResultSet newRow) throws SQLException {
        Deltas deltas = new Deltas();
        switch (tableName.toUpperCase(Locale.ROOT)) {
            case "STUDENT" -> student(conn, oldRow, newRow, deltas);
            case "APPLICATION" -> application(conn, oldRow, newRow, deltas);
            case "DECISION_LOG" -> decision(conn, oldRow, newRow, deltas);
            default -> throw new SQLException("no dashboard summary rule for table " + tableName);
        }
        deltas.write(conn);
    }

    private static void student(Connection conn, ResultSet oldRow, ResultSet newRow, Deltas deltas) throws SQLException {
        if (oldRow == null && StudentsCounted.byWriter(conn)) {
            return; // the writer adds these new students to the summary itself (StudentsCounted)
        }
        boolean moved = oldRow == null || newRow == null || changed(oldRow, newRow, "STUDENT_NO", "UNIT_CODE");
        if (!moved && !changed(oldRow, newRow, "STATUS")) {
            return;
        }
        for (ResultSet row : new ResultSet[] {oldRow, newRow}) {
            if (row == null) {
                continue;
            }
            int sign = row == oldRow ? -1 : 1;
            String no = row.getString("STUDENT_NO");
            String centre = row.getString("UNIT_CODE");
            boolean enrolled = ENROLLED.equals(row.getString("STATUS"));
            if (enrolled) {
                deltas.count("*", centre, CaseFilter.NOT_APPLIED, sign);
            }
            if (row == newRow && oldRow == null) {
                continue; // a new student has no application yet (fk_application_student): no look-up per inserted row
            }
            try (PreparedStatement ps = conn.prepareStatement("SELECT batch_code, state FROM application WHERE student_no = ?")) {
                ps.setString(1, no);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        deltas.count(rs.getString(1), centre, rs.getString(2), sign);
                        if (enrolled) {
                            deltas.count(rs.getString(1), centre, CaseFilter.NOT_APPLIED, -sign);
                        }
                    }
                }
            }
            // the trend counts by the student's centre now: a move takes the trail along (a status change does not touch it)
            if (moved && oldRow != null && newRow != null) {
                try (PreparedStatement ps = conn.prepareStatement("SELECT a.batch_code, CAST(d.decided_at AS DATE), d.decision, COUNT(*)"
                        + " FROM application a JOIN decision_log d ON d.application_id = a.id WHERE a.student_no = ? AND d.decision IN ("
                        + KINDS + ") GROUP BY a.batch_code, CAST(d.decided_at AS DATE), d.decision")) {
                    ps.setString(1, no);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            deltas.day(rs.getString(1), centre, rs.getObject(2, LocalDate.class), rs.getString(3), sign * rs.getLong(4));
                        }
                    }
                }
            }
        }
    }

    private static void application(Connection conn, ResultSet oldRow, ResultSet newRow, Deltas deltas) throws SQLException {
        boolean moved = oldRow != null && newRow != null && changed(oldRow, newRow, "ID", "BATCH_CODE", "STUDENT_NO");
        if (oldRow != null && newRow != null && !moved && !changed(oldRow, newRow, "STATE")) {
            return;
        }
        for (ResultSet row : new ResultSet[] {oldRow, newRow}) {
            if (row == null) {
                continue;
            }
            int sign = row == oldRow ? -1 : 1;
            String batch = row.getString("BATCH_CODE");
            String[] student = student(conn, row.getString("STUDENT_NO"));
            if (student == null) {
                continue;
            }
            deltas.count(batch, student[0], row.getString("STATE"), sign);
            if (ENROLLED.equals(student[1])) {
                deltas.count(batch, student[0], CaseFilter.NOT_APPLIED, -sign);
            }
            // a new application has no trail yet and a deleted one can have none (decision_log's foreign key)
            if (moved) {
                try (PreparedStatement ps = conn.prepareStatement("SELECT CAST(decided_at AS DATE), decision, COUNT(*) FROM decision_log"
                        + " WHERE application_id = ? AND decision IN (" + KINDS + ") GROUP BY CAST(decided_at AS DATE), decision")) {
                    ps.setLong(1, row.getLong("ID"));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            deltas.day(batch, student[0], rs.getObject(1, LocalDate.class), rs.getString(2), sign * rs.getLong(3));
                        }
                    }
                }
            }
        }
    }

    private static void decision(Connection conn, ResultSet oldRow, ResultSet newRow, Deltas deltas) throws SQLException {
        if (oldRow != null && newRow != null && !changed(oldRow, newRow, "APPLICATION_ID", "DECIDED_AT", "DECISION")) {
            return;
        }
        for (ResultSet row : new ResultSet[] {oldRow, newRow}) {
            if (row == null || !DashboardSummary.TREND_DECISIONS.contains(row.getString("DECISION"))) {
                continue;
            }
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT a.batch_code, s.unit_code FROM application a JOIN student s ON s.student_no = a.student_no WHERE a.id = ?")) {
                ps.setLong(1, row.getLong("APPLICATION_ID"));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        deltas.day(rs.getString(1), rs.getString(2), day(row.getObject("DECIDED_AT")), row.getString("DECISION"),
                                row == oldRow ? -1 : 1);
                    }
                }
            }
        }
    }

    /** The student's centre and status, or null (a foreign key makes that impossible for an application). */
    private static String[] student(Connection conn, String studentNo) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT unit_code, status FROM student WHERE student_no = ?")) {
            ps.setString(1, studentNo);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        }
    }

    private static boolean changed(ResultSet oldRow, ResultSet newRow, String... columns) throws SQLException {
        for (String column : columns) {
            if (!Objects.equals(oldRow.getObject(column), newRow.getObject(column))) {
                return true;
            }
        }
        return false;
    }

    /** CAST(decided_at AS DATE): the trail's TIMESTAMP is a local date-time. */
    private static LocalDate day(Object decidedAt) {
        if (decidedAt instanceof Timestamp t) {
            return t.toLocalDateTime().toLocalDate();
        }
        if (decidedAt instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        throw new IllegalStateException("decided_at is " + decidedAt);
    }

    /** One transaction's changes summed per key; only keys that moved are written. */
    private static final class Deltas {
        private final Map<List<Object>, Long> counts = new LinkedHashMap<>();
        private final Map<List<Object>, Long> days = new LinkedHashMap<>();

        void count(String batch, String centre, String state, long n) {
            counts.merge(List.of(batch, centre, state), n, Long::sum);
        }

        void day(String batch, String centre, LocalDate day, String decision, long n) {
            days.merge(List.of(batch, centre, day, decision), n, Long::sum);
        }

        void write(Connection conn) throws SQLException {
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO dashboard_count_delta (batch_code, centre, state, n) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<List<Object>, Long> e : counts.entrySet()) {
                    if (e.getValue() != 0) {
                        ps.setString(1, (String) e.getKey().get(0));
                        ps.setString(2, (String) e.getKey().get(1));
                        ps.setString(3, (String) e.getKey().get(2));
                        ps.setLong(4, e.getValue());
                        ps.executeUpdate();
                    }
                }
            }
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT INTO dashboard_day_delta (batch_code, centre, decided_on, decision, n) VALUES (?, ?, ?, ?, ?)")) {
                for (Map.Entry<List<Object>, Long> e : days.entrySet()) {
                    if (e.getValue() != 0) {
                        ps.setString(1, (String) e.getKey().get(0));
                        ps.setString(2, (String) e.getKey().get(1));
                        ps.setObject(3, e.getKey().get(2));
                        ps.setString(4, (String) e.getKey().get(3));
                        ps.setLong(5, e.getValue());
                        ps.executeUpdate();
                    }
                }
            }
        }
    }
}
