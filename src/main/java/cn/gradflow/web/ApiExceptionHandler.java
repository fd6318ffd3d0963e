package cn.gradflow.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

import cn.gradflow.roster.RosterInconsistencyException;

/** Turns every failure of GradFlow's own controllers into {@link ApiError} JSON. */
@RestControllerAdvice(basePackages = "cn.gradflow")
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    /**
     * Set on every refusal, so it is written whatever the request's Accept header asks for: negotiated, a
     * client asking for XML turned a 403 into a 500 with no body (HttpMediaTypeNotAcceptableException while writing it).
     */
    private static final MediaType JSON = MediaType.APPLICATION_JSON;

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException e) {
        return ResponseEntity.status(e.status()).contentType(JSON).body(new ApiError(e.error(), e.getMessage()));
    }

    @ExceptionHandler(RosterInconsistencyException.class)
    ResponseEntity<ApiError> roster(RosterInconsistencyException e) {
        return ResponseEntity.unprocessableEntity().contentType(JSON).body(new ApiError("ROSTER_INCONSISTENT", "学籍基础数据有误，请联系学籍管理员：" + e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().contentType(JSON).body(new ApiError("BAD_REQUEST", "请求体不是有效的 JSON，或字段类型不对"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).contentType(JSON)
                .body(new ApiError("UNSUPPORTED_MEDIA_TYPE", "请求体须为 JSON（Content-Type: application/json）"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).contentType(JSON)
                .body(new ApiError("METHOD_NOT_ALLOWED", "不支持的请求方法：" + e.getMethod()));
    }

    @ExceptionHandler({MissingServletRequestPartException.class, MultipartException.class})
    ResponseEntity<ApiError> multipart(Exception e) {
        return ResponseEntity.badRequest().contentType(JSON).body(new ApiError("BAD_REQUEST",
                "请求须为 multipart/form-data，并以 file 字段上传文件"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().contentType(JSON).body(new ApiError("BAD_REQUEST", "参数格式不对：" + e.getName()));
    }

    /** What a user reads when someone else changed the same thing first, on /api and on the engine's doors. */
    static final String CONCURRENT_CHANGE = "数据已被他人同时修改，未作任何更改；请刷新后重试";

    /** Two users (or a user and a job) changed the same case at once: the later one retries, nothing half-done. */
    @ExceptionHandler(org.camunda.bpm.engine.OptimisticLockingException.class)
    ResponseEntity<ApiError> conflict(org.camunda.bpm.engine.OptimisticLockingException e) {
        return ResponseEntity.status(409).contentType(JSON).body(new ApiError("CONFLICT", CONCURRENT_CHANGE));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        if (e instanceof org.springframework.web.ErrorResponse web && web.getStatusCode().is4xxClientError()) {
            // Spring's own refusal of the request (an Accept without JSON, a missing parameter…): its status, in Chinese
            int status = web.getStatusCode().value();
            return ResponseEntity.status(status).contentType(JSON)
                    .body(new ApiError(HttpStatus.valueOf(status).name(), ChineseErrorFilter.messageFor(status)));
        }
        log.error("Unexpected API failure", e);
        return ResponseEntity.internalServerError().contentType(JSON).body(new ApiError("INTERNAL_ERROR", "服务器内部错误，请联系运维人员"));
    }
}
