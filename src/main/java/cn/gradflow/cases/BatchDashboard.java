package cn.gradflow.cases;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.gradflow.application.ApplicationState;
import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;

/**
 * Issue 14, item 3: a batch at a glance for a unit. Each view is one SQL with GROUP BY over the case list's
 * population (the students of the unit's centres in the batch, {@link CaseQuery#centres}); the counts link to
 * the case list with the same filters, so a number and its list cannot disagree. The state counts and the trend
 * read {@link DashboardSummary} (kept in each writer's transaction); {@link #BY_CENTRE} and {@link #TREND} over the
 * tables are their definition, which the tests compare with.
 */
@Repository
class BatchDashboard {

    /** States in the order a case climbs, then where it ends; 未申请 first. */
    static final List<String> STATES;

    static {
        List<String> states = new ArrayList<>();
        states.add(CaseFilter.NOT_APPLIED);
        for (ApplicationState s : ApplicationState.values()) {
            states.add(s.name());
        }
        STATES = List.copyOf(states);
    }

    /** The trail's codes of a submitted application and of a rejection by a check (application.DecisionLabels). */
    private static final String APPLY = "APPLY";
    private static final String AUTO_REJECT = "AUTO_REJECT";

    static final int TREND_DAYS = 30;
    static final int TOP = 10;

    record StateCount(String state, String label, long count) {
    }

    record UnitRow(String unit, String unitName, long total, Map<String, Long> counts) {
    }

    record Window(String branch, String branchName, String name, LocalDate open, LocalDate close, long daysLeft, String status) {
    }

    record Reason(String reason, long count) {
    }

    record RuleCount(String rule, long count) {
    }

    record Day(LocalDate day, long applied, long approved, long rejected) {
    }

    record Dashboard(String batchCode, String unit, String unitName, LocalDate today, long total, List<StateCount> states,
                     List<UnitRow> units, List<Window> windows, List<Reason> rejectionReasons, List<RuleCount> blockingRules,
                     List<Day> trend, List<String> batches) {
    }

    // one SQL per view, over the case list's population (CaseQuery's WHERE); the volume tests EXPLAIN them.
    // BY_CENTRE and TREND are what DashboardSummary's STATES and TREND must equal (DashboardSummaryTest)
    static final String BY_CENTRE = "SELECT s.unit_code, a.state, COUNT(*) FROM student s"
            + " LEFT JOIN application a ON a.batch_code = :batch AND a.student_no = s.student_no"
            + " WHERE s.unit_code IN (:centres) AND (a.id IS NOT NULL OR s.status = 'ENROLLED') GROUP BY s.unit_code, a.state";
    // reasons and rules start from the rows they count (the REJECTs of the trail, the blocking findings: a tenth of the
    // cases or fewer) and ask of each whether its case is the unit's in the batch; H2 keeps that order (V69's indexes)
    private static final String OF_THE_UNIT = "EXISTS (SELECT 1 FROM application a JOIN student s ON s.student_no = a.student_no"
            + " WHERE a.id = %s AND a.batch_code = :batch AND s.unit_code IN (:centres))";
    static final String REASONS = "SELECT d.reason, COUNT(*) FROM decision_log d WHERE d.decision = 'REJECT' AND "
            + OF_THE_UNIT.formatted("d.application_id") + " GROUP BY d.reason ORDER BY COUNT(*) DESC, d.reason LIMIT " + TOP;
    static final String RULES = "SELECT f.rule_id, COUNT(DISTINCT f.application_id) FROM finding f WHERE f.severity = 'BLOCKING' AND "
            + OF_THE_UNIT.formatted("f.application_id")
            + " GROUP BY f.rule_id ORDER BY COUNT(DISTINCT f.application_id) DESC, f.rule_id LIMIT " + TOP;
    static final String TREND = "SELECT CAST(d.decided_at AS DATE), d.decision, COUNT(*) FROM decision_log d JOIN application a ON a.id = d.application_id"
            + " JOIN student s ON s.student_no = a.student_no WHERE a.batch_code = :batch AND s.unit_code IN (:centres)"
            + " AND d.decided_at >= :since AND d.decision IN ('" + APPLY + "', 'APPROVE', 'REJECT', '" + AUTO_REJECT + "')"
            + " GROUP BY CAST(d.decided_at AS DATE), d.decision";

