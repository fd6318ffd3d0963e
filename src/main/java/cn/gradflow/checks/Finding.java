package cn.gradflow.checks;

/**
 * A business finding: which rule (the DOMAIN.md id), a stable code for scripts (e.g.
 * {@code CREDITS_SHORT}), whether it blocks, a Chinese message for staff and the evidence behind it. Findings are data that route the process, never exceptions.
 */
public record Finding(String rule, String code, Severity severity, String message, String evidence) {

    public enum Severity {
        BLOCKING("须整改"),
        WARNING("提示");

        private final String label;

        Severity(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static Finding blocking(String rule, String code, String message, String evidence) {
        return new Finding(rule, code, Severity.BLOCKING, message, evidence);
    }

    public static Finding warning(String rule, String code, String message, String evidence) {
        return new Finding(rule, code, Severity.WARNING, message, evidence);
    }

    public boolean isBlocking() {
        return severity == Severity.BLOCKING;
    }

    /** One line for forms and the decision log: 【须整改】R-EL-03 总学分不足（已获 60 / 需 76）. */
    public String describe() {
        return "【" + severity.label() + "】" + rule + " " + message + (evidence == null ? "" : "（" + evidence + "）");
    }
}
