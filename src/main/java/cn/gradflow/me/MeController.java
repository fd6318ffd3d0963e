package cn.gradflow.me;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;
import cn.gradflow.security.CurrentUser;
import cn.gradflow.security.UnitScope;
import cn.gradflow.selfstudy.SelfStudyAccess;

/**
 * {@code GET /api/me}: who is logged in, their units, the units below them and the batches their branches take
 * part in — what the bulk page ({@code /lists/bulk.html}) offers to choose from, so it never asks for a code.
 */
@RestController
class MeController {

    record UnitItem(String code, String name, String tier, String tierLabel, String parentCode) {
        static UnitItem of(Unit u) {
            return new UnitItem(u.code(), u.name(), u.tier().name(), u.tier().label(), u.parentCode());
        }
    }

    /** {@code open}: today lies between the first round's opening and the last day anything is accepted, for one of the branches. */
    record BatchItem(String code, String name, boolean open) {
    }

    /** {@code candidate}: a self-study candidate, whose tasks are their own (Tasklist hides what only staff may do). */
    record Me(String id, String name, boolean admin, boolean candidate, List<UnitItem> units, List<UnitItem> unitsBelow,
              List<BatchItem> batches) {
    }

    private final CurrentUser currentUser;
    private final UnitScope scope;
    private final RosterRepository roster;
    private final BatchRepository batches;
    private final IdentityService identity;
    private final JdbcClient jdbc;
    private final SchoolClock clock;

    MeController(CurrentUser currentUser, UnitScope scope, RosterRepository roster, BatchRepository batches,
                 IdentityService identity, JdbcClient jdbc, SchoolClock clock) {
        this.currentUser = currentUser;
        this.scope = scope;
        this.roster = roster;
        this.batches = batches;
        this.identity = identity;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping("/api/me")
    Me me() {
        String id = currentUser.id();
        List<String> groups = currentUser.groupIds();
        boolean admin = CurrentUser.isAdmin(groups);
        Map<String, Unit> all = new LinkedHashMap<>();
        roster.allUnits().forEach(u -> all.put(u.code(), u));
        List<Unit> own = groups.stream().map(all::get).filter(u -> u != null)
                .sorted(Comparator.comparing(Unit::tier).thenComparing(Unit::code)).toList();
        Set<String> covered = admin ? all.keySet() : scope.coveredUnits();
        List<UnitItem> below = all.values().stream().filter(u -> covered.contains(u.code()) && !own.contains(u))
                .sorted(Comparator.comparing(Unit::tier).thenComparing(Unit::code)).map(UnitItem::of).toList();
        return new Me(id, displayName(id), admin, !admin && groups.contains(SelfStudyAccess.CANDIDATES), own.stream().map(UnitItem::of).toList(), below,
                batchesOf(branches(own, all, admin || scope.isHqOrAdmin())));
    }

    private String displayName(String id) {
        User user = identity.createUserQuery().userId(id).singleResult();
        if (user == null) {
            return id;
        }
        String name = ((user.getLastName() == null ? "" : user.getLastName()) + (user.getFirstName() == null ? "" : user.getFirstName())).strip();
        return name.isEmpty() ? id : name;
    }

    /** The branches above (or at) the user's units; every branch for HQ and admins. */
    private static List<String> branches(List<Unit> own, Map<String, Unit> all, boolean everywhere) {
        List<String> branches = new ArrayList<>();
        for (Unit unit : everywhere ? all.values() : own) {
            int hops = 0; // a broken tree with a cycle must not loop forever
            for (Unit u = unit; u != null && hops++ <= all.size(); u = all.get(u.parentCode())) {
                if (u.tier() == Tier.BRANCH) {
                    if (!branches.contains(u.code())) {
                        branches.add(u.code());
                    }
                    break;
                }
            }
        }
        return branches;
    }

    /** Batches with a calendar of one of the branches, newest first. */
    private List<BatchItem> batchesOf(List<String> branches) {
        if (branches.isEmpty()) {
            return List.of();
        }
        LocalDate today = clock.today();
        record Row(String batch, String name, String branch) {
        }
        List<Row> rows = jdbc.sql("SELECT b.code, b.name, c.branch_code FROM batch b JOIN batch_calendar c ON c.batch_code = b.code"
                        + " WHERE c.branch_code IN (:branches) ORDER BY b.code DESC, c.branch_code")
                .param("branches", branches).query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        Map<String, BatchItem> items = new LinkedHashMap<>();
        for (Row row : rows) {
            boolean open = batches.findCalendar(row.batch(), row.branch()).map(c -> isOpen(c, today)).orElse(false);
            items.merge(row.batch(), new BatchItem(row.batch(), row.name(), open),
                    (a, b) -> new BatchItem(a.code(), a.name(), a.open() || b.open()));
        }
        return List.copyOf(items.values());
    }

    private static boolean isOpen(BatchCalendar calendar, LocalDate today) {
        return !today.isBefore(calendar.firstRound().open()) && !today.isAfter(calendar.finalClose());
    }
}
