package cn.gradflow.security;

import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import cn.gradflow.roster.ApprovalChain;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Unit;

/**
 * R-ORG-02: staff see and act only on students of their own unit and the units below it. A staff
 * member's units are their Camunda groups (group id = unit code); a student is covered when one of
 * the units on its approval chain is one of them. Every {@code /api} endpoint asks here.
 */
@Component
public class UnitScope {

    private final IdentityService identity;
    private final RosterRepository roster;

    UnitScope(IdentityService identity, RosterRepository roster) {
        this.identity = identity;
        this.roster = roster;
    }

    /** The unit itself or a unit above it is one of the user's (a branch's calendar: the branch, HQ, admins). */
    public boolean coversUnit(String unitCode) {
        Authentication auth = identity.getCurrentAuthentication();
        if (auth == null || auth.getGroupIds() == null) {
            return false;
        }
        List<String> groups = auth.getGroupIds();
        if (groups.contains(Groups.CAMUNDA_ADMIN)) {
            return true;
        }
        String code = unitCode;
        while (code != null) {
            if (groups.contains(code)) {
                return true;
            }
            code = roster.findUnit(code).map(Unit::parentCode).orElse(null);
        }
        return false;
    }

    public boolean covers(ApprovalChain chain) {
        Authentication auth = identity.getCurrentAuthentication();
        if (auth == null || auth.getGroupIds() == null) {
            return false;
        }
        List<String> groups = auth.getGroupIds();
        if (groups.contains(Groups.CAMUNDA_ADMIN)) {
            return true;
        }
        return Stream.of(chain.learningCenter(), chain.city(), chain.branch(), chain.hq())
                .filter(u -> u != null)
                .map(Unit::code)
                .anyMatch(groups::contains);
    }
}
