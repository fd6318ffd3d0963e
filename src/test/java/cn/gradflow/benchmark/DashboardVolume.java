package cn.gradflow.benchmark;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.gradflow.common.SchoolClock;
import cn.gradflow.cases.DashboardViews;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: the batch dashboard over a province of 100,000 students ({@code -Dbenchmark.students}), written straight
 * into the tables (80 % applied, in every state; blocking findings and rejections on a tenth; a trail over 30 days;
 * the summary's triggers write their deltas meanwhile), timed as the branch, a city, HQ and a centre of half of them,
 * on H2 ({@link DashboardVolumeTest}) and MariaDB ({@link MariaDbDashboardVolumeTest}). Prints a table (the whole
 * answer over HTTP and in the server, then each view alone: medians of {@code -Dbenchmark.rounds}, default 7) from the
 * summary folded, with 4,000 deltas not yet folded, and the state counts and trend by the SQL over the tables; checks
 * that summary and tables agree; prints each view's plan and writes the table to target/benchmark/dashboard-*.md.
 */
abstract class DashboardVolume {

    private static final String[] STATES = {"CORRECTION", "APPLYING", "CITY_REVIEW", "BRANCH_REVIEW", "AWAITING_HQ", "HQ_REVIEW",
        "GRADUATED", "DEFERRED"};
    private static final String[] REASONS = {"毕业照片背景不符", "学分不足", "承诺书缺失", "身份证号有误"};

    @Autowired TestRoster roster;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestRestTemplate http;
    @Autowired SchoolClock clock;
    @Autowired DashboardViews views;
    @Autowired cn.gradflow.cases.DashboardSummary summary;
    @Autowired org.springframework.transaction.PlatformTransactionManager transactions;

    /** The database, for the table's heading and file name. */
    abstract String database();

    @Test
    @SuppressWarnings("rawtypes")
    void theDashboardOfAProvince() {
        int n = Integer.getInteger("benchmark.students", 100_000);
        roster.ensureScaleBranch();
        // one transaction: on MariaDB each autocommitted row would wait for its own log flush
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> seed(n));
        // the statistics a database of this size has (the optimizer's choice of side depends on them)
        jdbc.execute(h2() ? "ANALYZE" : "ANALYZE TABLE student, application, decision_log, finding");

        int rounds = Integer.getInteger("benchmark.rounds", 7);
        List<String> table = new ArrayList<>();
        table.add("Dashboard at " + n + " students, " + database() + "; ms, median of " + rounds + " calls after a first one");
        table.add("");
        table.add("Load average at the start (1, 5, 15 min): " + loadAverage());
        table.add("");
        table.add("| SQL | as | unit | students | first call | whole answer (HTTP) | server: whole (CPU) | states | reasons | rules | trend | CPU of the views (this thread) |");
        table.add("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        // the triggers wrote a delta per row seeded: fold them as the half-minute turns would, then check the summary
        // against the tables as a start does (zero corrections: the triggers kept it exact)
        long folded = jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM dashboard_count_delta) + (SELECT COUNT(*) FROM dashboard_day_delta)", Long.class);
        long t0 = System.nanoTime();
        while (summary.fold() > 0) {
            // each turn a transaction of at most 20,000 deltas per table
        }
        long foldMs = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        int corrected = summary.reconcile();
        long reconcileMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(corrected).as("summary rows the triggers got wrong while seeding").isZero();
        table.add(String.format("After seeding %,d summary deltas waited (the half-minute turn may have folded some), folded in %,d ms; the reconcile a start runs took %,d ms (%d rows corrected).",
                folded, foldMs, reconcileMs, corrected));
        table.add("");
        measure("summary (V74)", false, rounds, table);
        // what the reader adds up between two folds at a busy moment: the deltas of 2,000 approvals (4,000 rows)
        List<Object[]> approvals = jdbc.query("SELECT id FROM application WHERE batch_code = ? AND state = 'BRANCH_REVIEW' AND student_no LIKE '7%'",
                (rs, i) -> new Object[] {rs.getLong(1)}, TestRoster.BATCH).subList(0, 2_000);
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(
                tx -> jdbc.batchUpdate("UPDATE application SET state = 'AWAITING_HQ' WHERE id = ?", approvals));
        measure("summary + 4,000 deltas", false, rounds, table);
        // the views' SQL over the tables (before V74), under the same load
        measure("tables (before V74)", true, rounds, table);
        table.add("");
        table.add("Load average at the end (1, 5, 15 min): " + loadAverage());
        table.forEach(System.out::println);
        try {
            java.nio.file.Path file = java.nio.file.Path.of("target", "benchmark", "dashboard-" + fileName() + ".md");
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.write(file, table);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The machine's load average: wall times on this shared machine mean little without it. */
    private static String loadAverage() {
        try {
            return String.join(" ", java.util.Arrays.copyOf(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" "), 3));
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private boolean h2() {
        return jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName()).contains("H2");
    }

    private void seed(int n) {
        Timestamp now = clock.timestamp();
        List<Object[]> students = new ArrayList<>();
        List<Object[]> applications = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String no = String.format("7%011d", i);
            students.add(new Object[] {no, "看板" + i, String.format("D%017d", i), i % 2 == 0 ? "PSA01" : "PSB01", "XZGL", "202303"});
            if (i % 5 != 0) {
                String state = STATES[i % STATES.length];
                applications.add(new Object[] {TestRoster.BATCH, no, "GRADUATION", "FIRST", state, "BRANCH", now, now});
            }
            if (students.size() == 5_000) {
                flush(students, applications);
            }
        }
        flush(students, applications);
        List<Object[]> findings = new ArrayList<>();
        List<Object[]> trail = new ArrayList<>();
        jdbc.query("SELECT a.id FROM application a WHERE a.batch_code = ? AND a.student_no LIKE '7%'", rs -> {
            long id = rs.getLong(1);
            Timestamp day = Timestamp.valueOf(now.toLocalDateTime().minusDays(id % 30));
            trail.add(new Object[] {id, "psa1", "PSA01", "LEARNING_CENTER", day, "APPLY", null});
            if (id % 10 == 0) {
                findings.add(new Object[] {id, "INITIAL", "R-EL-03", "BLOCKING", "学分不足", now});
                trail.add(new Object[] {id, "psa1", "PSA", "CITY", day, "REJECT", REASONS[(int) (id / 10 % REASONS.length)]});
            }
        }, TestRoster.BATCH);
        jdbc.batchUpdate("INSERT INTO finding (application_id, stage, rule_id, severity, message, created_at) VALUES (?, ?, ?, ?, ?, ?)", findings);
        jdbc.batchUpdate("INSERT INTO decision_log (application_id, user_id, unit_code, tier, decided_at, decision, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", trail);
        System.out.printf("%nseeded %,d students, %,d decisions, %,d findings in %d ms%n", n, trail.size(), findings.size(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    @SuppressWarnings("rawtypes")
    private void measure(String label, boolean tables, int rounds, List<String> table) {
        for (String[] who : new String[][] {{"ps1", TestRoster.SCALE_BRANCH}, {"psa1", "PSA"}, {"hq1", "HQ"}, {"psa01", "PSA01"}}) {
            long first = 0;
            List<Long> next = new ArrayList<>();
            long total = 0;
            // the page's whole answer reads the summary: timed with it only (over the tables: the earlier run's, README)
            for (int round = 0; round <= (tables ? -1 : rounds); round++) {
                long start = System.nanoTime();
                ResponseEntity<Map> r = http.withBasicAuth(who[0], TestRoster.PASSWORD)
                        .getForEntity("/api/batches/" + TestRoster.BATCH + "/dashboard", Map.class);
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
                assertThat(r.getBody()).containsEntry("unit", who[1]);
                total = ((Number) r.getBody().get("total")).longValue();
                if (round == 0) {
                    first = ms;
                } else {
                    next.add(ms);
                }
            }
            List<List<Object>> compared = views.reasonsAndRulesWithBefore(TestRoster.BATCH, who[1]);
            assertThat(compared.get(0)).as("reasons of " + who[1]).isNotEmpty().isEqualTo(compared.get(1));
            assertThat(compared.get(2)).as("rules of " + who[1]).isNotEmpty().isEqualTo(compared.get(3));
            List<List<String>> same = views.summaryWithTables(TestRoster.BATCH, who[1]);
            assertThat(same.get(0)).as("state counts of " + who[1] + ", summary and tables").isNotEmpty().isEqualTo(same.get(1));
            assertThat(same.get(2)).as("trend of " + who[1] + ", summary and tables").isNotEmpty().isEqualTo(same.get(3));
            Map<String, Long> perView = views.medianMillis(TestRoster.BATCH, who[1], rounds, tables);
            // the server's time for the whole answer (BatchDashboard.of in this thread): what the page waits for minus HTTP and JSON
            String server = "–";
            if (!tables) {
                Map<String, Long> whole = views.wholeMillis(TestRoster.BATCH, who[1], rounds);
                server = whole.get("whole") + " (" + whole.get("whole cpu") + ")";
            }
            table.add(String.format("| %s | %s | %s | %s | %s | %s | %s | %d | %d | %d | %d | %d + %d + %d + %d |", label, who[0], who[1], next.isEmpty() ? "–" : String.format("%,d", total),
                    next.isEmpty() ? "–" : first, next.isEmpty() ? "–" : DashboardViews.median(next), server, perView.get("states"), perView.get("reasons"), perView.get("rules"),
                    perView.get("trend"), perView.get("states cpu"), perView.get("reasons cpu"), perView.get("rules cpu"),
                    perView.get("trend cpu")));
        }
        for (String unit : List.of(TestRoster.SCALE_BRANCH, "PSA", "HQ", "PSA01")) {
            views.plans(TestRoster.BATCH, unit, tables).forEach((view, plan) -> {
                table.add("Plan of " + view + " as " + unit + " (" + label + "):");
                plan.forEach(line -> table.add("    " + line.replace("\n", "\n    ")));
            });
        }
    }

    abstract String fileName();

    private void flush(List<Object[]> students, List<Object[]> applications) {
        jdbc.batchUpdate("INSERT INTO student (student_no, name, id_number, unit_code, major_code, enrolment_term) VALUES (?, ?, ?, ?, ?, ?)", students);
        jdbc.batchUpdate("INSERT INTO application (batch_code, student_no, kind, application_round, state, tier, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", applications);
        students.clear();
        applications.clear();
    }
}
