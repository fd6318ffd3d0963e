package cn.gradflow.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import cn.gradflow.common.TextLimits;

/**
 * An upload over the multipart limit fails before any controller is chosen, so this advice is not
 * limited to GradFlow's packages. The photo check still answers with a finding, as for any bytes.
 * A file name too long even for a part's header is refused as the file name it is.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitHandler {

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Object> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        if (partHeaderTooLong(e)) {
            // the part's header is mostly its file name: a name far over the limit, not a large file
            return ResponseEntity.badRequest().body(new ApiError("BAD_REQUEST",
                    "上传文件的文件名过长：文件名最多 " + TextLimits.FILE_NAME + " 字"));
        }
        String message = "上传文件超过 100 MB 上限";
        if (request.getRequestURI().endsWith("/api/photos/check")) {
            return ResponseEntity.ok(java.util.Map.of("ok", false, "findings", java.util.List.of(java.util.Map.of(
                    "rule", "R-PH-01", "code", "FILE_TOO_LARGE", "severity", "BLOCKING", "message", message))));
        }
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(new ApiError("PAYLOAD_TOO_LARGE", message));
    }

    /** Tomcat's refusal of a part header over {@code server.tomcat.max-part-header-size}, which Spring reports as a size. */
    private static boolean partHeaderTooLong(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Header section has more than")) {
                return true;
            }
        }
        return false;
    }
}
