package cn.gradflow.batchflow;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gradflow.common.Page;
import cn.gradflow.security.UnitScope;
import cn.gradflow.web.ApiException;

/**
 * The lists a branch's batch leaves behind, page by page: the cases its close ended, and the 8-year
 * clean-up's report. The branch and HQ see the branch's list; a centre or city its own students (unit=).
 */
@RestController
@RequestMapping("/api/batches/{batchCode}/branches/{branchCode}")
class BatchListsController {

    record ListedCase(String studentNo, String name, String unitCode, String enrolmentTerm, String outcome) {
    }

    private final JdbcClient jdbc;
    private final UnitScope scope;

    BatchListsController(JdbcClient jdbc, UnitScope scope) {
        this.jdbc = jdbc;
        this.scope = scope;
    }

    @GetMapping("/closures")
    Page<ListedCase> closures(@PathVariable String batchCode, @PathVariable String branchCode,
                              @RequestParam(required = false) String unit, @RequestParam(required = false) Integer page,
                              @RequestParam(required = false) Integer size) {
        return page("batch_closure", batchCode, branchCode, unit, Page.Request.of(page, size));
    }

    @GetMapping("/status-cleanup")
    Page<ListedCase> statusCleanup(@PathVariable String batchCode, @PathVariable String branchCode,
                                   @RequestParam(required = false) String unit, @RequestParam(required = false) Integer page,
                                   @RequestParam(required = false) Integer size) {
        return page("status_cleanup", batchCode, branchCode, unit, Page.Request.of(page, size));
    }

    /** {@code table} is one of the two names above, never input. A unit filter matches the student's own centre. */
    private Page<ListedCase> page(String table, String batchCode, String branchCode, String unit, Page.Request request) {
        if (!(scope.coversUnit(branchCode) || (unit != null && scope.coversUnit(unit)))) {
            throw ApiException.forbidden("只能查看本单位的名单");
        }
        String where = " FROM " + table + " x JOIN student s ON s.student_no = x.student_no"
                + " WHERE x.batch_code = :batch AND x.branch_code = :branch"
                + (unit == null ? "" : " AND (s.unit_code = :unit OR s.unit_code IN (SELECT code FROM unit WHERE parent_code = :unit))");
        java.util.Map<String, Object> params = new java.util.HashMap<>(java.util.Map.of("batch", batchCode, "branch", branchCode));
        if (unit != null) {
            params.put("unit", unit);
        }
        long total = jdbc.sql("SELECT COUNT(*)" + where).params(params).query(Long.class).single();
        List<ListedCase> items = jdbc.sql("SELECT s.student_no, s.name, s.unit_code, s.enrolment_term, x.outcome" + where
                        + " ORDER BY s.unit_code, s.student_no LIMIT :limit OFFSET :offset")
                .params(params).param("limit", request.size()).param("offset", request.offset())
                .query((rs, n) -> new ListedCase(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
        return Page.of(request, total, items);
    }
}
