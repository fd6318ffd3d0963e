package cn.gradflow.registration;

import java.util.regex.Pattern;

import cn.gradflow.roster.Level;

/**
 * The electronic registration number (电子注册号, DOMAIN.md §7 step 7): 17 digits, {@code 511618}
 * + certificate year + level digit (本科 5 / 专科 6) + a 6-digit sequence.
 */
public final class RegistrationNumber {

    public static final String PREFIX = "511618";
    public static final Pattern FORMAT = Pattern.compile("^511618\\d{4}[56]\\d{6}$");
    public static final int MAX_SEQUENCE = 999_999;

    private RegistrationNumber() {
    }

    public static String format(int certificateYear, Level level, int sequence) {
        if (certificateYear < 1000 || certificateYear > 9999) {
            throw new IllegalArgumentException("证书年份无效：" + certificateYear);
        }
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("注册号序号超出范围 1–999999：" + sequence);
        }
        return PREFIX + certificateYear + level.registrationDigit() + String.format("%06d", sequence);
    }
}
