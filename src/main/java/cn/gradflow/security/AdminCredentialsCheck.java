package cn.gradflow.security;

import java.util.Arrays;
import java.util.Locale;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start without the {@code demo} profile unless the first admin is configured
 * ({@code CAMUNDA_BPM_ADMINUSER_ID} / {@code CAMUNDA_BPM_ADMINUSER_PASSWORD}) with a password of at least
 * {@value #MIN_PASSWORD_LENGTH} characters that is not the user id. Camunda would otherwise either create no
 * admin (and leave the setup page as the way in, which {@link AdminSetupClosedFilter} closes) or, with an id
 * but no password, use the id as the password.
 * <p>
 * Runs when the environment is ready (profiles and all property sources known, logging set up) and before
 * the application context exists: nothing touches the database of a misconfigured start. Registered in
 * {@code META-INF/spring.factories}; {@link AdminCredentialsFailureAnalyzer} prints the reason.
 */
public class AdminCredentialsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String ID_PROPERTY = "camunda.bpm.admin-user.id";
    static final String PASSWORD_PROPERTY = "camunda.bpm.admin-user.password";
    static final String ID_ENV = "CAMUNDA_BPM_ADMINUSER_ID";
    static final String PASSWORD_ENV = "CAMUNDA_BPM_ADMINUSER_PASSWORD";
    static final int MIN_PASSWORD_LENGTH = 8;

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    /** Right after Spring Boot's logging is configured, so the refusal is logged the configured way. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    static void check(ConfigurableEnvironment environment) {
        if (environment.acceptsProfiles(Profiles.of("demo"))) {
            return; // the demo keeps Camunda's demo/demo (application-demo.yml)
        }
        String problem = problem(environment.getProperty(ID_PROPERTY), environment.getProperty(PASSWORD_PROPERTY));
        if (problem != null) {
            throw new AdminCredentialsException(problem, Arrays.toString(environment.getActiveProfiles()));
        }
    }

    /** What is wrong with the configured admin, in Chinese and English, or null when nothing is. */
    static String problem(String id, String password) {
        if (id == null || id.isBlank()) {
            return "未设置首个管理员的用户名 / no admin user id is configured";
        }
        if (password == null || password.isBlank()) {
            return "未设置首个管理员的密码（Camunda 会以用户名作为密码）/ no admin password is configured (Camunda would use the user id as the password)";
        }
        if (password.trim().toLowerCase(Locale.ROOT).equals(id.trim().toLowerCase(Locale.ROOT))) {
            return "管理员密码不得与用户名相同 / the admin password must not equal the user id";
        }
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            return "管理员密码至少需要 " + MIN_PASSWORD_LENGTH + " 个字符 / the admin password must have at least "
                    + MIN_PASSWORD_LENGTH + " characters";
        }
        return null;
    }

    /** Thrown before the context starts; the message names the variables to set and never shows the password. */
    public static class AdminCredentialsException extends IllegalStateException {

        AdminCredentialsException(String problem, String activeProfiles) {
            super("GradFlow 拒绝启动：未启用 demo 配置（当前配置 " + activeProfiles + "）时必须提供首个管理员。" + problem + "。"
                    + "请设置环境变量 " + ID_ENV + " 和 " + PASSWORD_ENV + "（或属性 " + ID_PROPERTY + " / " + PASSWORD_PROPERTY
                    + "），密码至少 " + MIN_PASSWORD_LENGTH + " 个字符且不得与用户名相同。"
                    + " | GradFlow refuses to start: without the demo profile (active profiles " + activeProfiles
                    + ") the first admin must be configured: " + problem + ". Set the environment variables " + ID_ENV
                    + " and " + PASSWORD_ENV + " (or the properties " + ID_PROPERTY + " / " + PASSWORD_PROPERTY
                    + ") to a user id and a password of at least " + MIN_PASSWORD_LENGTH
                    + " characters that is not the user id.");
        }
    }
}
