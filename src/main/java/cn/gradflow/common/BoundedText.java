package cn.gradflow.common;

import java.util.List;

/**
 * Text for a form that can never outgrow a String variable (4,000 characters): at most so many lines,
 * then a note that the rest is in the list itself (a table, paged by its page).
 */
public final class BoundedText {

    /** Well under the engine's 4,000-character String variable ({@link TextLimits#ENGINE_TEXT}). */
    public static final int MAX_CHARS = TextLimits.ENGINE_TEXT - 1000;

    private BoundedText() {
    }

    /** The lines, one per row, stopping before the text would pass {@link #MAX_CHARS}; {@code total} rows exist. */
    public static String lines(String heading, List<String> lines, long total) {
        StringBuilder s = new StringBuilder(heading);
        int shown = 0;
        for (String line : lines) {
            String cut = line.length() > 200 ? line.substring(0, 200) + "……" : line;
            if (s.length() + cut.length() + 1 > MAX_CHARS - 60) {
                break;
            }
            s.append('\n').append(cut);
            shown++;
        }
        if (total > shown) {
            s.append("\n\n……另有 ").append(total - shown).append(" 条未在此列出，请打开完整名单分页查看");
        }
        return s.toString();
    }
}
