package cn.gradflow.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import cn.gradflow.web.JsonResponses;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic against Camunda's identity service for GradFlow's own {@code /api}, the same way
 * {@code /engine-rest} authenticates. The authenticated user and groups are set on the engine for
 * the request, so engine calls and {@link UnitScope} see who is asking.
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

    private final IdentityService identity;

    ApiAuthenticationFilter(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String[] credentials = basicCredentials(request.getHeader("Authorization"));
        if (credentials == null || !identity.checkPassword(credentials[0], credentials[1])) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"GradFlow\", charset=\"UTF-8\"");
            JsonResponses.write(response, HttpServletResponse.SC_UNAUTHORIZED,
                    JsonResponses.error("error", "UNAUTHORIZED", "请使用 HTTP Basic 认证登录（用户名与 Camunda 登录相同）"));
            return;
        }
        List<String> groups = identity.createGroupQuery().groupMember(credentials[0]).list().stream()
                .map(Group::getId).toList();
        identity.setAuthentication(credentials[0], groups);
        try {
            chain.doFilter(request, response);
        } finally {
            identity.clearAuthentication();
        }
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
