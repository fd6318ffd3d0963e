package cn.gradflow.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.TestRoster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 13: the engine skips REVOKE rows, so GradFlow makes none and refuses to start beside one. */
@GradFlowSpringTest
class RevokeFreeAuthorizationsTest {

    @Autowired ProcessEngine engine;
    @Autowired AuthorizationService authorizations;
    @Autowired UnitAuthorizations unitAuthorizations;
    @Autowired TestRoster roster;

    @Test
    void theEngineSkipsRevokesAndGradFlowWritesNone() {
        roster.ensureBase();
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getAuthorizationCheckRevokes())
                .isEqualTo("never");
        assertThat(authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_REVOKE).count()).isZero();
    }

    @Test
    void aRevokeRowStopsTheStartWithWhatToDo() {
        roster.ensureBase();
        Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoke.setGroupId(TestRoster.LC_A);
        revoke.setResource(Resources.PROCESS_DEFINITION);
        revoke.setResourceId("graduation-application");
        revoke.removePermission(Permissions.READ);
        Authorization saved = authorizations.saveAuthorization(revoke);
        try {
            assertThatThrownBy(unitAuthorizations::ensureAllUnits).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("1 条“撤销”（REVOKE）授权").hasMessageContaining("Admin");
        } finally {
            authorizations.deleteAuthorization(saved.getId());
        }
        unitAuthorizations.ensureAllUnits();
    }
}
