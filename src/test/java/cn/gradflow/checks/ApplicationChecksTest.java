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

    /**
     * R-EL-09: the application is what the student signed (广东 202401: 严禁学习中心代学生做主). Bachelor,
     * a letter received; what was applied for against what the letter wishes. A 合作 wish is checked in
     * 工商管理 (R-EL-08 allows it), so only R-EL-09 speaks.
     */
    @ParameterizedTest(name = "R-EL-09 申请 {0}/{1}，承诺书 {2}/{3} → {4}")
    @CsvSource({
            // matches
            "GRADUATION,        ,    GRADUATION,        ,    ''",
            "GRADUATION_DEGREE, OUC, GRADUATION_DEGREE, OUC, ''",
            "GRADUATION_DEGREE, COOP, GRADUATION_DEGREE, COOP, ''",
            // a degree type chosen with 仅申请毕业 is not read: the kind is what differs
            "GRADUATION,        OUC, GRADUATION,        ,    ''",
            // kind differs from the letter
            "GRADUATION_DEGREE, OUC, GRADUATION,        ,    COMMITMENT_LETTER_KIND_MISMATCH",
            "GRADUATION,        ,    GRADUATION_DEGREE, OUC, COMMITMENT_LETTER_KIND_MISMATCH",
            "GRADUATION,        ,    GRADUATION_DEGREE, COOP, COMMITMENT_LETTER_KIND_MISMATCH",
            // degree type differs from the letter
            "GRADUATION_DEGREE, OUC, GRADUATION_DEGREE, COOP, COMMITMENT_LETTER_DEGREE_TYPE_MISMATCH",
            "GRADUATION_DEGREE, COOP, GRADUATION_DEGREE, OUC, COMMITMENT_LETTER_DEGREE_TYPE_MISMATCH",
            // letter received but its wishes not recorded
            "GRADUATION,        ,    ,                  ,    COMMITMENT_LETTER_WISH_MISSING",
            "GRADUATION_DEGREE, OUC, GRADUATION_DEGREE, ,    COMMITMENT_LETTER_WISH_MISSING"})
    void applicationMatchesTheLetter(Kind kind, DegreeType type, Kind letterKind, DegreeType letterType, String expected) {
        FactsBuilder f = new FactsBuilder().apply(kind, type, true, letterKind, letterType, Round.FIRST);
        f.majorName = "工商管理";
        List<Finding> findings = ApplicationChecks.check(f.build());
        assertThat(String.join(" ", findings.stream().map(Finding::code).toList())).isEqualTo(expected);
        findings.forEach(x -> {
            assertThat(x.rule()).isEqualTo("R-EL-09");
            assertThat(x.isBlocking()).isTrue();
            assertThat(x.message()).contains("承诺书");
        });
    }

    @Test
    void aMismatchSaysWhatTheLetterAndTheApplicationSay() {
        FactsBuilder f = new FactsBuilder().apply(Kind.GRADUATION_DEGREE, DegreeType.OUC, true, Kind.GRADUATION, null, Round.FIRST);
        Finding finding = ApplicationChecks.check(f.build()).get(0);
        assertThat(finding.message()).isEqualTo("申请类型与学生本人签署的承诺书不一致，严禁代学生做主，请按承诺书申请");
        assertThat(finding.evidence()).isEqualTo("承诺书：仅申请毕业；申请：申请毕业并申请学位（国开学位）");
    }

    @Test
    void aJuniorApplicationNeedsNoLetterWishes() {
        FactsBuilder f = new FactsBuilder().apply(Kind.GRADUATION, null, true, Kind.GRADUATION_DEGREE, DegreeType.OUC, Round.FIRST);
        f.level = Level.JUNIOR;
        assertThat(ApplicationChecks.check(f.build())).isEmpty();
    }

    @Test
    void nothingToCheckBeforeTheCentreApplies() {
        assertThat(ApplicationChecks.check(new FactsBuilder().build())).isEmpty();
    }
}
