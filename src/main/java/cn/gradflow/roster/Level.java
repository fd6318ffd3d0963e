package cn.gradflow.roster;

/** Programme level; the digit is the one the registration number carries (DOMAIN.md §7). */
public enum Level {
    BACHELOR("本科", '5'),
    JUNIOR("专科", '6');

    private final String label;
    private final char registrationDigit;

    Level(String label, char registrationDigit) {
        this.label = label;
        this.registrationDigit = registrationDigit;
    }

    public String label() {
        return label;
    }

    public char registrationDigit() {
        return registrationDigit;
    }
}
