package cn.gradflow.exports;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;

/**
 * The exports on a database with several batches (issue 13): {@code seed} migrates an empty database and writes
 * {@code batches} batches of {@code perKind} cases per export kind over a unit tree of 2 branches × 5 cities × 4 centres
 * and 20 majors; {@code write} writes every workbook of one batch (210107 is the middle of three), for HQ, branch XB1 and city XB1C1, into a directory
 * (to unzip and diff before/after a change), timing each. The plans are read with EXPLAIN/ANALYZE from the mysql client.
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) cn.gradflow.exports.ExportPlanProbe URL USER PASSWORD seed 3 20000
 * java ... ExportPlanProbe URL USER PASSWORD write DIR 210107
 * </pre>
 * Not part of any test run: a manual measurement.
 */
public final class ExportPlanProbe {

    static final int BRANCHES = 2;
    static final int CITIES = 5;
    static final int CENTRES = 4;
    static final int MAJORS = 20;

    public static void main(String[] args) throws Exception {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(args[0]);
            ds.setUsername(args[1]);
            ds.setPassword(args[2]);
            ds.setMaximumPoolSize(2);
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            if ("seed".equals(args[3])) {
                String vendor = args[0].startsWith("jdbc:h2") ? "h2" : "mysql";
                Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/" + vendor).load().migrate();
                long t0 = System.nanoTime();
                seed(jdbc, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
                System.out.printf(Locale.ROOT, "SEED seconds=%.1f%n", (System.nanoTime() - t0) / 1e9);
            } else {
                Path dir = Files.createDirectories(Path.of(args[4]));
                WorkbookExports exports = new WorkbookExports(ds);
                String batch = args[5];
                for (Unit unit : List.of(new Unit("HQ", "总部", Tier.HQ, null, null), new Unit("XB1", "分部1", Tier.BRANCH, "HQ", true),
                        new Unit("XB1C1", "分校1-1", Tier.CITY, "XB1", null))) {
                    for (ExportKind kind : ExportKind.values()) {
                        long t0 = System.nanoTime();
                        long rows;
                        try (OutputStream out = Files.newOutputStream(dir.resolve(kind.path() + "-" + unit.code() + ".xlsx"))) {
                            rows = exports.write(kind, batch, unit, id -> id, out);
                        }
                        System.out.printf(Locale.ROOT, "EXPORT %s %s batch=%s rows=%d seconds=%.2f%n", kind.path(), unit.code(), batch, rows,
                                (System.nanoTime() - t0) / 1e9);
                    }
                }
            }
        }
    }

