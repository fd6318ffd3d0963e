package cn.gradflow.security;

import java.io.IOException;
import java.util.Map;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import cn.gradflow.testing.HttpFrom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The setup endpoint is closed on the demo profile too. Only the web server and GradFlow's hardening filters
 * are started here, with application.yml and application-demo.yml: the whole demo (engine, 200 seeded students)
 * would add half a minute for a filter that no profile switches off.
 */
class AdminSetupClosedOnDemoTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CamundaBpmProperties.class)
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class})
    @Import({LoginHardeningConfiguration.class, cn.gradflow.common.ClockConfiguration.class})
    static class HardeningFiltersOnly {
    }

    @Test
    void setupAnswers403OnTheDemoProfile() throws IOException {
        try (ConfigurableApplicationContext demo = new SpringApplicationBuilder(HardeningFiltersOnly.class)
                .profiles("demo")
                // Tomcat's default servlet behind the filters: without any servlet Tomcat answers 404 itself
                .run("--server.port=0", "--server.address=127.0.0.1", "--server.servlet.register-default-servlet=true")) {
            assertThat(demo.getEnvironment().getProperty("camunda.bpm.admin-user.id")).isEqualTo("demo");
            int port = ((WebServerApplicationContext) demo).getWebServer().getPort();

            HttpFrom.Response setup = new HttpFrom("127.0.0.1", port).send("POST",
                    "/camunda/api/admin/setup/default/user/create", Map.of("Content-Type", "application/json"), "{}");

            assertThat(setup.status()).isEqualTo(403);
            assertThat(setup.header("Content-Type")).startsWith("application/json");
            assertThat(setup.body()).isEqualTo(AdminSetupClosedFilter.BODY);
        }
    }
}
