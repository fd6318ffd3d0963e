package cn.gradflow.checks;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.gradflow.roster.ChsiStatus;

import static cn.gradflow.checks.EligibilityChecksTest.rules;
import static org.assertj.core.api.Assertions.assertThat;

class ChsiChecksTest {

    @ParameterizedTest(name = "身份存疑 {0}，录取照片 {1}，学历照片 {2}，照片存疑 {3} → {4}")
    @CsvSource({
            "false, true, true, false, ''",
            "true, true, true, false, R-ID-01",
            "false, false, true, false, R-ID-02",
            "false, true, false, false, R-ID-02",
            "false, true, true, true, R-ID-03",
            "true, false, false, false, R-ID-01 R-ID-02 R-ID-02"})
    void finalReviewBlocks(boolean doubtful, boolean admission, boolean academic, boolean photoDoubtful, String expected) {
        List<Finding> findings = ChsiChecks.finalReview(new ChsiStatus(doubtful, admission, academic, photoDoubtful));
        assertThat(String.join(" ", rules(findings))).isEqualTo(expected);
        assertThat(findings).allMatch(Finding::isBlocking);
    }

    @org.junit.jupiter.api.Test
    void unknownToChsiBlocksFinalReview() {
        assertThat(rules(ChsiChecks.finalReview(null))).containsExactly("R-ID-02");
    }

    @ParameterizedTest(name = "初审预警：身份存疑 {0}，学历照片 {1} → {2}")
    @CsvSource({"true, true, R-ID-01", "false, false, R-ID-02", "false, true, ''"})
    void initialAuditWarnsOfWhatWillBlockAtHq(boolean doubtful, boolean academic, String expected) {
        List<Finding> findings = ChsiChecks.initialAudit(new ChsiStatus(doubtful, true, academic, false));
        assertThat(String.join(" ", rules(findings))).isEqualTo(expected);
        assertThat(findings).noneMatch(Finding::isBlocking);
    }

    @ParameterizedTest(name = "R-ID-03 平台照片 {0}，学信网学历照片 {1} → {2}")
    @CsvSource({"true, true, ''", "false, true, PLATFORM_PHOTO_MISSING", "true, false, CHSI_PHOTO_MISSING", "false, false, ''"})
    void photoStateMismatchesComeWithAdvice(boolean platform, boolean chsiPhoto, String expected) {
        List<Finding> findings = ChsiChecks.photoStates(platform, new ChsiStatus(false, true, chsiPhoto, false));
        assertThat(String.join(" ", findings.stream().map(Finding::code).toList())).isEqualTo(expected);
        assertThat(findings).allMatch(f -> f.rule().equals("R-ID-03") && f.message().contains("请"));
    }
}
