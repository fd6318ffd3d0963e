package cn.gradflow.selfstudy;

import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.gradflow.checks.Finding;

import static org.assertj.core.api.Assertions.assertThat;

class SelfStudyConditionsTest {

    private static final LocalDate APPLIED = LocalDate.of(2023, 6, 16);

    private static SelfStudyFacts eligible() {
        return new SelfStudyFacts("010123456789", "汉语言文学", "中山大学", List.of(), 12, 12, List.of(), "汉语言文学",
                "中山大学", null, List.of(), false, true);
    }

    private static SelfStudyFacts with(UnaryOperator<Object[]> change) {
        SelfStudyFacts e = eligible();
        Object[] v = {e.candidateNo(), e.major(), e.examiningUniversity(), e.missingRequiredCourses(),
                e.electiveCreditsEarned(), e.electiveCreditsRequired(), e.missingBachelorCourses(), e.practiceMajor(),
                e.practiceUniversity(), e.violationPostponedUntil(), e.missingMajorConditions(), e.alreadyCertified(),
                e.characterAssessment()};
        v = change.apply(v);
        return new SelfStudyFacts((String) v[0], (String) v[1], (String) v[2], (List<String>) v[3], (int) v[4], (int) v[5],
                (List<String>) v[6], (String) v[7], (String) v[8], (LocalDate) v[9], (List<String>) v[10], (boolean) v[11],
                (Boolean) v[12]);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("全部满足", eligible(), ""),
                Arguments.of("必考课缺", with(v -> { v[3] = List.of("现代汉语"); return v; }), "REQUIRED_COURSE_MISSING"),
                Arguments.of("选考学分差 1", with(v -> { v[4] = 11; return v; }), "ELECTIVE_CREDITS_SHORT"),
                Arguments.of("选考学分恰好", with(v -> { v[4] = 12; return v; }), ""),
                Arguments.of("本科加考缺", with(v -> { v[6] = List.of("古代汉语"); return v; }), "BACHELOR_EXTRA_COURSE_MISSING"),
                Arguments.of("无毕业论文", with(v -> { v[7] = null; return v; }), "PRACTICE_MISSING"),
                Arguments.of("论文主考学校不同", with(v -> { v[8] = "华南师范大学"; return v; }), "PRACTICE_MISMATCH"),
                Arguments.of("违规推迟至申请日", with(v -> { v[9] = APPLIED; return v; }), "VIOLATION_POSTPONEMENT"),
                Arguments.of("违规推迟已满", with(v -> { v[9] = APPLIED.minusDays(1); return v; }), ""),
                Arguments.of("缺专业证书", with(v -> { v[10] = List.of("护士执业资格证"); return v; }), "MAJOR_CONDITION_MISSING"),
                Arguments.of("已发证", with(v -> { v[11] = true; return v; }), "ALREADY_CERTIFIED"),
                Arguments.of("鉴定未交", with(v -> { v[12] = null; return v; }), "CHARACTER_ASSESSMENT_MISSING"),
                Arguments.of("鉴定不合格", with(v -> { v[12] = false; return v; }), "CHARACTER_ASSESSMENT_FAILED"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("cases")
    void eightConditions(String name, SelfStudyFacts facts, String expected) {
        List<Finding> findings = SelfStudyConditions.check(facts, APPLIED);
        assertThat(String.join(" ", findings.stream().map(Finding::code).toList())).isEqualTo(expected);
        assertThat(findings).allMatch(f -> f.rule().equals("R-SS-01") && f.isBlocking());
    }
}
