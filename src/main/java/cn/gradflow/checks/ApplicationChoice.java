package cn.gradflow.checks;

import cn.gradflow.batch.Round;

/**
 * What the learning centre applied for on the student's behalf (DOMAIN.md §7 step 3); {@code round} is
 * the round the application was submitted in (R-EL-08), by the branch's calendar on the day of submission.
 * <p>
 * R-EL-09: {@code commitmentLetter} says the student's signed letter (承诺书) was received, and
 * {@code letterKind} / {@code letterDegreeType} what the student wished in it, as the centre recorded
 * it: {@link Kind#GRADUATION} (仅申请毕业) or {@link Kind#GRADUATION_DEGREE} with 国开 or 合作. Both are
 * null without a letter; {@code letterDegreeType} is null unless a degree is wished.
 */
public record ApplicationChoice(Kind kind, DegreeType degreeType, boolean commitmentLetter, Kind letterKind,
                                DegreeType letterDegreeType, Round round) {

    /** Without wishes recorded from a letter (专科, a deferral, or before the letter is in). */
    public ApplicationChoice(Kind kind, DegreeType degreeType, boolean commitmentLetter, Round round) {
        this(kind, degreeType, commitmentLetter, null, null, round);
    }

    /** How a wish reads on the letter: 仅申请毕业, or 申请毕业并申请学位（国开学位）. */
    public static String letterLabel(Kind kind, DegreeType degreeType) {
        if (kind == null) {
            return "未记录";
        }
        return switch (kind) {
            case GRADUATION -> "仅申请毕业";
            case GRADUATION_DEGREE -> kind.label() + (degreeType == null ? "" : "（" + degreeType.label() + "）");
            case DEFERRED -> kind.label();
        };
    }

    public enum Kind {
        GRADUATION("申请毕业"),
        GRADUATION_DEGREE("申请毕业并申请学位"),
        DEFERRED("暂缓毕业");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** R-EL-08: a degree from OUC itself (国开) or a cooperating university (合作). */
    public enum DegreeType {
        OUC("国开学位"),
        COOP("合作学位");

        private final String label;

        DegreeType(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
