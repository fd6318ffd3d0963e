package cn.gradflow.opentasks;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gradflow.batch.BatchRepository;
import cn.gradflow.common.Page;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Unit;
import cn.gradflow.security.CurrentUser;
import cn.gradflow.security.UnitScope;
import cn.gradflow.web.ApiException;

/**
 * Issue 13: a unit's open tasks in a batch, a page at a time by due date, from the projection ({@code open_task})
 * rather than the engine's task query (which reads every open task behind the user's authorization rows). The
 * unit is one the user covers (R-ORG-02, {@link UnitScope}), by default their own highest; {@code assignee=me}
 * lists what the user claimed, {@code assignee=none} what nobody has claimed yet.
 */
@RestController
class OpenTasksController {

    private final OpenTasks openTasks;
    private final BatchRepository batches;
    private final RosterRepository roster;
    private final UnitScope scope;
    private final CurrentUser currentUser;

    OpenTasksController(OpenTasks openTasks, BatchRepository batches, RosterRepository roster, UnitScope scope, CurrentUser currentUser) {
        this.openTasks = openTasks;
        this.batches = batches;
        this.roster = roster;
        this.scope = scope;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/batches/{batchCode}/tasks")
    Page<OpenTasks.OpenTask> tasks(@PathVariable String batchCode, @RequestParam(required = false) String unit,
                                   @RequestParam(required = false) String assignee,
                                   @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Page.Request request = Page.Request.of(page, size);
        String batch = batches.findBatch(batchCode).orElseThrow(() -> ApiException.notFound("批次不存在：" + batchCode)).code();
        Unit queue = unit(unit);
        String who = null;
        boolean unassigned = false;
        if (assignee != null && !assignee.isBlank()) {
            switch (assignee.strip()) {
                case "me" -> who = currentUser.id();
                case "none" -> unassigned = true;
                default -> throw ApiException.badRequest("assignee 须为 me（本人已认领）或 none（尚未认领）：" + assignee);
            }
        }
        long total = openTasks.count(batch, queue.code(), who, unassigned);
        return Page.of(request, total, total <= request.offset() ? List.of()
                : openTasks.page(batch, queue.code(), who, unassigned, request.size(), request.offset()));
    }

    /** The unit asked for if the user covers it; else the user's own (an operator without a unit: HQ). */
    private Unit unit(String code) {
        if (code != null && !code.isBlank()) {
            return roster.findUnit(code.strip()).filter(u -> scope.coversUnit(u.code()))
                    .orElseThrow(() -> ApiException.notFound("单位不存在或不在本人范围内：" + code));
        }
        return scope.ownUnit().orElseThrow(() -> ApiException.forbidden(UnitScope.NO_UNIT));
    }
}
