package cn.gradflow.security;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls that GradFlow itself makes on the case's behalf (starting an application after
 * the caller's unit scope was checked, granting the case's units, handing a branch's list to HQ)
 * without the acting user's authorizations, then restores them. Never a request handler directly,
 * with one exception: {@link ScopedFigures} reads Camunda's candidate-group report (which needs READ
 * on every task) this way and hands on only the rows of the user's own units.
 */
@Component
public class AsSystem {

    private final IdentityService identity;

    AsSystem(IdentityService identity) {
        this.identity = identity;
    }

    public <T> T call(Supplier<T> work) {
        Authentication user = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            return work.get();
        } finally {
            if (user != null) {
                identity.setAuthentication(user);
            }
        }
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
