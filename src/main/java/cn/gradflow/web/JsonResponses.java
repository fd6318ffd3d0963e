package cn.gradflow.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.MediaType;

/** The one way GradFlow's servlet filters answer with JSON, so every body is well-formed UTF-8 JSON. */
public final class JsonResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonResponses() {
    }

    /**
     * An error body: {@code {"type": …, "message": …}} on Camunda's doors, {@code {"error": …, "message": …}}
     * on GradFlow's {@code /api} ({@code kindField} says which).
     */
    public static Map<String, Object> error(String kindField, String kind, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(kindField, kind);
        body.put("message", message);
        return body;
    }

    public static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
