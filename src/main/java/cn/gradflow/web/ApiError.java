package cn.gradflow.web;

/** Every error of {@code /api}: a stable code for scripts and a Chinese message for people. */
public record ApiError(String error, String message) {
}
