package cn.gradflow.cases;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.gradflow.common.SchoolClock;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Unit;

/**
 * The dashboard's views one by one, for the volume tests ({@code benchmark.DashboardVolume}): each view's median time
 * and each query's plan, on whichever database the context runs.
 */
@Component
public class DashboardViews {

    /** The two views' SQL before V69 (driven from the unit's students), for the before/after of the volume tests. */
    static final String REASONS_BEFORE = "SELECT d.reason, COUNT(*) FROM decision_log d JOIN application a ON a.id = d.application_id"
            + " JOIN student s ON s.student_no = a.student_no WHERE a.batch_code = :batch AND s.unit_code IN (:centres)"
            + " AND d.decision = 'REJECT' GROUP BY d.reason ORDER BY COUNT(*) DESC, d.reason LIMIT " + BatchDashboard.TOP;
    static final String RULES_BEFORE = "SELECT f.rule_id, COUNT(DISTINCT a.id) FROM application a JOIN student s ON s.student_no = a.student_no"
            + " JOIN finding f ON f.application_id = a.id AND f.severity = 'BLOCKING' WHERE a.batch_code = :batch AND s.unit_code IN (:centres)"
            + " GROUP BY f.rule_id ORDER BY COUNT(DISTINCT a.id) DESC, f.rule_id LIMIT " + BatchDashboard.TOP;

    private final BatchDashboard dashboard;
    private final DashboardSummary summary;
    private final CaseQuery cases;
    private final RosterRepository roster;
    private final SchoolClock clock;
    private final JdbcClient jdbc;

    DashboardViews(BatchDashboard dashboard, DashboardSummary summary, CaseQuery cases, RosterRepository roster, SchoolClock clock,
                   JdbcClient jdbc) {
        this.dashboard = dashboard;
        this.summary = summary;
        this.cases = cases;
        this.roster = roster;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /**
     * Each view's median over {@code rounds} calls, in the order the page shows them: wall-clock ms and this thread's CPU ms
     * ({@code "states cpu"}…; on embedded H2 the query's own work, which the load of other processes hardly changes).
     * {@code tables}: the state counts and the trend by the SQL over the tables (before the summary of V74).
     */
    public Map<String, Long> medianMillis(String batchCode, String unitCode, int rounds, boolean tables) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Object> params = params(batchCode, unitCode);
        Map<String, Consumer<Map<String, Object>>> views = new LinkedHashMap<>();
        views.put("states", tables ? dashboard::byCentreFromTables : summary::byCentre);
        views.put("reasons", dashboard::reasons);
        views.put("rules", dashboard::rules);
        views.put("trend", tables ? p -> dashboard.perDayFromTables(p, clock.today()) : p -> summary.perDay(p, since()));
        Map<String, Long> medians = new LinkedHashMap<>();
        // H2 hands a repeated query the previous result while its tables are unchanged: the page's ten statements
        // per call push each other out of that cache, a view asked five times in a row would not
        boolean h2 = h2();
        if (h2) {
            jdbc.sql("SET OPTIMIZE_REUSE_RESULTS 0").update();
        }
        try {
            timeEach(views, params, rounds, threads, medians);
        } finally {
            if (h2) {
                jdbc.sql("SET OPTIMIZE_REUSE_RESULTS 1").update();
            }
        }
        return medians;
    }

