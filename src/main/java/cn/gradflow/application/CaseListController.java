package cn.gradflow.application;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gradflow.common.Page;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;
import cn.gradflow.security.UnitScope;
import cn.gradflow.web.ApiException;

/**
 * Where a unit's cases are (issue 11): a centre, city or branch sees every case of its students in a
 * batch with state and tier, not only the tasks it holds; counted per state and paged in the database.
 */
@RestController
class CaseListController {

    record CaseRow(String studentNo, String studentName, String learningCenter, String learningCenterName, String cityCode,
                   String state, String stateLabel, String tier, String kind, LocalDateTime updatedAt) {
    }

    record CaseList(String batchCode, String unitCode, Map<String, Long> byState, Page<CaseRow> page) {
    }

    private final JdbcClient jdbc;
    private final RosterRepository roster;
    private final UnitScope scope;

    CaseListController(JdbcClient jdbc, RosterRepository roster, UnitScope scope) {
        this.jdbc = jdbc;
        this.roster = roster;
        this.scope = scope;
    }

    @GetMapping("/api/batches/{batchCode}/units/{unitCode}/cases")
    CaseList cases(@PathVariable String batchCode, @PathVariable String unitCode, @RequestParam(required = false) String state,
                   @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Page.Request request = Page.Request.of(page, size);
        Unit unit = roster.findUnit(unitCode).filter(u -> scope.coversUnit(u.code()))
                .orElseThrow(() -> ApiException.notFound("单位不存在或不在本人范围内：" + unitCode));
        if (state != null) {
            try {
                ApplicationState.valueOf(state);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("state 须为以下之一：" + java.util.Arrays.toString(ApplicationState.values()));
            }
        }
        Map<String, Object> params = new HashMap<>(Map.of("batch", batchCode, "unit", unit.code()));
        String where = " FROM application a JOIN student s ON s.student_no = a.student_no"
                + " JOIN student_chain c ON c.student_no = a.student_no JOIN unit lc ON lc.code = s.unit_code"
                + " WHERE a.batch_code = :batch"
                + switch (unit.tier()) {
                    case HQ -> "";
                    case BRANCH -> " AND c.branch_code = :unit";
                    case CITY -> " AND c.city_code = :unit";
                    case LEARNING_CENTER -> " AND s.unit_code = :unit";
                };
        Map<String, Long> byState = new LinkedHashMap<>();
        jdbc.sql("SELECT a.state, COUNT(*)" + where + " GROUP BY a.state ORDER BY a.state").params(params)
                .query((rs, n) -> byState.put(rs.getString(1), rs.getLong(2))).list();
        if (state != null) {
            where += " AND a.state = :state";
            params.put("state", state);
        }
        long total = state == null ? byState.values().stream().mapToLong(Long::longValue).sum() : byState.getOrDefault(state, 0L);
        List<CaseRow> rows = jdbc.sql("SELECT a.student_no, s.name, s.unit_code, lc.name, c.city_code, a.state, a.tier, a.kind, a.updated_at"
                        + where + " ORDER BY s.unit_code, a.student_no LIMIT :limit OFFSET :offset")
                .params(params).param("limit", request.size()).param("offset", request.offset())
                .query((rs, n) -> {
                    ApplicationState st = ApplicationState.valueOf(rs.getString(6));
                    Timestamp updated = rs.getTimestamp(9);
                    return new CaseRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            st.name(), st.label(), Tier.valueOf(rs.getString(7)).name(), rs.getString(8),
                            updated == null ? null : updated.toLocalDateTime());
                }).list();
        return new CaseList(batchCode, unit.code(), byState, Page.of(request, total, rows));
    }
}
