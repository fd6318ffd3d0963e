package cn.gradflow.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import cn.gradflow.security.AdminCredentialsCheck.AdminCredentialsException;

/** Prints the refusal of {@link AdminCredentialsCheck} as "APPLICATION FAILED TO START" without a stack trace. */
public class AdminCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<AdminCredentialsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AdminCredentialsException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "启动前设置 / before starting, set: " + AdminCredentialsCheck.ID_ENV + "=<管理员用户名 admin id> "
                        + AdminCredentialsCheck.PASSWORD_ENV + "=<至少 " + AdminCredentialsCheck.MIN_PASSWORD_LENGTH
                        + " 个字符、不同于用户名的密码 / a password of at least " + AdminCredentialsCheck.MIN_PASSWORD_LENGTH
                        + " characters, not the id>. 仅用于试用时可加 demo 配置 / only to try GradFlow out: add the demo profile.",
                cause);
    }
}
