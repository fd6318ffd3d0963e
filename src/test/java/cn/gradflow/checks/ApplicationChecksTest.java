package cn.gradflow.checks;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.gradflow.batch.Round;
import cn.gradflow.checks.ApplicationChoice.DegreeType;
import cn.gradflow.checks.ApplicationChoice.Kind;
import cn.gradflow.roster.Level;

import static cn.gradflow.checks.EligibilityChecksTest.rules;
import static org.assertj.core.api.Assertions.assertThat;

class ApplicationChecksTest {

    @ParameterizedTest(name = "R-EL-08 合作学位（coop-degree.dmn）{0}，{1} → {2}")
    @CsvSource({
            "工商管理, FIRST, ''",
            "工商管理, SECOND, ''",
            "会计学, FIRST, ''",
            "会计学, SECOND, COOP_DEGREE_NOT_IN_THIS_ROUND",
            "市场营销, FIRST, ''",
            "市场营销, SECOND, COOP_DEGREE_NOT_IN_THIS_ROUND",
            "计算机科学与技术, FIRST, COOP_DEGREE_NOT_ALLOWED"})
    void cooperativeDegree(String majorName, Round round, String expected) {
        FactsBuilder f = new FactsBuilder().apply(Kind.GRADUATION_DEGREE, DegreeType.COOP, true, round);
        f.majorName = majorName;
        assertThat(String.join(" ", ApplicationChecks.check(f.build()).stream().map(Finding::code).toList())).isEqualTo(expected);
    }

    /**
     * R-EL-08: the round that counts is the one the application is submitted in, read from the branch's
     * calendar on the day of submission (首批 2025-12-01–12-20, 第二批 2026-03-01–03-31 in {@link FactsBuilder}),
     * whatever round the case started in.
     */
    @ParameterizedTest(name = "R-EL-08 {0} 合作学位，提交于 {1} → {2}")
    @CsvSource({
            "会计学, 2025-12-01, ''",                              // first day of 首批
            "会计学, 2025-12-20, ''",                              // last day of 首批
            "会计学, 2026-03-01, COOP_DEGREE_NOT_IN_THIS_ROUND",   // first day of 第二批
            "市场营销, 2025-12-20, ''",
            "市场营销, 2026-03-01, COOP_DEGREE_NOT_IN_THIS_ROUND",
            "市场营销, 2026-03-31, COOP_DEGREE_NOT_IN_THIS_ROUND",
            "工商管理, 2026-03-01, ''",
            "工商管理, 2026-03-31, ''"})
    void cooperativeDegreeByTheRoundOfSubmission(String majorName, java.time.LocalDate submittedOn, String expected) {
        FactsBuilder f = new FactsBuilder();
        f.majorName = majorName;
        Round submittedIn = f.build().calendar().openRoundOn(submittedOn).orElseThrow();
        f.apply(Kind.GRADUATION_DEGREE, DegreeType.COOP, true, submittedIn);
        List<Finding> findings = ApplicationChecks.check(f.build());
        assertThat(String.join(" ", findings.stream().map(Finding::code).toList())).isEqualTo(expected);
        findings.forEach(x -> assertThat(x.evidence()).isEqualTo(majorName + "，申请提交于第二批"));
    }

    @ParameterizedTest(name = "R-EL-08 学位：层次 {0}，可授学位 {1}，符合学位条件 {2}，类型 {3} → 阻断 {4}")
    @CsvSource({
            "BACHELOR, true, true, OUC, false",
            "BACHELOR, true, false, OUC, true",
            "BACHELOR, true, true, , true",
            "JUNIOR, false, true, OUC, true",
            "BACHELOR, false, true, OUC, true"})
    void degreeConditions(Level level, boolean available, boolean eligible, DegreeType type, boolean blocked) {
        FactsBuilder f = new FactsBuilder().apply(Kind.GRADUATION_DEGREE, type, true, Round.FIRST);
        f.level = level;
        f.degreeAvailable = available;
        f.degreeEligible = eligible;
        assertThat(ApplicationChecks.check(f.build()).stream().anyMatch(Finding::isBlocking)).isEqualTo(blocked);
    }

    @ParameterizedTest(name = "R-EL-09 层次 {0}，{1}，承诺书 {2} → 阻断 {3}")
    @CsvSource({
            "BACHELOR, GRADUATION, false, true",
            "BACHELOR, GRADUATION, true, false",
            "BACHELOR, DEFERRED, false, false",
            "JUNIOR, GRADUATION, false, false"})
    void commitmentLetter(Level level, Kind kind, boolean letter, boolean blocked) {
        FactsBuilder f = new FactsBuilder().apply(kind, null, letter, Round.FIRST);
        f.level = level;
        assertThat(rules(ApplicationChecks.check(f.build()))).isEqualTo(blocked ? List.of("R-EL-09") : List.of());
    }

    @Test
    void nothingToCheckBeforeTheCentreApplies() {
        assertThat(ApplicationChecks.check(new FactsBuilder().build())).isEmpty();
    }
}
