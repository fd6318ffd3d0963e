package cn.gradflow.cases;

import java.util.Arrays;
import java.util.regex.Pattern;

import cn.gradflow.application.ApplicationState;
import cn.gradflow.roster.Term;
import cn.gradflow.web.ApiException;

/**
 * The platform's filters on a batch's case list (issue 12, item 4), checked once: every value that
 * reaches the SQL is one of these fields, never a string the caller wrote into the query.
 *
 * @param state         an {@link ApplicationState} name or {@value #NOT_APPLIED}
 * @param enrolmentTerm YYYYMM
 * @param rule          one rule id, e.g. R-EL-03 (either id of a rule named twice matches)
 * @param q             学号 prefix or 姓名 prefix
 */
record CaseFilter(String state, String enrolmentTerm, Boolean eligible, Boolean hasPhoto, String rule, String q) {

    /** A student of the roster with no application in the batch yet: bulk apply acts on them. */
    static final String NOT_APPLIED = "NOT_APPLIED";

    private static final Pattern RULE = Pattern.compile("R-[A-Z]{2,4}-\\d{2}");
    private static final Pattern TERM_LABEL = Pattern.compile("(\\d{4})([春秋])");

    static CaseFilter of(String state, String enrolmentTerm, String eligible, String hasPhoto, String rule, String q) {
        return new CaseFilter(state(state), term(enrolmentTerm), bool("eligible", eligible), bool("hasPhoto", hasPhoto),
                rule(rule), q == null || q.isBlank() ? null : q.strip());
    }

    private static String state(String value) {
        if (blank(value) || NOT_APPLIED.equals(value.strip())) {
            return blank(value) ? null : NOT_APPLIED;
        }
        try {
            return ApplicationState.valueOf(value.strip()).name();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("state 须为 " + NOT_APPLIED + " 或以下之一：" + Arrays.toString(ApplicationState.values()));
        }
    }

    /** 入学学期 as the workbooks write it (2022春) or as stored (202203). */
    static String term(String value) {
        if (blank(value)) {
            return null;
        }
        var label = TERM_LABEL.matcher(value.strip());
        String code = label.matches() ? label.group(1) + (label.group(2).equals("春") ? "03" : "09") : value.strip();
        try {
            return Term.parse(code).code();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("enrolmentTerm 应为 2022春、2022秋 或 202203 这样的入学学期：" + value);
        }
    }

    private static Boolean bool(String name, String value) {
        if (blank(value)) {
            return null;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name + " 须为 true 或 false：" + value);
        };
    }

    private static String rule(String value) {
        if (blank(value)) {
            return null;
        }
        if (!RULE.matcher(value.strip()).matches()) {
            throw ApiException.badRequest("rule 应为一个规则编号，例如 R-EL-03：" + value);
        }
        return value.strip();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
