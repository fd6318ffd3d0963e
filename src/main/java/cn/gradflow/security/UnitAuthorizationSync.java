package cn.gradflow.security;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** At start-up every unit of the roster gets its group and authorizations, so no one clicks in Admin. */
@Component
class UnitAuthorizationSync implements ApplicationRunner {

    private final UnitAuthorizations authorizations;

    UnitAuthorizationSync(UnitAuthorizations authorizations) {
        this.authorizations = authorizations;
    }

    @Override
    public void run(ApplicationArguments args) {
        authorizations.ensureAllUnits();
    }
}
