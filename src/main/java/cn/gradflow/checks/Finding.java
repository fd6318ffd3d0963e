package cn.gradflow.checks;

/**
 * A business finding: which rule (the DOMAIN.md id), a stable code for scripts (e.g.
 * {@code CREDITS_SHORT}), whether it blocks, a Chinese message for staff and the evidence behind it. Findings are data that route the process, never exceptions.
 *
 * <p>Where DOMAIN.md gives one rule two ids (R-EL-06 and R-PH-01, the graduation photo), {@code rule}
 * names both joined by {@value #RULE_SEPARATOR} ({@code R-EL-06/R-PH-01}, see {@link #rules(String...)}), so
 * either id greps to the check, its test, the stored finding and the message a clerk reads; {@link #rules()}
 * splits them again and {@link #hasRule} matches one.
 */
public record Finding(String rule, String code, Severity severity, String message, String evidence) {

    /** Joins the ids of one rule that DOMAIN.md names twice. */
    public static final String RULE_SEPARATOR = "/";

    /** R-EL-06 and R-PH-01 are one rule: a graduation photo on the platform before any application. */
    public static final String GRADUATION_PHOTO_RULE = rules("R-EL-06", "R-PH-01");

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

    /** One rule known by several ids: {@code rules("R-EL-06", "R-PH-01")} is {@code "R-EL-06/R-PH-01"}. */
    public static String rules(String... ids) {
        return String.join(RULE_SEPARATOR, ids);
    }

    /** The ids this finding carries, one or more. */
    public java.util.List<String> rules() {
        return java.util.List.of(rule.split(RULE_SEPARATOR));
    }

    /** Whether the finding carries this rule id (either id of a rule named twice). */
    public boolean hasRule(String id) {
        return rules().contains(id);
    }

    public boolean isBlocking() {
        return severity == Severity.BLOCKING;
    }

    /** One line for forms and the decision log: 【须整改】R-EL-03 总学分不足（已获 60 / 需 76）. */
    public String describe() {
        return "【" + severity.label() + "】" + rule + " " + message + (evidence == null ? "" : "（" + evidence + "）");
    }
}
