package cn.gradflow.selfstudy;

import java.time.LocalDate;

/** A self-study candidate as the provincial system holds them ({@code ss_candidate}). */
public record SelfStudyCandidate(String candidateNo, String name, String sex, String idNumber, boolean nonMainlandId,
                                 LocalDate birthDate, String level, String majorCode, String majorName,
                                 String examiningUniversity, String cityOffice, String userId, boolean recordChangePending,
                                 boolean freshGraduate, boolean foreignPriorDegree, boolean identityChanged,
                                 int electiveCreditsEarned, int electiveCreditsRequired, String practiceMajor,
                                 String practiceUniversity, LocalDate violationPostponedUntil, boolean alreadyCertified,
                                 String phone) {

    public static final String BACHELOR = "BENKE";

    public boolean bachelor() {
        return BACHELOR.equals(level);
    }

    public String levelLabel() {
        return bachelor() ? "本科" : "专科";
    }
}
