package cn.gradflow.security;

import java.util.Collection;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Who the engine has authenticated for this call; {@value #SYSTEM} for timers, jobs and automatic checks. */
@Component
public class CurrentUser {

    public static final String SYSTEM = "system";

    private final IdentityService identity;

    CurrentUser(IdentityService identity) {
        this.identity = identity;
    }

    /** The user's groups, that is their units (and {@code camunda-admin}); empty when nobody is authenticated. */
    public List<String> groupIds() {
        Authentication auth = identity.getCurrentAuthentication();
        return auth == null || auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
    }

    /** Whether these groups make an operator ({@code camunda-admin}), who is not bound to units. */
    public static boolean isAdmin(Collection<String> groupIds) {
        return groupIds != null && groupIds.contains(Groups.CAMUNDA_ADMIN);
    }

    public String id() {
        Authentication auth = identity.getCurrentAuthentication();
        return auth == null || auth.getUserId() == null ? SYSTEM : auth.getUserId();
    }
}
