package cn.gradflow.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload over the multipart limit fails before any controller is chosen, so this advice is not
 * limited to GradFlow's packages. The photo check still answers with a finding, as for any bytes.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitHandler {

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Object> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        String message = "上传文件超过 100 MB 上限";
        if (request.getRequestURI().endsWith("/api/photos/check")) {
            return ResponseEntity.ok(java.util.Map.of("ok", false, "findings", java.util.List.of(java.util.Map.of(
                    "rule", "R-PH-01", "code", "FILE_TOO_LARGE", "severity", "BLOCKING", "message", message))));
        }
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(new ApiError("PAYLOAD_TOO_LARGE", message));
    }
}
