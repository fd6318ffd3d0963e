package cn.gradflow.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.testing.GradFlowSpringTest;
import cn.gradflow.testing.HttpFrom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production hardening through the running application: the engine's login settings, the closed Admin setup and
 * the per-source throttle at all three password doors, with requests from different loopback addresses.
 */
@GradFlowSpringTest
class LoginHardeningIntegrationTest {

    private static final String RIGHT = "right-password-1";

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IdentityService identity;
    @Autowired JdbcClient jdbc;
    @Autowired List<FilterRegistrationBean<?>> filters;

    @Test
    void loginDelayGrowsToTwoMinutesAndNeverLocksForGood() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getLoginDelayBase()).isEqualTo(3);
        assertThat(configuration.getLoginDelayFactor()).isEqualTo(2);
        assertThat(configuration.getLoginDelayMaxTime()).isEqualTo(120);
        assertThat(configuration.getLoginMaxAttempts()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void hardeningFiltersRunBeforeEveryPasswordCheck() {
        List<FilterRegistrationBean<?>> authentication = filters.stream()
                .filter(f -> f.getFilter() instanceof ProcessEngineAuthenticationFilter || f.getFilter() instanceof ApiAuthenticationFilter)
                .toList();
        assertThat(authentication).hasSize(2).allSatisfy(f ->
                assertThat(f.getOrder()).isGreaterThan(LoginHardeningConfiguration.LOGIN_THROTTLE_ORDER));
        assertThat(LoginHardeningConfiguration.SETUP_CLOSED_ORDER).isLessThan(LoginHardeningConfiguration.LOGIN_THROTTLE_ORDER);
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
            assertThat(post.body()).as(path).contains("\"Forbidden\"", "首个管理员由启动参数创建");
        }
        assertThat(http.send("GET", "/camunda/api/admin/setup/default/user/create", Map.of(), null).status()).isEqualTo(403);
        assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
    }

    @Test
    void aSourceWithTooManyFailuresIsRefusedAtEveryDoorWhileTheUserStaysUsable() throws IOException {
        String user = "throttled" + System.nanoTime();
        User newUser = identity.newUser(user);
        newUser.setPassword(RIGHT);
        identity.saveUser(newUser);
        HttpFrom stranger = new HttpFrom("127.0.0.11", port);
        WebappSession strangerSession = WebappSession.open(stranger);

        // five wrong passwords from one source, spread over the three doors
        assertThat(webappLogin(stranger, strangerSession, user, "wrong").status()).isEqualTo(401);
        assertThat(webappLogin(stranger, strangerSession, user, "wrong").status()).isEqualTo(401);
        assertThat(basic(stranger, "/engine-rest/task?maxResults=1", user, "wrong").status()).isEqualTo(401);
        assertThat(basic(stranger, "/engine-rest/task?maxResults=1", user, "wrong").status()).isEqualTo(401);
        assertThat(basic(stranger, "/api/notifications", user, "wrong").status()).isEqualTo(401);
        int attempts = attempts(user);
        assertThat(attempts).isBetween(1, 5);

        // the sixth is refused at every door, right password or not, before the engine sees it
        HttpFrom.Response login = webappLogin(stranger, strangerSession, user, RIGHT);
        assertThat(login.status()).isEqualTo(429);
        assertThat(login.body()).contains("\"TooManyFailedLogins\"", "登录失败次数过多");
        assertThat(Long.parseLong(login.header("Retry-After"))).isBetween(1L, 1800L);
        assertThat(basic(stranger, "/engine-rest/task?maxResults=1", user, RIGHT).status()).isEqualTo(429);
        HttpFrom.Response api = basic(stranger, "/api/notifications", user, RIGHT);
        assertThat(api.status()).isEqualTo(429);
        assertThat(api.body()).contains("\"TOO_MANY_FAILED_LOGINS\"", "登录失败次数过多");
        for (int i = 0; i < 5; i++) {
            Map<String, String> spoofed = new LinkedHashMap<>(basicHeader(user, "wrong-" + i));
            spoofed.put("X-Forwarded-For", "10.9.8." + i);
            assertThat(stranger.send("GET", "/engine-rest/task?maxResults=1", spoofed, null).status()).isEqualTo(429);
        }
        assertThat(attempts(user)).isEqualTo(attempts);

        // from another source the user gets in once Camunda's own delay (at most 48 s after 5 failures) is over
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))));
        try {
            HttpFrom colleague = new HttpFrom("127.0.0.12", port);
            HttpFrom.Response ok = webappLogin(colleague, WebappSession.open(colleague), user, RIGHT);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.body()).contains("\"userId\":\"" + user + "\"");
            assertThat(attempts(user)).isZero();
            assertThat(basic(colleague, "/engine-rest/task?maxResults=1", user, RIGHT).status()).isEqualTo(200);
            assertThat(basic(colleague, "/api/notifications", user, RIGHT).status()).isNotIn(401, 429);
        } finally {
            ClockUtil.reset();
        }
        assertThat(basic(stranger, "/engine-rest/task?maxResults=1", user, RIGHT).status()).isEqualTo(429);
    }

    private int attempts(String user) {
        Integer attempts = jdbc.sql("SELECT ATTEMPTS_ FROM ACT_ID_USER WHERE ID_ = ?").param(user).query(Integer.class).single();
        return attempts == null ? 0 : attempts;
    }

    private static HttpFrom.Response webappLogin(HttpFrom from, WebappSession session, String user, String password) throws IOException {
        return from.send("POST", "/camunda/api/admin/auth/user/default/login/welcome",
                session.headers("application/x-www-form-urlencoded"),
                "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
    }

    private static HttpFrom.Response basic(HttpFrom from, String path, String user, String password) throws IOException {
        return from.send("GET", path, basicHeader(user, password), null);
    }

    private static Map<String, String> basicHeader(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
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
