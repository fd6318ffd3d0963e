package cn.gradflow.checks;

import cn.gradflow.batch.Round;

/**
 * What the learning centre applied for on the student's behalf (DOMAIN.md §7 step 3); {@code round} is
 * the round the application was submitted in (R-EL-08), by the branch's calendar on the day of submission.
 */
public record ApplicationChoice(Kind kind, DegreeType degreeType, boolean commitmentLetter, Round round) {

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
