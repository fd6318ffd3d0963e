package cn.gradflow.cases;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gradflow.batch.BatchRepository;
import cn.gradflow.common.Page;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Unit;
import cn.gradflow.security.UnitScope;
import cn.gradflow.web.ApiException;

/**
 * The case list with the platform's filters (入学学期, 是否满足毕业条件, 是否有毕业照片, blocking rule, 学号/姓名),
 * 10–200 per page, and its counts by blocking rule: what a clerk ticks before a bulk decision.
 */
@RestController
class CasesController {

    static final int MIN_SIZE = 10;

    private final CaseQuery cases;
    private final BatchDashboard dashboard;
    private final BatchRepository batches;
    private final RosterRepository roster;
    private final UnitScope scope;

    CasesController(CaseQuery cases, BatchDashboard dashboard, BatchRepository batches, RosterRepository roster, UnitScope scope) {
        this.cases = cases;
        this.dashboard = dashboard;
        this.batches = batches;
        this.roster = roster;
        this.scope = scope;
    }

    @GetMapping("/api/batches/{batchCode}/cases")
    Page<CaseQuery.CaseItem> cases(@PathVariable String batchCode, @RequestParam(required = false) String state,
                                   @RequestParam(required = false) String unit, @RequestParam(required = false) String enrolmentTerm,
                                   @RequestParam(required = false) String eligible, @RequestParam(required = false) String hasPhoto,
                                   @RequestParam(required = false) String rule, @RequestParam(required = false) String q,
                                   @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        if (size != null && (size < MIN_SIZE || size > Page.MAX_SIZE)) {
            throw ApiException.badRequest("每页条数 size 须为 " + MIN_SIZE + " 至 " + Page.MAX_SIZE + "：" + size);
        }
        Page.Request request = Page.Request.of(page, size);
        CaseFilter filter = CaseFilter.of(state, enrolmentTerm, eligible, hasPhoto, rule, q);
        String batch = batch(batchCode);
        Unit scoped = unit(unit);
        long total = cases.count(batch, scoped, filter);
        return Page.of(request, total, total <= request.offset() ? java.util.List.of()
                : cases.page(batch, scoped, filter, request.size(), request.offset()));
    }

    @GetMapping("/api/batches/{batchCode}/cases/groups")
    CaseQuery.Groups groups(@PathVariable String batchCode, @RequestParam(required = false) String unit) {
        return cases.groups(batch(batchCode), unit(unit));
    }

    /** Issue 14: the batch dashboard of a unit (default: the user's highest unit), scoped like the case list. */
    @GetMapping("/api/batches/{batchCode}/dashboard")
    BatchDashboard.Dashboard dashboard(@PathVariable String batchCode, @RequestParam(required = false) String unit) {
        return dashboard.of(batch(batchCode), unit(unit));
    }

    /** The dashboard of the newest batch the unit's branch has a calendar for (HQ: any branch): the page's first view. */
    @GetMapping("/api/dashboard")
    BatchDashboard.Dashboard latestDashboard(@RequestParam(required = false) String unit) {
        Unit of = unit(unit);
        String batch = dashboard.batches(of).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("本单位所属分部还没有制定批次日历，暂无可显示的批次"));
        return dashboard.of(batch, of);
    }

    private String batch(String batchCode) {
        return batches.findBatch(batchCode).orElseThrow(() -> ApiException.notFound("批次不存在：" + batchCode)).code();
    }

    /** The unit asked for if the user covers it; else the user's own (an operator without a unit: HQ). */
    private Unit unit(String code) {
        if (code != null && !code.isBlank()) {
            return roster.findUnit(code.strip()).filter(u -> scope.coversUnit(u.code()))
                    .orElseThrow(() -> ApiException.notFound("单位不存在或不在本人范围内：" + code));
        }
        return scope.ownUnit()
                .orElseThrow(() -> ApiException.forbidden(UnitScope.NO_UNIT));
    }
}
