package cn.gradflow.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * A refusal GradFlow worded, kept with the request it refused. Some of the engine's REST resources
 * answer any refusal with a generic English text of their own (a comment: "Not enough parameters
 * submitted"); {@link ChineseErrorFilter} then shows the user GradFlow's words instead.
 */
public final class Refusals {

    static final String ATTRIBUTE = Refusals.class.getName();

    private Refusals() {
    }

    /** Keeps the refusal with the HTTP request being served, if any (none for jobs and start-up). */
    public static void remember(String message) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && message != null) {
            request.setAttribute(ATTRIBUTE, message, RequestAttributes.SCOPE_REQUEST);
        }
    }

    static String of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String message ? message : null;
    }
}
