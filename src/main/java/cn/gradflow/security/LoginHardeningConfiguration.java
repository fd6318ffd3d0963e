package cn.gradflow.security;

import java.time.Duration;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Production hardening of the ways in, on every profile: the Admin setup endpoint is closed and password attempts
 * are throttled per source. Both filters come near the start of the chain, before Camunda's webapp filters, its
 * {@code ProcessEngineAuthenticationFilter} and GradFlow's {@code ApiAuthenticationFilter}
 * ({@link SecurityConfiguration}), so a refused request reaches none of them and no password is checked. Their
 * orders leave room for filters that must wrap everything (below +15) and must stay below the authentication
 * filters' order. The start-up check of the first admin is {@link AdminCredentialsCheck}.
 */
@Configuration(proxyBeanMethods = false)
class LoginHardeningConfiguration {

    static final int SETUP_CLOSED_ORDER = Ordered.HIGHEST_PRECEDENCE + 15;
    static final int LOGIN_THROTTLE_ORDER = Ordered.HIGHEST_PRECEDENCE + 16;

    @Bean
    FilterRegistrationBean<AdminSetupClosedFilter> adminSetupClosed(CamundaBpmProperties camunda) {
        FilterRegistrationBean<AdminSetupClosedFilter> registration = new FilterRegistrationBean<>(new AdminSetupClosedFilter());
        registration.addUrlPatterns(SecurityConfiguration.webappPath(camunda) + "/api/admin/setup/*");
        registration.setName("adminSetupClosed");
        registration.setOrder(SETUP_CLOSED_ORDER);
        return registration;
    }

    @Bean
    LoginFailuresBySource loginFailuresBySource(@Value("${gradflow.login.source-max-failures}") int maxFailures,
                                                @Value("${gradflow.login.source-window}") Duration window,
                                                @Value("${gradflow.login.max-sources}") int maxSources,
                                                cn.gradflow.common.SchoolClock clock) {
        return new LoginFailuresBySource(clock, maxFailures, window, maxSources);
    }

    @Bean
    FilterRegistrationBean<LoginThrottleFilter> loginThrottle(LoginFailuresBySource failures, CamundaBpmProperties camunda) {
        String webappAuth = SecurityConfiguration.webappPath(camunda) + "/api/admin/auth/user";
        FilterRegistrationBean<LoginThrottleFilter> registration =
                new FilterRegistrationBean<>(new LoginThrottleFilter(failures, webappAuth + "/"));
        registration.addUrlPatterns(webappAuth + "/*", "/engine-rest/*", "/api/*");
        registration.setName("loginThrottle");
        registration.setOrder(LOGIN_THROTTLE_ORDER);
        return registration;
    }
}