    private final JdbcClient jdbc;
    private final DashboardSummary summary;
    private final CaseQuery cases;
    private final RosterRepository roster;
    private final BatchRepository batches;
    private final SchoolClock clock;

    BatchDashboard(JdbcClient jdbc, DashboardSummary summary, CaseQuery cases, RosterRepository roster, BatchRepository batches,
                   SchoolClock clock) {
        this.jdbc = jdbc;
        this.summary = summary;
        this.cases = cases;
        this.roster = roster;
        this.batches = batches;
        this.clock = clock;
    }

    Dashboard of(String batchCode, Unit unit) {
        LocalDate today = clock.today();
        List<String> centres = cases.centres(batchCode, unit);
        Map<String, Object> params = params(batchCode, centres);
        Map<String, String> names = new HashMap<>();
        roster.allUnits().forEach(u -> names.put(u.code(), u.name()));

        Map<String, Long> totals = new LinkedHashMap<>();
        List<UnitRow> units = new ArrayList<>();
        summary.byCentre(params).forEach((centre, counts) -> {
            counts.forEach((state, count) -> totals.merge(state, count, Long::sum));
            units.add(new UnitRow(centre, names.get(centre), counts.values().stream().mapToLong(Long::longValue).sum(), counts));
        });
        List<StateCount> states = STATES.stream().map(s -> new StateCount(s, label(s), totals.getOrDefault(s, 0L))).toList();
        Map<LocalDate, long[]> perDay = summary.perDay(params, today.minusDays(TREND_DAYS - 1L));
        List<Day> trend = new ArrayList<>();
        for (LocalDate d = today.minusDays(TREND_DAYS - 1L); !d.isAfter(today); d = d.plusDays(1)) {
            long[] c = perDay.getOrDefault(d, new long[3]);
            trend.add(new Day(d, c[0], c[1], c[2]));
        }
        return new Dashboard(batchCode, unit.code(), unit.name(), today, totals.values().stream().mapToLong(Long::longValue).sum(),
                states, units, windows(batchCode, unit, today, names), reasons(params), rules(params), trend, batches(unit));
    }

    /** The parameters every view binds: the batch and the unit's centres (an empty IN list is not SQL). */
    static Map<String, Object> params(String batchCode, List<String> centres) {
        return Map.of("batch", batchCode, "centres", centres.isEmpty() ? List.of("") : centres);
    }

    /** View 1 over the tables (the page reads {@link DashboardSummary#byCentre}): students per centre and state. */
    Map<String, Map<String, Long>> byCentreFromTables(Map<String, Object> params) {
        Map<String, Map<String, Long>> byCentre = new TreeMap<>();
        jdbc.sql(BY_CENTRE).params(params)
                .query((rs, n) -> byCentre.computeIfAbsent(rs.getString(1), c -> new LinkedHashMap<>())
                        .merge(rs.getString(2) == null ? CaseFilter.NOT_APPLIED : rs.getString(2), rs.getLong(3), Long::sum))
                .list();
        return byCentre;
    }

    /** View 2: the reasons written with a rejection (退回), most frequent first. */
    List<Reason> reasons(Map<String, Object> params) {
        return jdbc.sql(REASONS).params(params).query((rs, n) -> new Reason(rs.getString(1) == null ? "（未填写原因）" : rs.getString(1), rs.getLong(2)))
                .list();
    }

    /** View 3: the cases held by each blocking rule (a case with two rules counts under each). */
    List<RuleCount> rules(Map<String, Object> params) {
        return jdbc.sql(RULES).params(params).query((rs, n) -> new RuleCount(rs.getString(1), rs.getLong(2))).list();
    }

