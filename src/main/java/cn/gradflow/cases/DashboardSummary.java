package cn.gradflow.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 14: the dashboard's state counts and trend from a summary (V74) that triggers keep in every writer's
 * transaction (V75), so a number is exact at the moment it is read and costs a few hundred summary rows instead of
 * every student and application of the unit. Writers only insert deltas; {@link #fold} adds them into the totals
 * every half minute, {@link #reconcile} corrects any difference from the tables at start (and says so).
 * {@link BatchDashboard#BY_CENTRE} and {@link BatchDashboard#TREND} stay the definition: the tests compare with them.
 */
@Component
public class DashboardSummary {

    private static final Logger log = LoggerFactory.getLogger(DashboardSummary.class);

    /** The trail's codes the trend counts (BatchDashboard.TREND), as SQL and as a set. */
    static final String TREND_KINDS = "'APPLY', 'APPROVE', 'REJECT', 'AUTO_REJECT'";
    static final Set<String> TREND_DECISIONS = Set.of("APPLY", "APPROVE", "REJECT", "AUTO_REJECT");

    /** View 1 from the summary: the centre's enrolled students (batch '*') and the batch's rows, totals and deltas together. */
    static final String STATES = "SELECT x.centre, x.state, SUM(x.n) FROM ("
            + "SELECT centre, state, n FROM dashboard_count WHERE batch_code IN (:batch, '*') AND centre IN (:centres)"
            + " UNION ALL SELECT centre, state, n FROM dashboard_count_delta WHERE batch_code IN (:batch, '*') AND centre IN (:centres)"
            + ") x GROUP BY x.centre, x.state HAVING SUM(x.n) <> 0";
    /** View 4 from the summary: one row per day and decision since the first day shown. */
    static final String TREND = "SELECT x.decided_on, x.decision, SUM(x.n) FROM ("
            + "SELECT decided_on, decision, n FROM dashboard_day WHERE batch_code = :batch AND centre IN (:centres) AND decided_on >= :sinceDay"
            + " UNION ALL SELECT decided_on, decision, n FROM dashboard_day_delta WHERE batch_code = :batch AND centre IN (:centres)"
            + " AND decided_on >= :sinceDay) x GROUP BY x.decided_on, x.decision HAVING SUM(x.n) <> 0";

    /** What the summary should hold, from the tables (as V76 fills it), minus what it holds: zero rows when exact. */
    static final String COUNT_DRIFT = "SELECT x.batch_code, x.centre, x.state, SUM(x.n) FROM ("
            + "SELECT '*' AS batch_code, unit_code AS centre, 'NOT_APPLIED' AS state, COUNT(*) AS n FROM student WHERE status = 'ENROLLED' GROUP BY unit_code"
            + " UNION ALL SELECT a.batch_code, s.unit_code, a.state, COUNT(*) FROM application a JOIN student s ON s.student_no = a.student_no"
            + " GROUP BY a.batch_code, s.unit_code, a.state"
            + " UNION ALL SELECT a.batch_code, s.unit_code, 'NOT_APPLIED', -COUNT(*) FROM application a JOIN student s ON s.student_no = a.student_no"
            + " WHERE s.status = 'ENROLLED' GROUP BY a.batch_code, s.unit_code"
            + " UNION ALL SELECT batch_code, centre, state, -n FROM dashboard_count"
            + " UNION ALL SELECT batch_code, centre, state, -n FROM dashboard_count_delta"
            + ") x GROUP BY x.batch_code, x.centre, x.state HAVING SUM(x.n) <> 0";
    static final String DAY_DRIFT = "SELECT x.batch_code, x.centre, x.decided_on, x.decision, SUM(x.n) FROM ("
            + "SELECT a.batch_code AS batch_code, s.unit_code AS centre, CAST(d.decided_at AS DATE) AS decided_on, d.decision AS decision,"
            + " COUNT(*) AS n FROM decision_log d JOIN application a ON a.id = d.application_id JOIN student s ON s.student_no = a.student_no"
            + " WHERE d.decision IN (" + TREND_KINDS + ") GROUP BY a.batch_code, s.unit_code, CAST(d.decided_at AS DATE), d.decision"
            + " UNION ALL SELECT batch_code, centre, decided_on, decision, -n FROM dashboard_day"
            + " UNION ALL SELECT batch_code, centre, decided_on, decision, -n FROM dashboard_day_delta"
            + ") x GROUP BY x.batch_code, x.centre, x.decided_on, x.decision HAVING SUM(x.n) <> 0";

    /** Deltas folded per table and turn: a bounded transaction, the rest waits for the next turn. */
    private static final int FOLD_LIMIT = 20_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    DashboardSummary(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    /** View 1: students per centre and state (NOT_APPLIED included), zero counts left out as the GROUP BY of the tables does. */
    Map<String, Map<String, Long>> byCentre(Map<String, Object> params) {
        Map<String, Map<String, Long>> byCentre = new java.util.TreeMap<>();
        jdbc.sql(STATES).params(params)
                .query((rs, n) -> byCentre.computeIfAbsent(rs.getString(1), c -> new LinkedHashMap<>()).merge(rs.getString(2), rs.getLong(3), Long::sum))
                .list();
        return byCentre;
    }

    /** View 4: per day since {@code since}, the counts of APPLY, APPROVE and REJECT + AUTO_REJECT. */
    Map<LocalDate, long[]> perDay(Map<String, Object> params, LocalDate since) {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put("sinceDay", java.sql.Date.valueOf(since));
        Map<LocalDate, long[]> perDay = new java.util.TreeMap<>();
        jdbc.sql(TREND).params(p).query((rs, n) -> {
            BatchDashboard.addToDay(perDay, rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3));
            return null;
        }).list();
        return perDay;
    }

    /** Every half minute (and on demand): the oldest deltas added into the totals and deleted, in one transaction. */
    @Scheduled(fixedDelayString = "${gradflow.dashboard.fold-every:PT30S}", initialDelayString = "${gradflow.dashboard.fold-every:PT30S}")
    public void foldOnSchedule() {
        try {
            // after an import (a delta per student) turn after turn until the backlog is in; each turn its own transaction
            for (int turns = 0; fold() >= FOLD_LIMIT && turns < 50; turns++) {
                log.debug("dashboard summary: a full turn folded, folding on");
            }
        } catch (RuntimeException e) {
            // the next turn tries again; the summary stays exact meanwhile (the reader adds the deltas)
            log.warn("dashboard summary: folding the deltas failed, next turn retries", e);
        }
    }

    /** Folds up to {@link #FOLD_LIMIT} deltas of each table; the larger number folded of the two. */
    public int fold() {
        Integer folded = tx.execute(s -> {
            lock();
            return Math.max(foldCounts(), foldDays());
        });
        return folded == null ? 0 : folded;
    }

    private int foldCounts() {
        // the rows this transaction sees are committed; a writer's row not yet committed (even with a lower id) stays
        // for the next turn: only the ids read here are deleted
        List<Long> ids = new ArrayList<>();
        Map<List<String>, Long> sums = new LinkedHashMap<>();
        jdbc.sql("SELECT id, batch_code, centre, state, n FROM dashboard_count_delta ORDER BY id LIMIT " + FOLD_LIMIT).query(rs -> {
            ids.add(rs.getLong(1));
            sums.merge(List.of(rs.getString(2), rs.getString(3), rs.getString(4)), rs.getLong(5), Long::sum);
        });
        sums.forEach((k, n) -> {
            if (n != 0 && jdbc.sql("UPDATE dashboard_count SET n = n + ? WHERE batch_code = ? AND centre = ? AND state = ?")
                    .params(n, k.get(0), k.get(1), k.get(2)).update() == 0) {
                jdbc.sql("INSERT INTO dashboard_count (batch_code, centre, state, n) VALUES (?, ?, ?, ?)").params(k.get(0), k.get(1), k.get(2), n).update();
            }
        });
        deleteIds("dashboard_count_delta", ids);
        return ids.size();
    }

    private int foldDays() {
        List<Long> ids = new ArrayList<>();
        Map<List<Object>, Long> sums = new LinkedHashMap<>();
        jdbc.sql("SELECT id, batch_code, centre, decided_on, decision, n FROM dashboard_day_delta ORDER BY id LIMIT " + FOLD_LIMIT).query(rs -> {
            ids.add(rs.getLong(1));
            sums.merge(List.of(rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class), rs.getString(5)), rs.getLong(6), Long::sum);
        });
        sums.forEach((k, n) -> {
            java.sql.Date day = java.sql.Date.valueOf((LocalDate) k.get(2));
            if (n != 0 && jdbc.sql("UPDATE dashboard_day SET n = n + ? WHERE batch_code = ? AND centre = ? AND decided_on = ? AND decision = ?")
                    .params(n, k.get(0), k.get(1), day, k.get(3)).update() == 0) {
                jdbc.sql("INSERT INTO dashboard_day (batch_code, centre, decided_on, decision, n) VALUES (?, ?, ?, ?, ?)")
                        .params(k.get(0), k.get(1), day, k.get(3), n).update();
            }
        });
        deleteIds("dashboard_day_delta", ids);
        return ids.size();
    }

    private void deleteIds(String table, List<Long> ids) {
        for (int from = 0; from < ids.size(); from += 1_000) {
            jdbc.sql("DELETE FROM " + table + " WHERE id IN (:ids)").param("ids", ids.subList(from, Math.min(ids.size(), from + 1_000))).update();
        }
    }

    /** Folding and reconciling take turns, across nodes too: two of them must not add the same rows twice. */
    private void lock() {
        jdbc.sql("SELECT id FROM dashboard_fold WHERE id = 1 FOR UPDATE").query(Integer.class).single();
    }

    /**
     * Makes the summary equal to the tables: what differs, read in one statement (one snapshot: a writer's row and its
     * delta are committed together, so writers running meanwhile change nothing of the difference), is added as deltas.
     * Zero when the triggers kept it exact, which they do unless a trigger was dropped or the summary written by hand.
     */
    public int reconcile() {
        Integer corrected = tx.execute(s -> {
            lock();
            return jdbc.sql("INSERT INTO dashboard_count_delta (batch_code, centre, state, n) " + COUNT_DRIFT).update()
                    + jdbc.sql("INSERT INTO dashboard_day_delta (batch_code, centre, decided_on, decision, n) " + DAY_DRIFT).update();
        });
        return corrected == null ? 0 : corrected;
    }

    @EventListener(ApplicationReadyEvent.class)
    void reconcileAtStart() {
        long start = System.nanoTime();
        int corrected = reconcile();
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (corrected > 0) {
            log.warn("dashboard summary: {} rows differed from the tables and were corrected ({} ms)", corrected, ms);
        } else {
            log.info("dashboard summary: equal to the tables ({} ms)", ms);
        }
    }
}
