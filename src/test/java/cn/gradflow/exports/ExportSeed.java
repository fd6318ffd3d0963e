package cn.gradflow.exports;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many cases written straight into the tables the exports read, with batched JDBC (as
 * scale.ProvinceScaleListsTest does): each of {@code n} students of one centre has a case waiting at its
 * city with a blocking finding and a rejection in the trail (pending, rejections), a registered case
 * (roster, statistics) and a case waiting for the HQ list, each in a batch of its own.
 */
public final class ExportSeed {

    public static final String PENDING_BATCH = "202301";
    public static final String ROSTER_BATCH = "202307";
    public static final String HQ_BATCH = "202401";
    static final List<String> BATCHES = List.of(PENDING_BATCH, ROSTER_BATCH, HQ_BATCH);

    private static final int CHUNK = 5_000;

    private ExportSeed() {
    }

    /** A unit tree of its own (HQ, branch XS, city XSC, centre XSC01) and a junior major, for an empty database. */
    static void units(JdbcTemplate jdbc) {
        jdbc.update("INSERT INTO unit (code, name, tier, parent_code, has_city_tier) VALUES ('HQ', '总部', 'HQ', NULL, NULL)");
        jdbc.update("INSERT INTO unit (code, name, tier, parent_code, has_city_tier, branch_code) VALUES ('XS', '规模分部', 'BRANCH', 'HQ', TRUE, 'XS')");
        jdbc.update("INSERT INTO unit (code, name, tier, parent_code, has_city_tier, branch_code) VALUES ('XSC', '规模分校', 'CITY', 'XS', NULL, 'XS')");
        jdbc.update("INSERT INTO unit (code, name, tier, parent_code, has_city_tier, branch_code) VALUES ('XSC01', '规模学习中心', 'LEARNING_CENTER', 'XSC', NULL, 'XS')");
        jdbc.update("INSERT INTO major (code, name, level, min_credits, degree_available) VALUES ('XZGL', '行政管理', 'JUNIOR', 10, FALSE)");
    }

    /** Seeds {@code n} students of the centre (student numbers {@code 5 + 11 digits}) and their cases. */
    public static void seed(JdbcTemplate jdbc, String centre, int n) {
        for (String batch : BATCHES) {
            if (jdbc.queryForObject("SELECT COUNT(*) FROM batch WHERE code = ?", Integer.class, batch) == 0) {
                jdbc.update("INSERT INTO batch (code, name, grade_cutoff, certificate_issue_date) VALUES (?, ?, ?, ?)", batch,
                        "导出规模批次" + batch, Date.valueOf(LocalDate.of(2023, 1, 31)), Date.valueOf(LocalDate.of(2023, 1, 20)));
            }
        }
        Timestamp now = Timestamp.valueOf(LocalDateTime.of(2025, 6, 1, 9, 0));
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            List<Object[]> students = new ArrayList<>();
            List<Object[]> applications = new ArrayList<>();
            for (int i = from; i < to; i++) {
                String no = String.format("5%011d", i);
                // every tenth name is hostile: the escaping runs at scale too
                students.add(new Object[] {no, i % 10 == 0 ? "=HYPERLINK(\"http://x/" + i + "\")" : "规模" + i,
                        String.format("X%017d", i), centre, "XZGL", "202103"});
                applications.add(new Object[] {PENDING_BATCH, no, "GRADUATION", "FIRST", "CITY_REVIEW", "CITY", now, now});
                applications.add(new Object[] {ROSTER_BATCH, no, "GRADUATION", "FIRST", "CERTIFICATE", "LEARNING_CENTER", now, now});
                applications.add(new Object[] {HQ_BATCH, no, "GRADUATION", "FIRST", "AWAITING_HQ", "BRANCH", now, now});
            }
            jdbc.batchUpdate("INSERT INTO student (student_no, name, id_number, unit_code, major_code, enrolment_term) VALUES (?, ?, ?, ?, ?, ?)",
                    students);
            jdbc.batchUpdate("INSERT INTO application (batch_code, student_no, kind, application_round, state, tier, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", applications);
        }
        String first = String.format("5%011d", 0);
        String last = String.format("5%011d", n - 1);
        jdbc.update("INSERT INTO finding (application_id, stage, rule_id, severity, message, created_at)"
                + " SELECT id, 'INITIAL', 'R-EL-03', 'BLOCKING', '学分不足', ? FROM application"
                + " WHERE batch_code = ? AND student_no BETWEEN ? AND ?", now, PENDING_BATCH, first, last);
        jdbc.update("INSERT INTO decision_log (application_id, user_id, unit_code, tier, decided_at, decision, reason)"
                + " SELECT id, 'xsc1', 'XSC', 'CITY', ?, 'REJECT', '照片背景不符合要求' FROM application"
                + " WHERE batch_code = ? AND student_no BETWEEN ? AND ?", now, PENDING_BATCH, first, last);
        // registration numbers 5116182023 6 + a sequence, in the order of the student numbers
        jdbc.update("INSERT INTO registration (registration_no, application_id, certificate_issue_date, issued_at)"
                + " SELECT CONCAT('51161820236', SUBSTRING(student_no, 7, 6)), id, ?, ? FROM application"
                + " WHERE batch_code = ? AND student_no BETWEEN ? AND ?", Date.valueOf(LocalDate.of(2023, 7, 20)), now,
                ROSTER_BATCH, first, last);
    }
}
