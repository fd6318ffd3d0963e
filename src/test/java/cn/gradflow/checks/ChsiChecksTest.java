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

    @ParameterizedTest(name = "初审：分部通知提前拦截 {0}，身份存疑 {1}，录取照片 {2}，学历照片 {3} → 须整改 [{4}]，预警 [{5}]")
    @CsvSource({
            // 生命健康学院: 学信网缺少录取照片或学历照片的学生不能通过总部、学院毕业审核
            "true, false, false, true, CHSI_ADMISSION_PHOTO_MISSING, ''",
            "true, false, true, false, CHSI_ACADEMIC_PHOTO_MISSING, ''",
            "true, false, false, false, CHSI_ADMISSION_PHOTO_MISSING CHSI_ACADEMIC_PHOTO_MISSING, ''",
            // R-ID-01 stays a warning: identity review handles it
            "true, true, true, false, CHSI_ACADEMIC_PHOTO_MISSING, IDENTITY_DOUBTFUL",
            "true, false, true, true, '', ''",
            // 广东 and every other branch: R-ID-02 blocks at HQ only
            "false, false, false, true, '', CHSI_ADMISSION_PHOTO_MISSING",
            "false, false, true, false, '', CHSI_ACADEMIC_PHOTO_MISSING",
            "false, true, true, false, '', IDENTITY_DOUBTFUL CHSI_ACADEMIC_PHOTO_MISSING"})
    void initialAuditBlocksMissingChsiPhotoWhereTheBranchSaysSo(boolean branchBlocks, boolean doubtful, boolean admission,
                                                                boolean academic, String blocking, String warnings) {
        List<Finding> findings = ChsiChecks.initialAudit(new ChsiStatus(doubtful, admission, academic, false), branchBlocks);
        assertThat(codes(findings.stream().filter(Finding::isBlocking).toList())).isEqualTo(blocking);
        assertThat(codes(findings.stream().filter(f -> !f.isBlocking()).toList())).isEqualTo(warnings);
        assertThat(findings).filteredOn(Finding::isBlocking).allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo("R-ID-02");
            assertThat(f.message()).contains("不能通过总部、学院毕业审核").doesNotContain("总部终审将不予通过");
        });
        // HQ's final check does not depend on the branch
        assertThat(ChsiChecks.finalReview(new ChsiStatus(doubtful, admission, academic, false))).allMatch(Finding::isBlocking);
    }

    @org.junit.jupiter.api.Test
    void unknownToChsiBlocksTheInitialAuditWhereTheBranchSaysSoAndOnlyWarnsElsewhere() {
        assertThat(ChsiChecks.initialAudit(null, true)).singleElement()
                .satisfies(f -> assertThat(f.isBlocking()).isTrue()).extracting(Finding::code).isEqualTo("CHSI_RECORD_MISSING");
        assertThat(ChsiChecks.initialAudit(null, false)).singleElement()
                .satisfies(f -> assertThat(f.isBlocking()).isFalse());
    }

    private static String codes(List<Finding> findings) {
        return String.join(" ", findings.stream().map(Finding::code).toList());
    }

    @ParameterizedTest(name = "R-ID-03 平台照片 {0}，学信网学历照片 {1} → {2}")
    @CsvSource({"true, true, ''", "false, true, PLATFORM_PHOTO_MISSING", "true, false, CHSI_PHOTO_MISSING", "false, false, ''"})
    void photoStateMismatchesComeWithAdvice(boolean platform, boolean chsiPhoto, String expected) {
        List<Finding> findings = ChsiChecks.photoStates(platform, new ChsiStatus(false, true, chsiPhoto, false));
        assertThat(String.join(" ", findings.stream().map(Finding::code).toList())).isEqualTo(expected);
        assertThat(findings).allMatch(f -> f.rule().equals("R-ID-03") && f.message().contains("请"));
    }
}
