package cn.gradflow.selfstudy;

import java.time.LocalDate;
import java.util.List;

/**
 * What the provincial exam office knows of a self-study candidate applying for graduation
 * registration (自学考试毕业登记, DOMAIN.md §8), as the R-SS-01 check needs it.
 *
 * @param missingRequiredCourses   required courses (必考课) without a pass
 * @param electiveCreditsEarned    elective credits passed (选考课学分)
 * @param electiveCreditsRequired  the major's elective requirement
 * @param missingBachelorCourses   extra courses a bachelor candidate must pass (加考课), empty if none
 * @param practiceMajor            major of the passed practice / thesis (实践考核/毕业论文), null if none
 * @param practiceUniversity       examining university (主考学校) of the practice / thesis
 * @param violationPostponedUntil  end of a postponement for an exam violation, null if none
 * @param missingMajorConditions   major-specific conditions not met (e.g. a professional certificate)
 * @param alreadyCertified         a certificate was already issued for this major
 * @param characterAssessment      the unit's character assessment (思想品德鉴定): null not yet returned
 */
public record SelfStudyFacts(String candidateNo, String major, String examiningUniversity,
                             List<String> missingRequiredCourses, int electiveCreditsEarned, int electiveCreditsRequired,
                             List<String> missingBachelorCourses, String practiceMajor, String practiceUniversity,
                             LocalDate violationPostponedUntil, List<String> missingMajorConditions,
                             boolean alreadyCertified, Boolean characterAssessment) {
}
