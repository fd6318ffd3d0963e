package cn.gradflow.selfstudy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import cn.gradflow.checks.Finding;

/**
 * R-SS-01: the eight conditions of self-study graduation registration (韶关 notice), each a
 * blocking finding with the evidence; plain Java for the self-study process to call.
 */
public final class SelfStudyConditions {

    private static final String RULE = "R-SS-01";

    private SelfStudyConditions() {
    }

    public static List<Finding> check(SelfStudyFacts f, LocalDate applicationDay) {
        List<Finding> findings = new ArrayList<>();
        // 1. every required course passed
        for (String course : f.missingRequiredCourses()) {
            findings.add(Finding.blocking(RULE, "REQUIRED_COURSE_MISSING", "必考课程未合格：" + course, "专业 " + f.major()));
        }
        // 2. elective credits met
        if (f.electiveCreditsEarned() < f.electiveCreditsRequired()) {
            findings.add(Finding.blocking(RULE, "ELECTIVE_CREDITS_SHORT", "选考课程学分不足",
                    "已获 " + f.electiveCreditsEarned() + " 学分，需 " + f.electiveCreditsRequired() + " 学分"));
        }
        // 3. extra bachelor courses met
        for (String course : f.missingBachelorCourses()) {
            findings.add(Finding.blocking(RULE, "BACHELOR_EXTRA_COURSE_MISSING", "本科加考课程未合格：" + course, null));
        }
        // 4. practice / thesis of the same major and examining university as the application
        if (f.practiceMajor() == null) {
            findings.add(Finding.blocking(RULE, "PRACTICE_MISSING", "实践考核/毕业论文未合格", null));
        } else if (!f.practiceMajor().equals(f.major()) || !f.practiceUniversity().equals(f.examiningUniversity())) {
            findings.add(Finding.blocking(RULE, "PRACTICE_MISMATCH", "实践考核/毕业论文的专业或主考学校与申请不一致",
                    "实践 " + f.practiceMajor() + "（" + f.practiceUniversity() + "），申请 " + f.major() + "（"
                            + f.examiningUniversity() + "）"));
        }
        // 5. a postponement for an exam violation served
        if (f.violationPostponedUntil() != null && !applicationDay.isAfter(f.violationPostponedUntil())) {
            findings.add(Finding.blocking(RULE, "VIOLATION_POSTPONEMENT", "考试违规处理的推迟毕业期限未满",
                    "推迟至 " + f.violationPostponedUntil() + "，申请日 " + applicationDay));
        }
        // 6. major-specific conditions
        for (String condition : f.missingMajorConditions()) {
            findings.add(Finding.blocking(RULE, "MAJOR_CONDITION_MISSING", "专业特殊要求未满足：" + condition, null));
        }
        // 7. no certificate already for this major
        if (f.alreadyCertified()) {
            findings.add(Finding.blocking(RULE, "ALREADY_CERTIFIED", "该专业已取得毕业证书，不能重复办理", "专业 " + f.major()));
        }
        // 8. character assessment passed
        if (f.characterAssessment() == null) {
            findings.add(Finding.blocking(RULE, "CHARACTER_ASSESSMENT_MISSING", "思想品德鉴定表未交回（须由有关单位签署意见）", null));
        } else if (!f.characterAssessment()) {
            findings.add(Finding.blocking(RULE, "CHARACTER_ASSESSMENT_FAILED", "思想品德鉴定不合格", null));
        }
        return findings;
    }
}
