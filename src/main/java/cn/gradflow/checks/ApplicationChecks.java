package cn.gradflow.checks;

import java.util.ArrayList;
import java.util.List;

import cn.gradflow.batch.Round;
import cn.gradflow.roster.Level;
import cn.gradflow.roster.Major;

/** What the learning centre chose for the student: degree rules (R-EL-08) and the commitment letter (R-EL-09). */
public final class ApplicationChecks {

    private ApplicationChecks() {
    }

    public static List<Finding> check(CaseFacts facts) {
        ApplicationChoice choice = facts.choice();
        if (choice == null || choice.kind() == ApplicationChoice.Kind.DEFERRED) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        findings.addAll(degree(facts, choice));
        findings.addAll(commitmentLetter(facts, choice));
        return findings;
    }

    /** R-EL-08: a degree is applied for only in a bachelor (本科) major that awards one; never for 专科. */
    public static boolean degreeOffered(Major major) {
        return major.level() == Level.BACHELOR && major.degreeAvailable();
    }

    /** R-EL-08: the refusal of a degree application where {@link #degreeOffered} is false, as the clerk reads it. */
    public static String degreeRefusal(Major major) {
        return "R-EL-08：" + major.name() + "（" + major.level().label() + "）不能申请学位，请选择「申请毕业」";
    }

    /**
     * R-EL-08: bachelor only; the student meets the degree conditions; 合作 only where the decision
     * table {@code coop-degree.dmn} allows it for the major and round. The round is the one the
     * application was submitted in ({@link ApplicationChoice#round()}), not the one the case started in.
     */
    static List<Finding> degree(CaseFacts facts, ApplicationChoice choice) {
        if (choice.kind() != ApplicationChoice.Kind.GRADUATION_DEGREE) {
            return List.of();
        }
        Major major = facts.major();
        if (!degreeOffered(major)) {
            return List.of(Finding.blocking("R-EL-08", "DEGREE_NOT_OFFERED", "该专业不能申请学位，请改为仅申请毕业",
                    major.name() + "（" + major.level().label() + "）"));
        }
        List<Finding> findings = new ArrayList<>();
        if (!facts.student().degreeEligible()) {
            findings.add(Finding.blocking("R-EL-08", "DEGREE_CONDITIONS_NOT_MET", "未达到学位授予条件，请改为仅申请毕业或暂缓毕业",
                    "学位条件审核：不符合"));
        }
        if (choice.degreeType() == null) {
            findings.add(Finding.blocking("R-EL-08", "DEGREE_TYPE_MISSING", "申请学位须选择学位类型（国开/合作）", null));
        } else if (choice.degreeType() == ApplicationChoice.DegreeType.COOP
                && !CoopDegreeTable.allowed(major.name(), choice.round())) {
            boolean inAnotherRound = java.util.Arrays.stream(Round.values()).anyMatch(r -> CoopDegreeTable.allowed(major.name(), r));
            findings.add(inAnotherRound
                    ? Finding.blocking("R-EL-08", "COOP_DEGREE_NOT_IN_THIS_ROUND", "该专业本轮不能申请合作学位，请改选国开学位或仅申请毕业",
                            major.name() + "，申请提交于" + choice.round().label())
                    : Finding.blocking("R-EL-08", "COOP_DEGREE_NOT_ALLOWED", "该专业不能选择合作学位", major.name()));
        }
        return findings;
    }

    /**
     * R-EL-09: a bachelor application needs the student's signed commitment letter (承诺书), and applies
     * for what the student wished in it: 仅申请毕业, or 申请毕业并申请学位 with the degree type (国开/合作).
     * 广东 202401: 严禁学习中心代学生做主 — an application other than the letter is a blocking finding.
     */
    static List<Finding> commitmentLetter(CaseFacts facts, ApplicationChoice choice) {
        if (facts.major().level() != Level.BACHELOR) {
            return List.of();
        }
        if (!choice.commitmentLetter()) {
            return List.of(Finding.blocking("R-EL-09", "COMMITMENT_LETTER_MISSING", "本科申请须有学生本人签署的承诺书（毕业与学位意愿由学生本人决定）",
                    "未确认收到承诺书"));
        }
        ApplicationChoice.Kind wished = choice.letterKind();
        ApplicationChoice.DegreeType wishedType = choice.letterDegreeType();
        String letter = "承诺书：" + ApplicationChoice.letterLabel(wished, wishedType);
        String applied = "申请：" + ApplicationChoice.letterLabel(choice.kind(), choice.degreeType());
        if (wished == null || wished == ApplicationChoice.Kind.GRADUATION_DEGREE && wishedType == null) {
            return List.of(Finding.blocking("R-EL-09", "COMMITMENT_LETTER_WISH_MISSING",
                    "须按承诺书记录学生本人的意愿（仅申请毕业，或申请毕业并申请学位及学位类型）", letter));
        }
        if (wished != choice.kind()) {
            return List.of(Finding.blocking("R-EL-09", "COMMITMENT_LETTER_KIND_MISMATCH",
                    "申请类型与学生本人签署的承诺书不一致，严禁代学生做主，请按承诺书申请", letter + "；" + applied));
        }
        if (wished == ApplicationChoice.Kind.GRADUATION_DEGREE && choice.degreeType() != null && choice.degreeType() != wishedType) {
            return List.of(Finding.blocking("R-EL-09", "COMMITMENT_LETTER_DEGREE_TYPE_MISMATCH",
                    "学位类型与学生本人签署的承诺书不一致，严禁代学生做主，请按承诺书选择学位类型", letter + "；" + applied));
        }
        return List.of();
    }
}
