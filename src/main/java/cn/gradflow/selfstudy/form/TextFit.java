package cn.gradflow.selfstudy.form;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a text into a box of the form: one line, shrunk a little if needed; else wrapped, shrunk down to a floor;
 * else cut with "…". The printed form has fixed boxes, so a long name or course name must never run over a
 * ruling or the photo. Pure (widths through {@link Measure}), so the rules are table-tested without a PDF.
 */
final class TextFit {

    /** Line height as a multiple of the font size. */
    static final float LEADING = 1.25f;
    /** A single line may shrink to this share of the preferred size before wrapping is tried. */
    private static final float SINGLE_LINE_FLOOR = 0.8f;
    private static final float STEP = 0.5f;
    static final String ELLIPSIS = "…";
    /** Punctuation that must not open a line (避头点). */
    private static final String NO_LINE_START = "，。、；：？！）」』》〉】”’…,.;:?!)";

    /** Width of {@code text} in points at {@code size}. */
    interface Measure {
        float width(String text, float size);
    }

    /** The size to print at and the lines; {@code truncated} when the text did not fit even at the floor. */
    record Fitted(float size, List<String> lines, boolean truncated) {
        float blockHeight() {
            return lines.isEmpty() ? 0 : (lines.size() - 1) * size * LEADING + size;
        }
    }

    private TextFit() {
    }

    static Fitted fit(String text, Measure measure, float width, float height, float size, float minSize) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return new Fitted(size, List.of(), false);
        }
        boolean multiParagraph = t.indexOf('\n') >= 0;
        if (!multiParagraph) {
            for (float s = size; s >= Math.max(minSize, size * SINGLE_LINE_FLOOR) - 1e-3f; s -= STEP) {
                if (s <= height && measure.width(t, s) <= width) {
                    return new Fitted(s, List.of(t), false);
                }
            }
        }
        for (float s = size; s >= minSize - 1e-3f; s -= STEP) {
            List<String> lines = wrap(t, measure, width, s);
            if (lines != null && blockHeight(lines.size(), s) <= height) {
                return new Fitted(s, lines, false);
            }
        }
        return cut(t, measure, width, height, minSize);
    }

    private static float blockHeight(int lines, float size) {
        return (lines - 1) * size * LEADING + size;
    }

    /** Greedy wrap by characters (Chinese has no spaces to break at); paragraphs kept. Null if one glyph is wider than the box. */
    static List<String> wrap(String text, Measure measure, float width, float size) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\r?\n", -1)) {
            StringBuilder line = new StringBuilder();
            int i = 0;
            while (i < paragraph.length()) {
                int cp = paragraph.codePointAt(i);
                String ch = new String(Character.toChars(cp));
                if (measure.width(line + ch, size) <= width) {
                    line.append(ch);
                } else {
                    if (line.isEmpty()) {
                        return null;
                    }
                    String carried = "";
                    if (NO_LINE_START.indexOf(cp) >= 0 && line.codePointCount(0, line.length()) > 1) {
                        // a line never starts with "，" or "）": the character before it moves down with it
                        int last = line.offsetByCodePoints(line.length(), -1);
                        carried = line.substring(last);
                        line.setLength(last);
                    }
                    lines.add(line.toString().stripTrailing());
                    line.setLength(0);
                    line.append(carried);
                    if (!Character.isWhitespace(cp)) {
                        line.append(ch);
                    }
                }
                i += Character.charCount(cp);
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static Fitted cut(String text, Measure measure, float width, float height, float size) {
        int maxLines = Math.max(1, (int) Math.floor((height - size) / (size * LEADING)) + 1);
        List<String> lines = wrap(text, measure, width, size);
        if (lines == null) {
            return new Fitted(size, List.of(), true);
        }
        if (lines.size() <= maxLines && blockHeight(lines.size(), size) <= height) {
            return new Fitted(size, lines, false);
        }
        List<String> kept = new ArrayList<>(lines.subList(0, Math.min(maxLines, lines.size())));
        String last = kept.get(kept.size() - 1);
        while (!last.isEmpty() && measure.width(last + ELLIPSIS, size) > width) {
            last = last.substring(0, last.offsetByCodePoints(last.length(), -1));
        }
        kept.set(kept.size() - 1, last + ELLIPSIS);
        return new Fitted(size, List.copyOf(kept), true);
    }
}
