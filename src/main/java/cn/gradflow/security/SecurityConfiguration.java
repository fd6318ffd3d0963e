package cn.gradflow.security;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * No anonymous access to the REST APIs (CAMUNDA-NOTES 4): the engine's and GradFlow's own; Cockpit's
 * figures counted over what the user may read ({@link CockpitFiguresFilter}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.addUrlPatterns("/engine-rest/*");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.setName("engineRestAuthentication");
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identity) {
        FilterRegistrationBean<ApiAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ApiAuthenticationFilter(identity));
        registration.addUrlPatterns("/api/*");
        registration.setName("apiAuthentication");
        return registration;
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