    /**
     * View 4 over the tables (the page reads {@link DashboardSummary#perDay}): the trail per day over the last 30 days,
     * applications submitted, approvals, rejections (by staff or by a check).
     */
    Map<LocalDate, long[]> perDayFromTables(Map<String, Object> params, LocalDate today) {
        Map<String, Object> trendParams = new HashMap<>(params);
        trendParams.put("since", java.sql.Timestamp.valueOf(today.minusDays(TREND_DAYS - 1L).atStartOfDay()));
        Map<LocalDate, long[]> perDay = new TreeMap<>();
        jdbc.sql(TREND).params(trendParams).query((rs, n) -> {
                    addToDay(perDay, rs.getDate(1).toLocalDate(), rs.getString(2), rs.getLong(3));
                    return null;
                }).list();
        return perDay;
    }

    /** A day's trail count into the trend's three columns: submitted, approved, rejected (by staff or by a check). */
    static void addToDay(Map<LocalDate, long[]> perDay, LocalDate day, String decision, long count) {
        perDay.computeIfAbsent(day, d -> new long[3])[APPLY.equals(decision) ? 0 : "APPROVE".equals(decision) ? 1 : 2] += count;
    }

    /**
     * The batches the unit takes part in (its branch has a calendar for them; HQ: every branch's), newest first: the
     * page's choice of batch and its first view. Another province's newer batch is not this branch's dashboard.
     */
    List<String> batches(Unit unit) {
        if (unit.tier() == Tier.HQ) {
            return jdbc.sql("SELECT DISTINCT batch_code FROM batch_calendar ORDER BY batch_code DESC").query(String.class).list();
        }
        return jdbc.sql("SELECT DISTINCT batch_code FROM batch_calendar WHERE branch_code IN (:units) ORDER BY batch_code DESC")
                .param("units", roster.unitAndAncestors(unit.code())).query(String.class).list();
    }

    private static String label(String state) {
        return CaseFilter.NOT_APPLIED.equals(state) ? "未申请" : ApplicationState.valueOf(state).label();
    }

    /** The calendar of the unit's branch (HQ: of every branch in the batch), each window with its days left. */
    private List<Window> windows(String batchCode, Unit unit, LocalDate today, Map<String, String> names) {
        List<String> branches = jdbc.sql("SELECT branch_code FROM batch_calendar WHERE batch_code = :batch ORDER BY branch_code")
                .param("batch", batchCode).query(String.class).list();
        List<String> mine = unit.tier() == Tier.HQ ? branches
                : roster.unitAndAncestors(unit.code()).stream().filter(branches::contains).toList();
        List<Window> windows = new ArrayList<>();
        for (String branch : mine) {
            batches.findCalendar(batchCode, branch).ifPresent(c -> {
                String name = names.get(branch);
                add(windows, branch, name, "首批申请", c.firstRound(), today);
                add(windows, branch, name, "第二批申请", c.secondRound(), today);
                deadline(windows, branch, name, "分校审批截止", c.cityReviewDue(), today);
                deadline(windows, branch, name, "分部复审截止", c.branchReviewDue(), today);
                deadline(windows, branch, name, "总部终审截止", c.hqReviewDue(), today);
                deadline(windows, branch, name, "毕业生人数统计表截止", c.statisticsDue(), today);
            });
        }
        return windows;
    }

    private static void add(List<Window> windows, String branch, String name, String what, BatchCalendar.Window w, LocalDate today) {
        if (w != null) {
            String status = today.isBefore(w.open()) ? "未开始" : today.isAfter(w.close()) ? "已结束" : "进行中";
            windows.add(new Window(branch, name, what, w.open(), w.close(), ChronoUnit.DAYS.between(today, w.close()), status));
        }
    }

    private static void deadline(List<Window> windows, String branch, String name, String what, LocalDate due, LocalDate today) {
        if (due != null) {
            windows.add(new Window(branch, name, what, null, due, ChronoUnit.DAYS.between(today, due),
                    today.isAfter(due) ? "已截止" : "未截止"));
        }
    }
}
