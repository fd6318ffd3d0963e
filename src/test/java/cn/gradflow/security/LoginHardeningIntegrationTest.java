package cn.gradflow.security;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.HttpFrom;

import static org.assertj.core.api.Assertions.assertThat;

/** Production hardening through the running application: login delays, the first admin, the closed Admin setup. */
@GradFlowSpringTest
class LoginHardeningIntegrationTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IdentityService identity;

    @Test
    void loginDelayGrowsToTwoMinutesAndNeverLocksForGood() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getLoginDelayBase()).isEqualTo(3);
        assertThat(configuration.getLoginDelayFactor()).isEqualTo(2);
        assertThat(configuration.getLoginDelayMaxTime()).isEqualTo(120);
        assertThat(configuration.getLoginMaxAttempts()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void firstAdminComesFromTheStartUpPropertiesAndSetupIsClosed() throws IOException {
        assertThat(identity.createUserQuery().userId("testadmin").memberOfGroup("camunda-admin").count()).isEqualTo(1);

        HttpFrom http = new HttpFrom("127.0.0.1", port);
        WebappSession session = WebappSession.open(http);
        String intruder = "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"I\",\"email\":\"i@example.org\"},"
                + "\"credentials\":{\"password\":\"intruder-secret\"}}";
        for (String path : List.of("/camunda/api/admin/setup/default/user/create",
                "/camunda/api/admin/setup;x=y/default/user/create", "/camunda//api/admin/setup/default/user/create")) {
            HttpFrom.Response post = http.send("POST", path, session.headers("application/json"), intruder);
            assertThat(post.status()).as(path).isEqualTo(403);
            assertThat(post.body()).as(path).startsWith("{\"type\":\"Forbidden\"").contains("首个管理员由启动参数创建");
        }
        assertThat(http.send("GET", "/camunda/api/admin/setup/default/user/create", Map.of(), null).status()).isEqualTo(403);
        assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
    }

    /** A webapp session with its CSRF token, as the login page has it before anyone types a password. */
    private record WebappSession(String cookies, String csrfToken) {

        static WebappSession open(HttpFrom from) throws IOException {
            HttpFrom.Response page = from.send("GET", "/camunda/app/welcome/default/", Map.of(), null);
            StringBuilder cookies = new StringBuilder();
            for (String setCookie : page.headers("Set-Cookie")) {
                cookies.append(cookies.isEmpty() ? "" : "; ").append(setCookie.split(";", 2)[0]);
            }
            String token = page.header("X-XSRF-TOKEN");
            assertThat(token).as("CSRF token from %s", page.headers()).isNotBlank();
            return new WebappSession(cookies.toString(), token);
        }

        Map<String, String> headers(String contentType) {
            return Map.of("Cookie", cookies, "X-XSRF-TOKEN", csrfToken, "Content-Type", contentType);
        }
    }
}
