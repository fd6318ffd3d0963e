package cn.gradflow.common;

import java.util.List;
import java.util.function.IntFunction;

/**
 * How long a text may be where it is kept, and what it may hold: checked where a user sends it,
 * before anything is written (a Chinese refusal naming the field and its limit), and kept to where
 * GradFlow builds a text for the engine. A form field's own limit is its {@code maxLength} in
 * {@code forms/}; {@code TextLimitsTest} holds every form field and every constant here against the
 * columns the text ends in, read from the database itself.
 */
public final class TextLimits {

    /**
     * The engine's text columns — {@code ACT_RU_VARIABLE.TEXT_}/{@code TEXT2_}, {@code ACT_HI_VARINST.TEXT_},
     * {@code ACT_HI_DETAIL.TEXT_} — are {@code varchar(4000)} on H2 and MySQL; every form field is such a text.
     */
    public static final int ENGINE_TEXT = 4000;

    /** The name of an uploaded file: {@code identity_review_document.file_name VARCHAR(200)}; the same for every upload. */
    public static final int FILE_NAME = 200;

    /** The declared type of an uploaded file: {@code identity_review_document.content_type VARCHAR(100)}. */
    public static final int CONTENT_TYPE = 100;

    /**
     * A task comment. The engine keeps a 163-character summary in {@code ACT_HI_COMMENT.MESSAGE_} and the
     * whole text in {@code FULL_MSG_}, a BLOB: no column limits it, so this does, as long as an engine text.
     */
    public static final int COMMENT = ENGINE_TEXT;

    /** The findings of the moment a decision was taken: {@code decision_log.findings VARCHAR(4000)}. */
    public static final int DECISION_FINDINGS = 4000;

    /** The reason of a decision sent to an endpoint, not a form: {@code decision_log.reason VARCHAR(1000)}. */
    public static final int DECISION_REASON = 1000;

    /** A student number: {@code student.student_no VARCHAR(32)} (and every table that names a student). */
    public static final int STUDENT_NO = 32;

    private TextLimits() {
    }

    /**
     * The refusal of a list of student numbers holding one no student can have (longer than {@link #STUDENT_NO}),
     * or null: such a number is refused with the request rather than answered NOT_FOUND with the whole text echoed.
     */
    public static String studentNoProblem(java.util.Collection<String> studentNos) {
        return studentNos.stream().filter(no -> no != null && no.length() > STUDENT_NO).findFirst()
                .map(no -> "学号最多 " + STUDENT_NO + " 个字符，本次有一个 " + no.length() + " 个字符：" + no.substring(0, 20)
                        + "…；未作任何更改")
                .orElse(null);
    }

    /**
     * What is wrong with a text a user sent, in Chinese, or null: longer than {@code max} characters, or
     * holding a character outside the Basic Multilingual Plane (an emoji, a rare CJK character of the
     * extensions) — the engine's tables on MySQL are {@code utf8} (three bytes a character) and refuse it.
     */
    public static String problem(String field, String text, int max) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                int codePoint = text.codePointAt(i);
                return field + " 含有无法保存的字符「" + (Character.isSupplementaryCodePoint(codePoint)
                        ? new String(Character.toChars(codePoint)) : "?") + "」（表情符号或生僻字），请删除或改用常用字";
            }
        }
        return text.length() > max ? field + " 最多 " + max + " 字，本次 " + text.length() + " 字" : null;
    }

    /**
     * The lines joined one per line within {@code max} characters, keeping the last ones (the newest of a
     * history): when not all fit, the first line says how many earlier lines were left out.
     */
    public static String lastLinesWithin(List<String> lines, int max, IntFunction<String> leftOut) {
        String all = String.join("\n", lines);
        if (all.length() <= max) {
            return all;
        }
        for (int from = 1; from < lines.size(); from++) {
            String text = leftOut.apply(from) + "\n" + String.join("\n", lines.subList(from, lines.size()));
            if (text.length() <= max) {
                return text;
            }
        }
        if (lines.size() <= 1) {
            return cut(all, max);
        }
        String note = leftOut.apply(lines.size() - 1);
        return note + "\n" + cut(lines.get(lines.size() - 1), max - note.length() - 1);
    }

    /**
     * The lines joined one per line within {@code max} characters, keeping the first ones: when not all
     * fit, a last line says how many were left out.
     */
    public static String firstLinesWithin(List<String> lines, int max, IntFunction<String> leftOut) {
        String all = String.join("\n", lines);
        if (all.length() <= max) {
            return all;
        }
        for (int to = lines.size() - 1; to > 0; to--) {
            String text = String.join("\n", lines.subList(0, to)) + "\n" + leftOut.apply(lines.size() - to);
            if (text.length() <= max) {
                return text;
            }
        }
        if (lines.size() <= 1) {
            return cut(all, max);
        }
        String note = leftOut.apply(lines.size() - 1);
        return cut(lines.get(0), max - note.length() - 1) + "\n" + note;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "…";
    }
}
