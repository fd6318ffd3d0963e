package cn.gradflow.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.impl.errorcode.BuiltinExceptionCode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every refusal on every API door — {@code /engine-rest}, the webapps' {@code /camunda/api}, and
 * {@code /api} — reaches the user in Chinese and as JSON {@code {"type", "message"}}: an error
 * whose message is already Chinese passes unchanged; an English one (the engine's own, the
 * container's) gets a Chinese message for its status with the original kept as {@code detail}; a
 * server error (5xx) never shows its text, which may hold SQL or a stack: it is logged under an id
 * the message names. Successful responses stream through untouched.
 */
public class ChineseErrorFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ChineseErrorFilter.class);
    private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
    /** Text that must not reach a user even in a 4xx: SQL, stack frames, class names of exceptions. */
    private static final Pattern INTERNAL = Pattern.compile(
            "(?i)(\\bselect\\b.*\\bfrom\\b|\\binsert into\\b|\\bupdate\\b.*\\bset\\b|\\bdelete from\\b|sqlstate|jdbc|\\n\\s*at |\\w+\\.\\w+\\.\\w+Exception)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ErrorCapture capture = new ErrorCapture(response);
        chain.doFilter(request, capture);
        if (capture.status >= 400 && !response.isCommitted()) {
            rewrite(request, response, capture);
        }
    }

    private static void rewrite(HttpServletRequest request, HttpServletResponse response, ErrorCapture capture) throws IOException {
        if (capture.writer != null) {
            capture.writer.flush();
        }
        String body = capture.buffer.toString(StandardCharsets.UTF_8);
        String type = null;
        int engineCode = -1;
        String message = capture.errorMessage;
        Map<String, Object> extra = new LinkedHashMap<>();
        try {
            JsonNode json = body.isBlank() ? null : JSON.readTree(body);
            if (json != null && json.isObject()) {
                type = json.path("type").asText(json.path("error").asText(null));
                engineCode = json.path("code").asInt(-1);
                message = json.path("message").asText(message);
                json.fields().forEachRemaining(f -> {
                    if (!f.getKey().equals("type") && !f.getKey().equals("message") && !f.getKey().equals("trace")) {
                        extra.put(f.getKey(), f.getValue());
                    }
                });
            } else if (!body.isBlank()) {
                message = null; // an HTML page or plain text of the container: not for users
            }
        } catch (IOException notJson) {
            message = null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type == null || type.isBlank() ? typeFor(capture.status) : type);
        String conflict = capture.status >= 500 ? conflict(type, engineCode) : null;
        if (conflict != null) {
            // the engine REST answers these with 500; for the user they are someone else's click first
            JsonResponses.write(response, 409, Map.of("type", type == null ? "CONFLICT" : type, "message", conflict));
            return;
        }
        if (capture.status >= 500) {
            String incident = UUID.randomUUID().toString().substring(0, 8);
            log.error("{} {} answered {} (error id {}): {}", request.getMethod(), request.getRequestURI(), capture.status, incident, body);
            out.put("type", "ServerError");
            out.put("message", "服务器内部错误，未作任何更改；请稍后重试，或把错误编号 " + incident + " 告知运维人员");
        } else if (message != null && CJK.matcher(message).find() && !INTERNAL.matcher(message).find()) {
            out.put("message", withoutEnglishPrefix(message));
            out.putAll(extra);
        } else if (Refusals.of(request) != null) {
            // the door replaced GradFlow's refusal with its own English words
            out.put("message", Refusals.of(request));
            if (message != null && !message.isBlank() && !INTERNAL.matcher(message).find()) {
                out.put("detail", message.length() > 300 ? message.substring(0, 300) + "…" : message);
            }
        } else {
            out.put("message", messageFor(capture.status));
            if (message != null && !message.isBlank() && !INTERNAL.matcher(message).find()) {
                out.put("detail", message.length() > 300 ? message.substring(0, 300) + "…" : message);
            }
            extra.remove("detail");
            out.putAll(extra);
        }
        JsonResponses.write(response, capture.status, out);
    }

    /** The engine REST's "Cannot complete task <id>: " before a refusal's own Chinese words. */
    static String withoutEnglishPrefix(String message) {
        java.util.regex.Matcher han = CJK.matcher(message);
        if (!han.find()) {
            return message;
        }
        int cut = message.lastIndexOf(": ", han.start());
        return cut > 0 && message.substring(0, cut).matches("(?s)[\\x00-\\x7F]+") ? message.substring(cut + 2) : message;
    }

    /** Engine exceptions the REST layer answers with 500 that are a conflict between two users, not a fault. */
    private static final Map<String, String> CONFLICTS = Map.of(
            "TaskAlreadyClaimedException", "该任务已被他人认领，请刷新任务列表",
            "OptimisticLockingException", ApiExceptionHandler.CONCURRENT_CHANGE);

    /**
     * Issue 13: a completion that lost to another node's arrives as {@code RestException} ("Cannot complete task …"),
     * the engine's exception only in its {@code code}: Camunda's built-in code of an optimistic-locking failure, or
     * of a deadlock the database broke between two such transactions. Both changed nothing.
     */
    static String conflict(String type, int engineCode) {
        String byType = type == null ? null : CONFLICTS.get(type);
        if (byType != null) {
            return byType;
        }
        return engineCode == BuiltinExceptionCode.OPTIMISTIC_LOCKING.getCode() || engineCode == BuiltinExceptionCode.DEADLOCK.getCode()
                ? ApiExceptionHandler.CONCURRENT_CHANGE : null;
    }

    static String messageFor(int status) {
        return switch (status) {
            case 400 -> "请求无效：内容或格式不符合要求，未作任何更改";
            case 401 -> "请先登录（HTTP Basic，用户名与 Camunda 登录相同）";
            case 403 -> "无权执行此操作";
            case 404 -> "要找的对象不存在，或无权查看";
            case 405 -> "不支持此请求方法";
            case 406 -> "只能以 JSON 答复：请求头 Accept 须包含 application/json";
            case 409 -> "数据已被他人修改，请刷新后重试";
            case 413 -> "上传的内容过大";
            case 415 -> "请求的内容类型不受支持";
            case 429 -> "尝试次数过多，请稍后再试";
            default -> "请求未能完成（状态 " + status + "）";
        };
    }

    private static String typeFor(int status) {
        return switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            default -> "BadRequest";
        };
    }

    /** Lets successful output stream through; an error's body is held back so it can be rewritten. */
    private static final class ErrorCapture extends HttpServletResponseWrapper {
        private int status = 200;
        private String errorMessage;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private ServletOutputStream stream;
        private PrintWriter writer;

        ErrorCapture(HttpServletResponse response) {
            super(response);
        }

        private boolean capturing() {
            return status >= 400;
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
            super.setStatus(sc);
        }

        @Override
        public void sendError(int sc) {
            sendError(sc, null);
        }

        @Override
        public void sendError(int sc, String msg) {
            // no container error page: the filter writes the body
            status = sc;
            errorMessage = msg;
            super.setStatus(sc);
        }

        @Override
        public void setContentLength(int len) {
            if (!capturing()) {
                super.setContentLength(len);
            }
        }

        @Override
        public void setContentLengthLong(long len) {
            if (!capturing()) {
                super.setContentLengthLong(len);
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (!(capturing() && "Content-Length".equalsIgnoreCase(name))) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!capturing()) {
                super.flushBuffer();
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!capturing()) {
                return super.getOutputStream();
            }
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        buffer.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        buffer.write(b, off, len);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        // blocking writes only
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (!capturing()) {
                return super.getWriter();
            }
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8), true);
            }
            return writer;
        }

        @Override
        public void reset() {
            buffer.reset();
            super.reset();
        }

        @Override
        public void resetBuffer() {
            buffer.reset();
            super.resetBuffer();
        }
    }
}
