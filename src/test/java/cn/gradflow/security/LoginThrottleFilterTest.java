package cn.gradflow.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter alone: what counts as an attempt, what is refused, and time moved by hand. */
class LoginThrottleFilterTest {

    private static final String RIGHT = "right-password";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-20T08:00:00Z"));
    private final LoginThrottleFilter filter = new LoginThrottleFilter(
            new LoginFailuresBySource(clock, 5, Duration.ofMinutes(30), 100), "/camunda/api/admin/auth/user/");
    /** Passwords that reached the "engine" behind the filter. */
    private int checked;

    @Test
    void sixthAttemptOfASourceIsRefusedBeforeThePasswordIsChecked() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(webappLogin("203.0.113.7", "wrong").getStatus()).isEqualTo(401);
        }
        assertThat(checked).isEqualTo(5);

        MockHttpServletResponse refused = webappLogin("203.0.113.7", RIGHT);
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(checked).isEqualTo(5);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1800");
        assertThat(refused.getContentAsString(StandardCharsets.UTF_8))
                .startsWith("{\"type\":\"TooManyFailedLogins\"")
                .contains("30 分钟内已失败 5 次").contains("请约 30 分钟后再试");

        // other sources are not concerned, and the same user logs in from there
        assertThat(webappLogin("198.51.100.1", RIGHT).getStatus()).isEqualTo(200);
        // the other doors share the count of the source
        assertThat(basic("203.0.113.7", "/engine-rest", "/task", RIGHT).getStatus()).isEqualTo(429);
        MockHttpServletResponse api = basic("203.0.113.7", "/api/notifications", null, RIGHT);
        assertThat(api.getStatus()).isEqualTo(429);
        assertThat(api.getContentAsString(StandardCharsets.UTF_8)).startsWith("{\"error\":\"TOO_MANY_FAILED_LOGINS\"");
        assertThat(checked).isEqualTo(6);

        clock.advance(Duration.ofMinutes(30));
        assertThat(webappLogin("203.0.113.7", RIGHT).getStatus()).isEqualTo(200);
    }

    @Test
    void basicDoorsCountTogetherAndSuccessesDoNotWipeFailures() throws Exception {
        assertThat(basic("203.0.113.8", "/engine-rest", "/task", "wrong").getStatus()).isEqualTo(401);
        assertThat(basic("203.0.113.8", "/api/notifications", null, "wrong").getStatus()).isEqualTo(401);
        assertThat(basic("203.0.113.8", "/api/notifications", null, RIGHT).getStatus()).isEqualTo(200);
        assertThat(webappLogin("203.0.113.8", "wrong").getStatus()).isEqualTo(401);
        assertThat(basic("203.0.113.8", "/engine-rest", "/task", RIGHT).getStatus()).isEqualTo(200);
        assertThat(basic("203.0.113.8", "/engine-rest", "/task", "wrong").getStatus()).isEqualTo(401);
        clock.advance(Duration.ofMinutes(10));
        assertThat(basic("203.0.113.8", "/engine-rest", "/task", "wrong").getStatus()).isEqualTo(401);

        assertThat(basic("203.0.113.8", "/api/notifications", null, RIGHT).getStatus()).isEqualTo(429);
        clock.advance(Duration.ofMinutes(20)); // the four failures of 08:00 leave the window: attempts again
        assertThat(basic("203.0.113.8", "/api/notifications", null, RIGHT).getStatus()).isEqualTo(200);
    }

    @Test
    void requestsWithoutPasswordsAreNeitherCountedNorRefused() throws Exception {
        for (int i = 0; i < 10; i++) {
            MockHttpServletRequest anonymous = request("203.0.113.9", "GET", "/engine-rest", "/task");
            assertThat(run(anonymous, "wrong").getStatus()).isEqualTo(401);
            MockHttpServletRequest bearer = request("203.0.113.9", "GET", "/api/notifications", null);
            bearer.addHeader("Authorization", "Bearer x");
            assertThat(run(bearer, "wrong").getStatus()).isEqualTo(401);
        }
        for (int i = 0; i < 5; i++) {
            webappLogin("203.0.113.9", "wrong");
        }
        // reading the current login and logging out are no password attempts, not even from a refused source
        assertThat(run(request("203.0.113.9", "GET", "/camunda/api/admin", "/auth/user/default"), RIGHT).getStatus()).isEqualTo(200);
        assertThat(run(request("203.0.113.9", "POST", "/camunda/api/admin", "/auth/user/default/logout"), RIGHT).getStatus()).isEqualTo(200);
        assertThat(webappLogin("203.0.113.9", RIGHT).getStatus()).isEqualTo(429);
    }

    @Test
    void forwardedForIsIgnored() throws Exception {
        for (int i = 0; i < 5; i++) {
            MockHttpServletRequest request = request("203.0.113.10", "GET", "/engine-rest", "/task");
            request.addHeader("X-Forwarded-For", "192.0.2." + i);
            basicAuth(request, "wrong");
            run(request, "wrong");
        }
        MockHttpServletRequest spoofed = request("203.0.113.10", "GET", "/engine-rest", "/task");
        spoofed.addHeader("X-Forwarded-For", "192.0.2.99");
        basicAuth(spoofed, RIGHT);
        assertThat(run(spoofed, RIGHT).getStatus()).isEqualTo(429);
    }

    @Test
    void sourcesAreIpv4AddressesOrIpv6Slash64Prefixes() {
        assertThat(LoginThrottleFilter.sourceOf("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(LoginThrottleFilter.sourceOf("2001:db8:1:2:aaaa::1"))
                .isEqualTo(LoginThrottleFilter.sourceOf("2001:db8:1:2:bbbb:cccc:dddd:eeee"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(LoginThrottleFilter.sourceOf("2001:db8:1:3::1")).isNotEqualTo(LoginThrottleFilter.sourceOf("2001:db8:1:2::1"));
        assertThat(LoginThrottleFilter.sourceOf("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(LoginThrottleFilter.sourceOf("fe80::1%eth0")).isEqualTo("fe80:0:0:0:0:0:0:0/64");
    }

    private MockHttpServletResponse webappLogin(String source, String password) throws Exception {
        MockHttpServletRequest request = request(source, "POST", "/camunda/api/admin", "/auth/user/default/login/tasklist");
        return run(request, password);
    }

    private MockHttpServletResponse basic(String source, String servletPath, String pathInfo, String password) throws Exception {
        MockHttpServletRequest request = request(source, "GET", servletPath, pathInfo);
        basicAuth(request, password);
        return run(request, password);
    }

    private static void basicAuth(MockHttpServletRequest request, String password) {
        request.addHeader("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(("th1:" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static MockHttpServletRequest request(String source, String method, String servletPath, String pathInfo) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, servletPath + (pathInfo == null ? "" : pathInfo));
        request.setServletPath(servletPath);
        request.setPathInfo(pathInfo);
        request.setRemoteAddr(source);
        return request;
    }

    /** Behind the filter: 200 for the right password, 401 for a wrong one or none. */
    private MockHttpServletResponse run(MockHttpServletRequest request, String password) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        boolean carriesPassword = request.getMethod().equals("POST") && request.getPathInfo() != null
                && request.getPathInfo().contains("/login/")
                || String.valueOf(request.getHeader("Authorization")).startsWith("Basic ");
        filter.doFilter(request, response, (req, res) -> {
            HttpServletResponse http = (HttpServletResponse) res;
            boolean readsLogin = "GET".equals(request.getMethod()) && request.getServletPath().startsWith("/camunda");
            boolean logout = request.getPathInfo() != null && request.getPathInfo().endsWith("/logout");
            if (readsLogin || logout) {
                http.setStatus(200);
                return;
            }
            if (carriesPassword) {
                checked++;
            }
            http.setStatus(carriesPassword && RIGHT.equals(password) ? 200 : 401);
        });
        return response;
    }
}
