package cn.gradflow.security;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import cn.gradflow.roster.ApprovalChain;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Tier;
import cn.gradflow.roster.Unit;

/**
 * R-ORG-02: staff see and act only on students of their own unit and the units below it. A staff
 * member's units are their Camunda groups (group id = unit code); a student is covered when one of
 * the units on its approval chain is one of them. Every {@code /api} endpoint asks here.
 */
@Component
public class UnitScope {

    /**
     * Refusal of the unit lists (dashboard, bulk page, tasks) to a user of no unit: an administrator stands for HQ
     * ({@link #ownUnit()}), so only self-study candidates and the offices outside the roster meet it (issue 14: it named
     * the API's {@code unit} parameter, which they cannot use).
     */
    public static final String NO_UNIT = "当前用户不属于任何单位：批次看板、批量办理和名单只供各单位的工作人员使用";

    private final CurrentUser currentUser;
    private final RosterRepository roster;

    UnitScope(CurrentUser currentUser, RosterRepository roster) {
        this.currentUser = currentUser;
        this.roster = roster;
    }

    /** The unit itself or a unit above it is one of the user's (a branch's calendar: the branch, HQ, admins). */
    public boolean coversUnit(String unitCode) {
        return allows(roster.unitAndAncestors(unitCode).stream());
    }

    public boolean covers(ApprovalChain chain) {
        return allows(Stream.of(chain.learningCenter(), chain.city(), chain.branch(), chain.hq())
                .filter(u -> u != null).map(Unit::code));
    }

    /**
     * ID numbers (身份证号) in full only for HQ (CHSI checks) and admins; everyone else sees
     * 4401**********1234.
     */
    public String idNumberFor(String idNumber, String hqCode) {
        List<String> groups = currentUser.groupIds();
        if (idNumber == null || CurrentUser.isAdmin(groups) || groups.contains(hqCode)) {
            return idNumber;
        }
        return mask(idNumber);
    }

    static String mask(String idNumber) {
        if (idNumber.length() <= 8) {
            return "*".repeat(idNumber.length());
        }
        return idNumber.substring(0, 4) + "*".repeat(idNumber.length() - 8) + idNumber.substring(idNumber.length() - 4);
    }

    /**
     * Every unit the user covers — their units and all units below them — from one read of the unit tree,
     * for lists over many units at once. Admins are not bound to units; callers decide for them.
     */
    public Set<String> coveredUnits() {
        List<String> groups = currentUser.groupIds();
        Map<String, String> parents = new HashMap<>();
        for (Unit unit : roster.allUnits()) {
            parents.put(unit.code(), unit.parentCode());
        }
        Set<String> covered = new HashSet<>();
        for (String unit : parents.keySet()) {
            int hops = 0; // a broken tree with a cycle must not loop forever
            for (String u = unit; u != null && hops++ <= parents.size(); u = parents.get(u)) {
                if (groups.contains(u)) {
                    covered.add(unit);
                    break;
                }
            }
        }
        return covered;
    }

    /**
     * The unit a request speaks for when it names none: the highest of the user's units; for an admin without
     * one, HQ. Empty for a user who belongs to no unit.
     */
    public java.util.Optional<Unit> ownUnit() {
        List<String> groups = currentUser.groupIds();
        return groups.stream().map(roster::findUnit).flatMap(java.util.Optional::stream)
                .min(java.util.Comparator.comparing(Unit::tier))
                .or(() -> CurrentUser.isAdmin(groups)
                        ? roster.allUnits().stream().filter(u -> u.tier() == Tier.HQ).findFirst()
                        : java.util.Optional.empty());
    }

    /** HQ staff (a group that is a unit of tier HQ in the roster) and admins: who keeps what holds nationwide. */
    public boolean isHqOrAdmin() {
        List<String> groups = currentUser.groupIds();
        return CurrentUser.isAdmin(groups)
                || roster.allUnits().stream().anyMatch(u -> u.tier() == Tier.HQ && groups.contains(u.code()));
    }

    /** Admins everywhere; anyone else where one of the units is one of their groups. */
    private boolean allows(Stream<String> unitCodes) {
        List<String> groups = currentUser.groupIds();
        return CurrentUser.isAdmin(groups) || unitCodes.anyMatch(groups::contains);
    }
}
