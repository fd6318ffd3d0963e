package cn.gradflow.cases;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.gradflow.application.ApplicationState;
import cn.gradflow.checks.Finding;
import cn.gradflow.roster.Level;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Term;
import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;

/**
 * A batch's cases over the roster: every student of the unit's learning centres in a branch that takes
 * part in the batch, with their application if they have one ({@link CaseFilter#NOT_APPLIED} if not). A page
 * is one SQL (its blocking rules aggregated in it) plus one count; the filters use the indexes of V48.
 */
@Repository
class CaseQuery {

    record CaseItem(String studentNo, String name, String unit, String unitName, String major, String level, String levelLabel,
                    String enrolmentTerm, String enrolmentTermLabel, String state, String stateLabel, String tier,
                    List<String> blockingRules) {
    }

    record RuleCount(String rule, long count) {
    }

    record Groups(String unit, long total, long withoutBlocking, List<RuleCount> groups) {
    }

    private static final String BLOCKING = "f.application_id = a.id AND f.severity = 'BLOCKING'";

    private final JdbcClient jdbc;
    private final RosterRepository roster;

    CaseQuery(JdbcClient jdbc, RosterRepository roster) {
        this.jdbc = jdbc;
        this.roster = roster;
    }

    List<CaseItem> page(String batchCode, Unit unit, CaseFilter filter, int size, int offset) {
        Map<String, Object> params = new HashMap<>();
        String where = where(batchCode, unit, filter, params);
        if (where == null) {
            return List.of();
        }
        params.put("limit", size);
        params.put("offset", offset);
        // the page's keys first, sorted from the covering index (unit_code, status, …) + the application's unique key;
        // only those 200 rows are then read whole: sorting a province's 100,000 full rows took seconds (README)
        return jdbc.sql("SELECT s.student_no, s.name, s.unit_code, lc.name, m.name, m.level, s.enrolment_term, a.state, a.tier,"
                        + " (SELECT GROUP_CONCAT(DISTINCT f.rule_id ORDER BY f.rule_id SEPARATOR ',') FROM finding f WHERE " + BLOCKING + ")"
                        + " FROM (SELECT s.student_no" + FROM + where + " ORDER BY s.unit_code, s.student_no LIMIT :limit OFFSET :offset) k"
                        + " JOIN student s ON s.student_no = k.student_no JOIN unit lc ON lc.code = s.unit_code"
                        + " JOIN major m ON m.code = s.major_code" + APPLICATION + " ORDER BY s.unit_code, s.student_no")
                .params(params)
                .query((rs, n) -> {
                    String state = rs.getString(8);
                    String tier = rs.getString(9);
                    Level level = Level.valueOf(rs.getString(6));
                    Term term = Term.parse(rs.getString(7));
                    return new CaseItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            level.name(), level.label(), term.code(), term.label(),
                            state == null ? CaseFilter.NOT_APPLIED : state,
                            state == null ? "未申请" : ApplicationState.valueOf(state).label(),
                            tier == null ? null : Tier.valueOf(tier).name(), rules(rs.getString(10)));
                }).list();
    }

    long count(String batchCode, Unit unit, CaseFilter filter) {
        Map<String, Object> params = new HashMap<>();
        String where = where(batchCode, unit, filter, params);
        return where == null ? 0 : jdbc.sql("SELECT COUNT(*)" + FROM + where).params(params).query(Long.class).single();
    }

    /** Counts by blocking rule (a case with two rules counts under each), and the cases without any. */
    Groups groups(String batchCode, Unit unit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(batchCode, unit, CaseFilter.of(null, null, null, null, null, null), params);
        if (where == null) {
            return new Groups(unit.code(), 0, 0, List.of());
        }
        long[] totals = jdbc.sql("SELECT COUNT(*), COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM finding f WHERE " + BLOCKING
                        + ") THEN 0 ELSE 1 END), 0)" + FROM + where)
                .params(params).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        Map<String, Long> byRule = new LinkedHashMap<>();
        jdbc.sql("SELECT f.rule_id, COUNT(DISTINCT a.id)" + FROM + " JOIN finding f ON " + BLOCKING + where
                        + " GROUP BY f.rule_id ORDER BY f.rule_id")
                .params(params).query((rs, n) -> byRule.merge(rs.getString(1), rs.getLong(2), Long::sum)).list();
        return new Groups(unit.code(), totals[0], totals[1],
                byRule.entrySet().stream().map(e -> new RuleCount(e.getKey(), e.getValue())).toList());
    }

    private static final String APPLICATION = " LEFT JOIN application a ON a.batch_code = :batch AND a.student_no = s.student_no";
    /** Counting and filtering need no more than the student and the application, both read from indexes. */
    private static final String FROM = " FROM student s" + APPLICATION;

    /** The WHERE clause, or null when no centre below the unit takes part in the batch. */
    private String where(String batchCode, Unit unit, CaseFilter filter, Map<String, Object> params) {
        List<String> centres = centres(batchCode, unit);
        if (centres.isEmpty()) {
            return null;
        }
        params.put("batch", batchCode);
        params.put("centres", centres);
        // a student who left the roster's enrolled state is listed only with an application of this batch
        StringBuilder where = new StringBuilder(" WHERE s.unit_code IN (:centres) AND (a.id IS NOT NULL OR s.status = 'ENROLLED')");
        if (filter.state() != null) {
            if (CaseFilter.NOT_APPLIED.equals(filter.state())) {
                where.append(" AND a.id IS NULL");
            } else {
                where.append(" AND a.state = :state");
                params.put("state", filter.state());
            }
        }
        if (filter.enrolmentTerm() != null) {
            where.append(" AND s.enrolment_term = :term");
            params.put("term", filter.enrolmentTerm());
        }
        if (filter.eligible() != null) {
            // "no blocking finding": a student not yet applied for has none recorded; the check runs when applied for
            where.append(filter.eligible() ? " AND NOT" : " AND").append(" EXISTS (SELECT 1 FROM finding f WHERE ").append(BLOCKING).append(")");
        }
        if (filter.hasPhoto() != null) {
            where.append(filter.hasPhoto() ? " AND" : " AND NOT")
                    .append(" EXISTS (SELECT 1 FROM photo p WHERE p.student_no = s.student_no AND p.kind = 'GRADUATION')");
        }
        if (filter.rule() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM finding f WHERE ").append(BLOCKING)
                    .append(" AND (f.rule_id = :rule OR f.rule_id LIKE :ruleFirst OR f.rule_id LIKE :ruleLast))");
            params.put("rule", filter.rule());
            params.put("ruleFirst", filter.rule() + Finding.RULE_SEPARATOR + "%");
            params.put("ruleLast", "%" + Finding.RULE_SEPARATOR + filter.rule());
        }
        if (filter.q() != null) {
            where.append(" AND (s.student_no LIKE :q ESCAPE '!' OR s.name LIKE :q ESCAPE '!')");
            params.put("q", filter.q().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        return where.toString();
    }

    /** The learning centres at or below the unit whose branch has a calendar for the batch, from one read of the tree. */
    List<String> centres(String batchCode, Unit unit) {
        Set<String> branches = new HashSet<>(jdbc.sql("SELECT branch_code FROM batch_calendar WHERE batch_code = :batch")
                .param("batch", batchCode).query(String.class).list());
        Map<String, Unit> units = new HashMap<>();
        roster.allUnits().forEach(u -> units.put(u.code(), u));
        List<String> centres = new ArrayList<>();
        for (Unit u : units.values()) {
            if (u.tier() != Tier.LEARNING_CENTER) {
                continue;
            }
            boolean below = false;
            boolean inBatch = false;
            int hops = 0; // a broken tree with a cycle must not loop forever
            for (Unit up = u; up != null && hops++ <= units.size(); up = up.parentCode() == null ? null : units.get(up.parentCode())) {
                below |= up.code().equals(unit.code());
                inBatch |= up.tier() == Tier.BRANCH && branches.contains(up.code());
            }
            if (below && inBatch) {
                centres.add(u.code());
            }
        }
        centres.sort(null);
        return centres;
    }

    private static List<String> rules(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }
}
