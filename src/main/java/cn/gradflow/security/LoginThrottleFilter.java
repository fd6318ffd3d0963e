package cn.gradflow.security;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.gradflow.web.JsonResponses;

/**
 * Per-source throttling in front of the three password doors: the webapps' login
 * ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}) and HTTP Basic on {@code /engine-rest/*} and
 * {@code /api/*}. A password attempt that ends in {@code 401} counts as a failure of its source; a source with too
 * many failures in the window gets {@code 429} before its password reaches the engine, even a right one, so a
 * stranger cannot keep raising a named user's failure counter (Camunda's per-user delay, CAMUNDA-NOTES 18).
 * <p>
 * The source is {@link HttpServletRequest#getRemoteAddr()} (IPv6 addresses by their /64 prefix, which one
 * subscriber usually holds whole). {@code X-Forwarded-For} is deliberately not read here: anyone can send it.
 * Behind a reverse proxy every request comes from the proxy, so one stranger would lock out everybody; there
 * Tomcat's RemoteIpValve ({@code server.forward-headers-strategy=native} with
 * {@code server.tomcat.remoteip.internal-proxies} naming exactly the proxy) must set the remote address first.
 * <p>
 * Requests without credentials are not attempts (they get Camunda's or GradFlow's {@code 401} as before). Several
 * attempts of one source in flight at the same moment are all let through, so a burst may overshoot the limit by
 * the number of parallel requests; Camunda's per-user delay still refuses them without counting them.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottleFilter.class);
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final LoginFailuresBySource failures;
    private final String webappAuthPath;

    /** @param webappAuthPath the webapps' authentication resource, e.g. {@code /camunda/api/admin/auth/user/} */
    LoginThrottleFilter(LoginFailuresBySource failures, String webappAuthPath) {
        this.failures = failures;
        this.webappAuthPath = webappAuthPath;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
        if (!isPasswordAttempt(request, path)) {
            chain.doFilter(request, response);
            return;
        }
        String source = sourceOf(request.getRemoteAddr());
        Duration wait = failures.waitBeforeNextAttempt(source);
        if (wait.compareTo(Duration.ZERO) > 0) {
            refuse(response, path.startsWith("/api/"), wait);
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED && failures.recordFailure(source)) {
            log.warn("Source {} reached {} failed logins within {}; its password attempts get 429 until the oldest expires",
                    source, failures.maxFailures(), failures.window());
        }
    }

    /**
     * The webapps' login is every modifying request to the authentication resource but the logout (reading the
     * current login and logging out take no password); on {@code /engine-rest} and {@code /api} every request that
     * carries HTTP Basic credentials (Camunda's provider, like GradFlow's, takes the scheme in any case).
     */
    private boolean isPasswordAttempt(HttpServletRequest request, String path) {
        if (path.startsWith(webappAuthPath)) {
            return !READ_METHODS.contains(request.getMethod()) && !path.endsWith("/logout");
        }
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    private void refuse(HttpServletResponse response, boolean gradflowApi, Duration wait) throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        String message = "登录失败次数过多：来自您网络地址的登录在 " + chinese(failures.window()) + "内已失败 "
                + failures.maxFailures() + " 次，请约 " + chinese(Duration.ofSeconds(seconds))
                + "后再试。账户本身没有被锁定，其他地址仍可登录。";
        response.setHeader("Retry-After", Long.toString(seconds));
        // GradFlow's /api answers {"error","message"}; Camunda's REST API and webapps {"type","message"}
        JsonResponses.write(response, 429, gradflowApi
                ? JsonResponses.error("error", "TOO_MANY_FAILED_LOGINS", message)
                : JsonResponses.error("type", "TooManyFailedLogins", message));
    }

    /** "30 分钟", "45 秒": whole minutes (rounded up) from one minute on. */
    static String chinese(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 60 ? seconds + " 秒" : (seconds + 59) / 60 + " 分钟";
    }

    /** The key a source is counted under: the IPv4 address, or the /64 prefix of an IPv6 address. */
    static String sourceOf(String remoteAddr) {
        if (remoteAddr == null || remoteAddr.indexOf(':') < 0) {
            return String.valueOf(remoteAddr);
        }
        String literal = remoteAddr.replace("[", "").replace("]", "");
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        try {
            InetAddress address = InetAddress.getByName(literal); // a literal with ':' is parsed, never looked up
            if (address instanceof Inet4Address) {
                return address.getHostAddress(); // IPv4-mapped
            }
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException notAnAddress) {
            return remoteAddr;
        }
    }
}