    /**
     * Batches 2101.. each with {@code perKind} cases waiting at the city with a blocking finding and a rejection (pending,
     * rejections), {@code perKind} registered (roster, statistics) and {@code perKind} waiting for the HQ list, of
     * 3 × perKind students spread over the centres and majors (every student has a case in every batch).
     */
    static void seed(JdbcTemplate jdbc, int batches, int perKind) {
        jdbc.update("INSERT INTO unit (code, name, tier, parent_code, has_city_tier) VALUES ('HQ', '总部', 'HQ', NULL, NULL)");
        List<String> centres = new ArrayList<>();
        for (int b = 1; b <= BRANCHES; b++) {
            String branch = "XB" + b;
            jdbc.update("INSERT INTO unit (code, name, tier, parent_code, has_city_tier, branch_code) VALUES (?, ?, 'BRANCH', 'HQ', TRUE, ?)",
                    branch, "分部" + b, branch);
            for (int c = 1; c <= CITIES; c++) {
                String city = branch + "C" + c;
                jdbc.update("INSERT INTO unit (code, name, tier, parent_code, has_city_tier, branch_code) VALUES (?, ?, 'CITY', ?, NULL, ?)",
                        city, "分校" + b + "-" + c, branch, branch);
                for (int l = 1; l <= CENTRES; l++) {
                    String centre = city + "L" + l;
                    jdbc.update("INSERT INTO unit (code, name, tier, parent_code, has_city_tier, branch_code) VALUES (?, ?, 'LEARNING_CENTER', ?, NULL, ?)",
                            centre, "学习中心" + b + "-" + c + "-" + l, city, branch);
                    centres.add(centre);
                }
            }
        }
        for (int m = 0; m < MAJORS; m++) {
            jdbc.update("INSERT INTO major (code, name, level, min_credits, degree_available) VALUES (?, ?, ?, 10, FALSE)",
                    String.format("M%02d", m), "专业" + m, m % 2 == 0 ? "JUNIOR" : "BACHELOR");
        }
        Timestamp now = Timestamp.valueOf(LocalDateTime.of(2025, 6, 1, 9, 0));
        int students = 3 * perKind;
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < students; i++) {
            // leading zeros in the student number and in the all-digit ID number, a formula-like name every tenth
            rows.add(new Object[] {String.format("0%011d", i), i % 10 == 0 ? "=HYPERLINK(\"http://x/" + i + "\")" : "学生" + i,
                    String.format("%018d", i), centres.get((i * 7) % centres.size()), String.format("M%02d", i % MAJORS), "202103"});
            if (rows.size() == 5_000) {
                jdbc.batchUpdate("INSERT INTO student (student_no, name, id_number, unit_code, major_code, enrolment_term) VALUES (?, ?, ?, ?, ?, ?)", rows);
                rows.clear();
            }
        }
        jdbc.batchUpdate("INSERT INTO student (student_no, name, id_number, unit_code, major_code, enrolment_term) VALUES (?, ?, ?, ?, ?, ?)", rows);
        rows.clear();
        for (int b = 0; b < batches; b++) {
            String batch = String.format("21%02d%02d", b / 2 + 1, b % 2 == 0 ? 1 : 7);
            jdbc.update("INSERT INTO batch (code, name, grade_cutoff, certificate_issue_date) VALUES (?, ?, ?, ?)", batch,
                    "规模批次" + batch, Date.valueOf(LocalDate.of(2023, 1, 31)), Date.valueOf(LocalDate.of(2023, 1, 20)));
            for (int i = 0; i < students; i++) {
                String state = switch (i % 3) {
                    case 0 -> "CITY_REVIEW";
                    case 1 -> "CERTIFICATE";
                    default -> "AWAITING_HQ";
                };
                String tier = switch (i % 3) {
                    case 0 -> "CITY";
                    case 1 -> "LEARNING_CENTER";
                    default -> "BRANCH";
                };
                rows.add(new Object[] {batch, String.format("0%011d", i), i % 4 == 0 ? "GRADUATION_DEGREE" : "GRADUATION", "FIRST", state, tier,
                        now, now});
                if (rows.size() == 5_000) {
                    insertApplications(jdbc, rows);
                }
            }
            insertApplications(jdbc, rows);
            jdbc.update("INSERT INTO finding (application_id, stage, rule_id, severity, message, created_at)"
                    + " SELECT id, 'INITIAL', 'R-EL-03', 'BLOCKING', '学分不足', ? FROM application WHERE batch_code = ? AND state = 'CITY_REVIEW'", now, batch);
            jdbc.update("INSERT INTO decision_log (application_id, user_id, unit_code, tier, decided_at, decision, reason)"
                    + " SELECT id, 'xc1', 'XB1C1', 'CITY', ?, 'REJECT', '照片背景不符合要求' FROM application WHERE batch_code = ? AND state = 'CITY_REVIEW'",
                    now, batch);
            // registration numbers in the order of the student numbers, a prefix per batch
            jdbc.update("INSERT INTO registration (registration_no, application_id, certificate_issue_date, issued_at)"
                    + " SELECT CONCAT(?, SUBSTRING(student_no, 8, 5)), id, ?, ? FROM application WHERE batch_code = ? AND state = 'CERTIFICATE'",
                    "511618" + batch, Date.valueOf(LocalDate.of(2023, 7, 20)), now, batch);
        }
    }

    private static void insertApplications(JdbcTemplate jdbc, List<Object[]> rows) {
        jdbc.batchUpdate("INSERT INTO application (batch_code, student_no, kind, application_round, state, tier, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
        rows.clear();
    }
}
