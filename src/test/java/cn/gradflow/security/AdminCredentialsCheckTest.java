package cn.gradflow.security;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import cn.gradflow.GradFlowApplication;
import cn.gradflow.security.AdminCredentialsCheck.AdminCredentialsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No start without the demo profile unless the first admin is configured with a real password. */
class AdminCredentialsCheckTest {

    @Test
    void demoProfileKeepsDemoDemo() {
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("mysql", "demo");
        assertThatCode(() -> AdminCredentialsCheck.check(demo)).doesNotThrowAnyException();

        MockEnvironment byDefault = new MockEnvironment(); // application.yml: spring.profiles.default=demo
        byDefault.setDefaultProfiles("demo");
        assertThatCode(() -> AdminCredentialsCheck.check(byDefault)).doesNotThrowAnyException();
    }

    @Test
    void productionProfileWithoutAdminIsRefusedNamingTheVariables() {
        MockEnvironment mysql = new MockEnvironment();
        mysql.setActiveProfiles("mysql");

        assertThatThrownBy(() -> AdminCredentialsCheck.check(mysql))
                .isInstanceOf(AdminCredentialsException.class)
                .hasMessageContaining("拒绝启动")
                .hasMessageContaining("refuses to start")
                .hasMessageContaining("CAMUNDA_BPM_ADMINUSER_ID")
                .hasMessageContaining("CAMUNDA_BPM_ADMINUSER_PASSWORD")
                .hasMessageContaining("[mysql]");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "NULL,          long-enough-secret, no admin user id",
            "'  ',          long-enough-secret, no admin user id",
            "admin,         NULL,               no admin password",
            "admin,         '   ',              no admin password",
            "administrator, ADMINISTRATOR,      must not equal the user id",
            "Gradflow-Ops,  ' gradflow-ops ',   must not equal the user id",
            "admin,         s3cret!,            at least 8 characters",
    })
    void weakAdminCredentialsAreRefused(String id, String password, String reason) {
        MockEnvironment mysql = new MockEnvironment();
        mysql.setActiveProfiles("mysql");
        if (id != null) {
            mysql.setProperty(AdminCredentialsCheck.ID_PROPERTY, id);
        }
        if (password != null) {
            mysql.setProperty(AdminCredentialsCheck.PASSWORD_PROPERTY, password);
        }

        assertThatThrownBy(() -> AdminCredentialsCheck.check(mysql)).hasMessageContaining(reason);
        if (password != null && !password.isBlank()) {
            assertThatThrownBy(() -> AdminCredentialsCheck.check(mysql)).message().doesNotContain(password);
        }
    }

    @Test
    void configuredAdminPasses() {
        MockEnvironment mysql = new MockEnvironment();
        mysql.setActiveProfiles("mysql");
        mysql.setProperty(AdminCredentialsCheck.ID_PROPERTY, "admin");
        mysql.setProperty(AdminCredentialsCheck.PASSWORD_PROPERTY, "毕业审核管理员2026");

        assertThatCode(() -> AdminCredentialsCheck.check(mysql)).doesNotThrowAnyException();
    }

    @Test
    void theDocumentedEnvironmentVariablesAreRead() {
        StandardEnvironment mysql = new StandardEnvironment();
        mysql.setActiveProfiles("mysql");
        mysql.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of(
                AdminCredentialsCheck.ID_ENV, "admin", AdminCredentialsCheck.PASSWORD_ENV, "ADMIN")));
        ConfigurationPropertySources.attach(mysql); // as SpringApplication does before the check runs

        assertThatThrownBy(() -> AdminCredentialsCheck.check(mysql)).hasMessageContaining("must not equal the user id");
    }

    /** The real start: refused while the environment is prepared, before any bean, database or port. */
    @ParameterizedTest
    @CsvSource({"'', ''", "gradflow-admin, GRADFLOW-ADMIN"})
    void productionStartIsRefused(String id, String password) {
        SpringApplicationBuilder start = new SpringApplicationBuilder(GradFlowApplication.class)
                .profiles("mysql")
                .web(WebApplicationType.NONE)
                .properties(
                        // should the check ever let it through: a throwaway database and engine, not MariaDB's
                        "spring.datasource.url=jdbc:h2:mem:refused-start",
                        "camunda.bpm.process-engine-name=refused-start",
                        "camunda.bpm.job-execution.enabled=false");

        // command-line arguments outrank CAMUNDA_BPM_ADMINUSER_* should the build machine have them set
        assertThatThrownBy(() -> start.run("--camunda.bpm.admin-user.id=" + id, "--camunda.bpm.admin-user.password=" + password)
                .close())
                .isInstanceOf(AdminCredentialsException.class)
                .hasMessageContaining("CAMUNDA_BPM_ADMINUSER_PASSWORD");
        assertThat(new AdminCredentialsFailureAnalyzer().analyze(new AdminCredentialsException("x", "[mysql]")).getAction())
                .contains("CAMUNDA_BPM_ADMINUSER_ID");
    }
}