    /**
     * The whole dashboard as the endpoint builds it ({@link BatchDashboard#of}: every view, the windows and the batches),
     * in this thread without HTTP: the server's time. Median wall-clock ms ({@code "whole"}) and this thread's CPU ms
     * ({@code "whole cpu"}) over {@code rounds} calls after a first one; H2's result reuse off as in {@link #medianMillis}.
     */
    public Map<String, Long> wholeMillis(String batchCode, String unitCode, int rounds) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Unit unit = roster.findUnit(unitCode).orElseThrow();
        Map<String, Long> medians = new LinkedHashMap<>();
        boolean h2 = h2();
        if (h2) {
            jdbc.sql("SET OPTIMIZE_REUSE_RESULTS 0").update();
        }
        try {
            dashboard.of(batchCode, unit);
            timeEach(Map.of("whole", p -> dashboard.of(batchCode, unit)), Map.of(), rounds, threads, medians);
        } finally {
            if (h2) {
                jdbc.sql("SET OPTIMIZE_REUSE_RESULTS 1").update();
            }
        }
        return medians;
    }

    private boolean h2() {
        return jdbc.sql("SELECT 1").query((rs, n) -> rs.getStatement().getConnection().getMetaData().getDatabaseProductName())
                .single().contains("H2");
    }

    private static void timeEach(Map<String, Consumer<Map<String, Object>>> views, Map<String, Object> params, int rounds,
                                 java.lang.management.ThreadMXBean threads, Map<String, Long> medians) {
        views.forEach((name, view) -> {
            List<Long> times = new ArrayList<>();
            List<Long> cpu = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                long startCpu = threads.getCurrentThreadCpuTime();
                view.accept(params);
                cpu.add((threads.getCurrentThreadCpuTime() - startCpu) / 1_000_000);
                times.add((System.nanoTime() - start) / 1_000_000);
            }
            medians.put(name, median(times));
            medians.put(name + " cpu", median(cpu));
        });
    }

    /**
     * Each view's plan as the database ran it, with the rows it read: H2's EXPLAIN ANALYZE (scanCount per table),
     * MariaDB's ANALYZE (r_rows per table).
     */
    public Map<String, List<String>> plans(String batchCode, String unitCode, boolean tables) {
        Map<String, Object> params = new HashMap<>(params(batchCode, unitCode));
        params.put("since", java.sql.Timestamp.valueOf(since().atStartOfDay()));
        params.put("sinceDay", java.sql.Date.valueOf(since()));
        Map<String, List<String>> plans = new LinkedHashMap<>();
        String analyze = h2() ? "EXPLAIN ANALYZE " : "ANALYZE ";
        Map<String, String> sqls = Map.of("states", tables ? BatchDashboard.BY_CENTRE : DashboardSummary.STATES, "reasons", BatchDashboard.REASONS,
                "rules", BatchDashboard.RULES, "trend", tables ? BatchDashboard.TREND : DashboardSummary.TREND);
        for (String view : List.of("states", "reasons", "rules", "trend")) {
            plans.put(view, jdbc.sql(analyze + sqls.get(view)).params(params).query((rs, n) -> {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    row.append(c > 1 ? " | " : "").append(rs.getString(c));
                }
                return row.toString();
            }).list());
        }
        return plans;
    }

    /**
     * The state counts and the trend as the page reads them (the summary) next to the SQL over the tables, each as
     * text ({@code centre state=count}, {@code day=applied/approved/rejected}): equal pairs expected.
     */
    public List<List<String>> summaryWithTables(String batchCode, String unitCode) {
        Map<String, Object> params = params(batchCode, unitCode);
        return List.of(counts(summary.byCentre(params)), counts(dashboard.byCentreFromTables(params)),
                days(summary.perDay(params, since())), days(dashboard.perDayFromTables(params, clock.today())));
    }

    private static List<String> counts(Map<String, Map<String, Long>> byCentre) {
        List<String> rows = new ArrayList<>();
        byCentre.forEach((centre, counts) -> new java.util.TreeMap<>(counts).forEach((state, n) -> rows.add(centre + " " + state + "=" + n)));
        return rows;
    }

    private static List<String> days(Map<java.time.LocalDate, long[]> perDay) {
        List<String> rows = new ArrayList<>();
        perDay.forEach((day, c) -> rows.add(day + "=" + c[0] + "/" + c[1] + "/" + c[2]));
        return rows;
    }

    private java.time.LocalDate since() {
        return clock.today().minusDays(BatchDashboard.TREND_DAYS - 1L);
    }

    /** The reasons and rules as the page counts them, each next to what the SQL before V69 counts: equal pairs expected. */
    public List<List<Object>> reasonsAndRulesWithBefore(String batchCode, String unitCode) {
        Map<String, Object> params = params(batchCode, unitCode);
        List<Object> reasons = dashboard.reasons(params).stream().map(r -> (Object) (r.reason() + "=" + r.count())).toList();
        List<Object> reasonsBefore = jdbc.sql(REASONS_BEFORE).params(params)
                .query((rs, n) -> (Object) ((rs.getString(1) == null ? "（未填写原因）" : rs.getString(1)) + "=" + rs.getLong(2))).list();
        List<Object> rules = dashboard.rules(params).stream().map(r -> (Object) (r.rule() + "=" + r.count())).toList();
        List<Object> rulesBefore = jdbc.sql(RULES_BEFORE).params(params).query((rs, n) -> (Object) (rs.getString(1) + "=" + rs.getLong(2))).list();
        return List.of(reasons, reasonsBefore, rules, rulesBefore);
    }

    private Map<String, Object> params(String batchCode, String unitCode) {
        Unit unit = roster.findUnit(unitCode).orElseThrow();
        return BatchDashboard.params(batchCode, cases.centres(batchCode, unit));
    }

    public static long median(List<Long> times) {
        List<Long> sorted = times.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
