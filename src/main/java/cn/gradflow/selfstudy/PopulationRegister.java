package cn.gradflow.selfstudy;

/**
 * The identity check against the population register (公安人口库) the provincial system runs when a
 * candidate applies. A technical failure (the register unreachable) is an exception: the step retries
 * and becomes an incident; a mismatch is an answer.
 */
public interface PopulationRegister {

    /** Whether the register knows this ID number with this name, sex and birth date; the reason if not. */
    Verdict verify(SelfStudyCandidate candidate);

    record Verdict(boolean matched, String reason) {

        public static Verdict match() {
            return new Verdict(true, null);
        }

        public static Verdict mismatch(String reason) {
            return new Verdict(false, reason);
        }
    }
}
