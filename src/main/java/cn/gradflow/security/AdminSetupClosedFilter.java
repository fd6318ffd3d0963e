package cn.gradflow.security;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.gradflow.web.JsonResponses;

/**
 * Closes the Admin webapp's setup endpoint ({@code /camunda/api/admin/setup/**}) on every profile. With an empty
 * user table it would make anyone who asks first a {@code camunda-admin} (CAMUNDA-NOTES 17); GradFlow's first
 * admin always comes from the start-up properties instead ({@link AdminCredentialsCheck}).
 */
class AdminSetupClosedFilter extends OncePerRequestFilter {

    private static final Map<String, Object> REFUSAL = JsonResponses.error("type", "Forbidden",
            "首个管理员由启动参数创建（CAMUNDA_BPM_ADMINUSER_ID / CAMUNDA_BPM_ADMINUSER_PASSWORD），初始化管理员的页面已关闭。");
    static final String BODY = JsonResponses.toJson(REFUSAL);
    private static final Logger log = LoggerFactory.getLogger(AdminSetupClosedFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        log.warn("Refused {} {} from {}: admin setup is closed", request.getMethod(), request.getRequestURI(),
                request.getRemoteAddr());
        JsonResponses.write(response, HttpServletResponse.SC_FORBIDDEN, REFUSAL);
    }
}
