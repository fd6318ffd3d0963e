package cn.gradflow.security;

import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import cn.gradflow.roster.ApprovalChain;
import cn.gradflow.roster.Unit;

/**
 * R-ORG-02: staff see and act only on students of their own unit and the units below it. A staff
 * member's units are their Camunda groups (group id = unit code); a student is covered when one of
 * the units on its approval chain is one of them. Every {@code /api} endpoint asks here.
 */
@Component
public class UnitScope {

    private final IdentityService identity;

    UnitScope(IdentityService identity) {
        this.identity = identity;
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
