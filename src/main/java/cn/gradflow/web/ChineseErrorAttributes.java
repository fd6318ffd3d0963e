package cn.gradflow.web;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Spring Boot's {@code /error} answer in Chinese: a path outside GradFlow's doors once the container has resolved it
 * (a hostile {@code /api/a/%2e%2e/%2e%2e/x} is {@code /x}, past {@link ChineseErrorFilter}) was answered
 * {@code {"error":"Not Found"}}. The page a browser reads stays {@code static/error/*.html}.
 */
@Component
class ChineseErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        if (attributes.get("status") instanceof Integer status) {
            attributes.put("message", status >= 500 ? "服务器内部错误，未作任何更改；请稍后重试" : ChineseErrorFilter.messageFor(status));
            // the code as /api's refusals write it (NOT_FOUND), instead of the reason phrase in English
            org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
            attributes.put("error", known == null ? String.valueOf(status) : known.name());
        }
        return attributes;
    }
}
