package cn.gradflow.checks;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.gradflow.batch.Round;
import cn.gradflow.checks.ApplicationChoice.DegreeType;
import cn.gradflow.checks.ApplicationChoice.Kind;
import cn.gradflow.roster.Level;
import cn.gradflow.roster.Major.CoopDegree;

import static cn.gradflow.checks.EligibilityChecksTest.rules;
import static org.assertj.core.api.Assertions.assertThat;

class ApplicationChecksTest {

    @ParameterizedTest(name = "R-EL-08 合作学位规则 {0}，{1} → 阻断 {2}")
    @CsvSource({
            "ANY_ROUND, FIRST, false",         // 工商管理
            "ANY_ROUND, SECOND, false",
            "FIRST_ROUND_ONLY, FIRST, false",  // 会计学、市场营销 in round 1
            "FIRST_ROUND_ONLY, SECOND, true",  // ... not in round 2
            "NONE, FIRST, true"})              // every other major
    void cooperativeDegree(CoopDegree coop, Round round, boolean blocked) {
        FactsBuilder f = new FactsBuilder().apply(Kind.GRADUATION_DEGREE, DegreeType.COOP, true, round);
        f.coop = coop;
        assertThat(rules(ApplicationChecks.check(f.build()))).isEqualTo(blocked ? List.of("R-EL-08") : List.of());
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
