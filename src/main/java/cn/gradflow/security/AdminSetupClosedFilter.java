package cn.gradflow.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes the Admin webapp's setup endpoint ({@code /camunda/api/admin/setup/**}) on every profile. With an empty
 * user table it would make anyone who asks first a {@code camunda-admin} (CAMUNDA-NOTES 17); GradFlow's first
 * admin always comes from the start-up properties instead ({@link AdminCredentialsCheck}).
 */
class AdminSetupClosedFilter extends OncePerRequestFilter {

    static final String BODY = "{\"type\":\"Forbidden\",\"message\":\"首个管理员由启动参数创建（CAMUNDA_BPM_ADMINUSER_ID / "
            + "CAMUNDA_BPM_ADMINUSER_PASSWORD），初始化管理员的页面已关闭。\"}";
    private static final Logger log = LoggerFactory.getLogger(AdminSetupClosedFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        log.warn("Refused {} {} from {}: admin setup is closed", request.getMethod(), request.getRequestURI(),
                request.getRemoteAddr());
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(BODY);
    }
}
