package cn.gradflow.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.gradflow.roster.Level;
import cn.gradflow.roster.Term;
import cn.gradflow.roster.Tier;

/** Reads a cell's text as the value a column holds; {@code null} when it is not one (the caller reports it). */
final class Cells {

    /** STRICT: 2026-02-30 is no date (the lenient default would make it 2026-03-02). */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern TERM = Pattern.compile("(\\d{4})(春|秋)");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    /** GB 11643: 17 digits and a check character, digit or X. */
    private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dX]");

    private Cells() {
    }

    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text, DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** 2022春 → 202203, 2022秋 → 202209. */
    static Term term(String text) {
        Matcher m = TERM.matcher(text);
        if (!m.matches()) {
            return null;
        }
        return new Term(Integer.parseInt(m.group(1)), "春".equals(m.group(2)) ? 3 : 9);
    }

    static Boolean yesNo(String text) {
        return switch (text) {
            case "是" -> Boolean.TRUE;
            case "否" -> Boolean.FALSE;
            default -> null;
        };
    }

    static String yesNo(boolean value) {
        return value ? "是" : "否";
    }

    static Level level(String text) {
        for (Level level : Level.values()) {
            if (level.label().equals(text)) {
                return level;
            }
        }
        return null;
    }

    static Tier tier(String text) {
        for (Tier tier : Tier.values()) {
            if (tier.label().equals(text)) {
                return tier;
            }
        }
        return null;
    }

    static Integer positiveInt(String text) {
        try {
            BigDecimal value = new BigDecimal(text);
            return value.signum() > 0 && value.stripTrailingZeros().scale() <= 0 && value.compareTo(BigDecimal.valueOf(10_000)) < 0
                    ? value.intValueExact() : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean code(String text) {
        return CODE.matcher(text).matches();
    }

    static boolean idNumber(String text) {
        return ID_NUMBER.matcher(text).matches();
    }
}
