package cn.gradflow.security;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import cn.gradflow.web.ChineseErrorFilter;

/**
 * The API doors and their filters, in this order: refusals in Chinese (outermost, so it sees every
 * other filter's answer), then who is asking (no anonymous access, CAMUNDA-NOTES 4), then what
 * staff may do on the engine's REST API; Cockpit's figures
 * counted over what the user may read ({@link CockpitFiguresFilter}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final int CHINESE_ERRORS_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    static final int AUTHENTICATION_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;
    static final int ENGINE_REST_GUARD_ORDER = Ordered.HIGHEST_PRECEDENCE + 30;

    @Bean
    FilterRegistrationBean<ChineseErrorFilter> chineseErrors(CamundaBpmProperties camunda) {
        String webapp = webappPath(camunda);
        FilterRegistrationBean<ChineseErrorFilter> registration = new FilterRegistrationBean<>(new ChineseErrorFilter());
        registration.addUrlPatterns("/engine-rest/*", "/api/*", webapp + "/api/*");
        registration.setName("chineseErrors");
        registration.setOrder(CHINESE_ERRORS_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.addUrlPatterns("/engine-rest/*");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.setName("engineRestAuthentication");
        registration.setOrder(AUTHENTICATION_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<EngineRestGuard> engineRestGuard(IdentityService identity, CamundaBpmProperties camunda) {
        String webapp = webappPath(camunda);
        FilterRegistrationBean<EngineRestGuard> registration =
                new FilterRegistrationBean<>(new EngineRestGuard(identity, "/engine-rest", webapp + "/api/engine"));
        registration.addUrlPatterns("/engine-rest/*", webapp + "/api/engine/*");
        registration.setName("engineRestGuard");
        registration.setOrder(ENGINE_REST_GUARD_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identity, ProcessEngine engine) {
        FilterRegistrationBean<ApiAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ApiAuthenticationFilter(identity, engine.getName()));
        registration.addUrlPatterns("/api/*");
        registration.setName("apiAuthentication");
        registration.setOrder(AUTHENTICATION_ORDER);
        return registration;
    }

    /** Camunda's webapp path ({@code camunda.bpm.webapp.application-path}, {@code /camunda} by default). */
    static String webappPath(CamundaBpmProperties camunda) {
        String path = camunda.getWebapp().getApplicationPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * Camunda's webapp registers its API servlets under these names ({@code CamundaBpmWebappInitializer});
     * a filter mapped by servlet name runs after all URL-mapped ones, so after the webapps' login.
     */
    static final List<String> WEBAPP_API_SERVLETS = List.of("Engine Api", "Cockpit Api");

    @Bean
    FilterRegistrationBean<CockpitFiguresFilter> cockpitFigures(ScopedFigures figures, IdentityService identity, ProcessEngine engine,
                                                                ObjectMapper json, ObjectProvider<ServletRegistrationBean<?>> servlets) {
        boolean authorizationEnabled = engine.getProcessEngineConfiguration().isAuthorizationEnabled();
        FilterRegistrationBean<CockpitFiguresFilter> registration = new FilterRegistrationBean<>(
                new CockpitFiguresFilter(figures, identity, engine.getName(), authorizationEnabled, json));
        registration.setServletNames(WEBAPP_API_SERVLETS);
        // /engine-rest answers the same statistics and report: its servlet too, after engineRestAuthentication
        servlets.orderedStream()
                .filter(servlet -> servlet.getUrlMappings().stream().anyMatch(url -> url.startsWith("/engine-rest")))
                .forEach(servlet -> registration.addServletNames(servlet.getServletName()));
        registration.setName("cockpitFigures");
        return registration;
    }
}
