package cn.gradflow.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import cn.gradflow.web.JsonResponses;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who is asking on GradFlow's own {@code /api}, checked against Camunda's identity service, the same way
 * {@code /engine-rest} authenticates. Two ways in:
 * <ul>
 * <li>HTTP Basic, for every method (scripts, {@code curl -u});</li>
 * <li>without an {@code Authorization} header, the Camunda webapp session of a user logged in to Tasklist,
 * Cockpit or Admin, so GradFlow's pages ({@code /lists/*.html}) work without a second login. A browser sends
 * the session cookie with any request to the site, so the session alone never authorises a change (CSRF):
 * {@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} and the rest need, besides the session, the header
 * {@code X-XSRF-TOKEN} equal to the session's webapp CSRF token, as Camunda's own webapps send it. Camunda's
 * cookie for that token is on the path {@code /camunda}, out of the pages' reach, so a read with the session
 * answers the token in the same response header; another site's script can neither read it nor send the
 * header without a CORS grant, which GradFlow never gives.</li>
 * </ul>
 * Either way the user and their groups, read from the identity service for this request (not the session's
 * copy), are set on the engine for the request and cleared after it, so engine calls and {@link UnitScope} see
 * who is asking. A session whose user no longer exists is no login.
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

    /**
     * Where Camunda's webapps keep their logins in the HTTP session ({@code AuthenticationUtil.CAM_AUTH_SESSION_KEY},
     * protected there): an {@link Authentications}, one {@code UserAuthentication} per process engine.
     */
    static final String WEBAPP_SESSION_ATTRIBUTE = "authenticatedUser";
    /** Where Camunda's CSRF filter keeps the session's token ({@code CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME}). */
    static final String CSRF_TOKEN_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";
    static final String CSRF_HEADER = "X-XSRF-TOKEN";
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD");

    private final IdentityService identity;
    private final String engineName;

    ApiAuthenticationFilter(IdentityService identity, String engineName) {
        this.identity = identity;
        this.engineName = engineName;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        String userId = null;
        if (authorization == null) {
            boolean read = READ_METHODS.contains(request.getMethod());
            String token = csrfToken(request);
            if (read || (token != null && sameToken(token, request.getHeader(CSRF_HEADER)))) {
                userId = webappSessionUser(request);
            }
            if (userId != null && read && token != null) {
                response.setHeader(CSRF_HEADER, token); // for the page's next change (see the class comment)
            }
        } else {
            String[] credentials = basicCredentials(authorization);
            if (credentials != null && identity.checkPassword(credentials[0], credentials[1])) {
                userId = credentials[0];
            }
        }
        if (userId == null) {
            refuse(request, response);
            return;
        }
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        identity.setAuthentication(userId, groups);
        try {
            chain.doFilter(request, response);
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The session's webapp CSRF token, set by Camunda's filter on the webapps' first read; null without one. */
    private static String csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        try {
            return session.getAttribute(CSRF_TOKEN_ATTRIBUTE) instanceof String token && !token.isBlank() ? token : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    private static boolean sameToken(String expected, String sent) {
        return sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    /** The user logged in to the webapps in this request's session (for this engine), if that user still exists. */
    private String webappSessionUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Object logins;
        try {
            logins = session.getAttribute(WEBAPP_SESSION_ATTRIBUTE);
        } catch (IllegalStateException invalidated) {
            return null;
        }
        if (!(logins instanceof Authentications authentications)) {
            return null;
        }
        Authentication login = authentications.getAuthenticationForProcessEngine(engineName);
        if (login == null || login.getIdentityId() == null) {
            return null;
        }
        String userId = login.getIdentityId();
        return identity.createUserQuery().userId(userId).count() == 1 ? userId : null;
    }

    /**
     * {@code 401}, in Chinese. The Basic challenge makes a browser ask for a password; the list pages send
     * {@code X-Requested-With: XMLHttpRequest} and show their own "请先登录" with a link to Tasklist instead, so
     * they get no challenge.
     */
    private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"GradFlow\", charset=\"UTF-8\"");
        }
        String message = READ_METHODS.contains(request.getMethod())
                ? "请先登录：在 Camunda Tasklist 登录后重试，或使用 HTTP Basic 认证（用户名与 Camunda 登录相同）"
                : "请使用 HTTP Basic 认证登录（用户名与 Camunda 登录相同），或在 Tasklist 登录后从 GradFlow 的页面操作（须带 X-XSRF-TOKEN）";
        JsonResponses.write(response, HttpServletResponse.SC_UNAUTHORIZED, JsonResponses.error("error", "UNAUTHORIZED", message));
    }

    private static String[] basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
