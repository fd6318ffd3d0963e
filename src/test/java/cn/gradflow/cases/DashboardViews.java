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

    private final BatchDashboard dashboard;
    private final CaseQuery cases;
    private final RosterRepository roster;
    private final SchoolClock clock;
    private final JdbcClient jdbc;

    DashboardViews(BatchDashboard dashboard, CaseQuery cases, RosterRepository roster, SchoolClock clock, JdbcClient jdbc) {
        this.dashboard = dashboard;
        this.cases = cases;
        this.roster = roster;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /**
     * Each view's median over {@code rounds} calls, in the order the page shows them: wall-clock ms and this thread's CPU ms
     * ({@code "states cpu"}…; on embedded H2 the query's own work, which the load of other processes hardly changes).
     */
    public Map<String, Long> medianMillis(String batchCode, String unitCode, int rounds) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Object> params = params(batchCode, unitCode);
        Map<String, Consumer<Map<String, Object>>> views = new LinkedHashMap<>();
        views.put("states", dashboard::byCentre);
        views.put("reasons", dashboard::reasons);
        views.put("rules", dashboard::rules);
        views.put("trend", p -> dashboard.perDay(p, clock.today()));
        Map<String, Long> medians = new LinkedHashMap<>();
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
        return medians;
    }

    /**
     * Each view's plan as the database ran it, with the rows it read: H2's EXPLAIN ANALYZE (scanCount per table),
     * MariaDB's ANALYZE (r_rows per table).
     */
    public Map<String, List<String>> plans(String batchCode, String unitCode) {
        Map<String, Object> params = new HashMap<>(params(batchCode, unitCode));
        params.put("since", java.sql.Timestamp.valueOf(clock.today().minusDays(BatchDashboard.TREND_DAYS - 1L).atStartOfDay()));
        Map<String, List<String>> plans = new LinkedHashMap<>();
        String analyze = jdbc.sql("SELECT 1").query((rs, n) -> rs.getStatement().getConnection().getMetaData().getDatabaseProductName())
                .single().contains("H2") ? "EXPLAIN ANALYZE " : "ANALYZE ";
        Map<String, String> sqls = Map.of("states", BatchDashboard.BY_CENTRE, "reasons", BatchDashboard.REASONS,
                "rules", BatchDashboard.RULES, "trend", BatchDashboard.TREND);
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

    private Map<String, Object> params(String batchCode, String unitCode) {
        Unit unit = roster.findUnit(unitCode).orElseThrow();
        return BatchDashboard.params(batchCode, cases.centres(batchCode, unit));
    }

    public static long median(List<Long> times) {
        List<Long> sorted = times.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
