package cn.gradflow.checks;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.gradflow.checks.PhotoComparison.Pair;
import cn.gradflow.checks.PhotoComparison.Result;

import static org.assertj.core.api.Assertions.assertThat;

/** R-PH-03 and R-ID-04: the branch reviewer's decision and photo comparison → where the case goes. */
class PhotoComparisonTest {

    @ParameterizedTest(name = "{0}，学历照片比对 {1}（可比 {2}），录取照片比对 {3}（可比 {4}） → {5} [{6}]")
    @CsvSource({
            // both pairs stored and compared
            "APPROVE, MATCH, true, MATCH, true, APPROVE, ''",
            "REJECT, MATCH, true, MATCH, true, CORRECTION, ''",
            // R-PH-03: the platform photo is not the CHSI academic photo → 整改
            "REJECT, MISMATCH, true, MATCH, true, CORRECTION, R-PH-03",
            // R-ID-04: the admission photo is not the graduation photo → 身份复核, whatever else
            "REJECT, MATCH, true, MISMATCH, true, IDENTITY_REVIEW, R-ID-04",
            "REJECT, MISMATCH, true, MISMATCH, true, IDENTITY_REVIEW, R-PH-03 R-ID-04",
            // a photo missing: nothing to compare, the decision alone routes
            "APPROVE, NO_PHOTO, false, NO_PHOTO, false, APPROVE, ''",
            "REJECT, NO_PHOTO, false, NO_PHOTO, false, CORRECTION, ''",
            "APPROVE, MATCH, true, NO_PHOTO, false, APPROVE, ''",
            "REJECT, NO_PHOTO, false, MISMATCH, true, IDENTITY_REVIEW, R-ID-04",
            // unanswered where a photo is missing: 无可比对照片, the only answer (bulk decisions give none)
            "APPROVE, , false, , false, APPROVE, ''",
            "REJECT, MATCH, true, , false, CORRECTION, ''"})
    void decisionAndComparisonGiveTheRoute(String decision, Result academic, boolean academicStored, Result admission,
                                           boolean admissionStored, PhotoComparison.Route route, String rules) {
        PhotoComparison.Outcome outcome = PhotoComparison.decide("APPROVE".equals(decision),
                results(academic, admission), comparable(academicStored, admissionStored), "  ");
        assertThat(outcome.refused()).as(outcome.refusal()).isFalse();
        assertThat(outcome.route()).isEqualTo(route);
        assertThat(String.join(" ", EligibilityChecksTest.rules(outcome.findings()))).isEqualTo(rules);
        assertThat(outcome.findings()).allMatch(Finding::isBlocking).allMatch(f -> f.evidence() == null);
        assertThat(outcome.summary()).contains("R-PH-03 平台毕业照片与学信网学历照片：" + (academic == null ? "无可比对照片" : academic.label()))
                .contains("R-ID-04 录取照片与毕业照片：" + (admission == null ? "无可比对照片" : admission.label()));
    }

    @ParameterizedTest(name = "{0}，学历照片比对 {1}（可比 {2}），录取照片比对 {3}（可比 {4}） → 拒绝：{5}")
    @CsvSource({
            // an approve with 不一致 is impossible
            "APPROVE, MISMATCH, true, MATCH, true, 平台毕业照片与学信网学历照片比对不一致，不能审核通过（R-PH-03）",
            "APPROVE, MATCH, true, MISMATCH, true, 录取照片与毕业照片比对不一致，不能审核通过（R-ID-04）",
            "APPROVE, MISMATCH, true, MISMATCH, true, 不能审核通过（R-PH-03）",
            // 无可比对照片 only where a photo is missing, and a comparison only where both are there
            "APPROVE, NO_PHOTO, true, MATCH, true, 须比对后选择一致或不一致（R-PH-03）",
            "REJECT, MATCH, true, NO_PHOTO, true, 须比对后选择一致或不一致（R-ID-04）",
            "APPROVE, MATCH, false, NO_PHOTO, false, 须选择无可比对照片（R-PH-03）",
            "REJECT, NO_PHOTO, false, MISMATCH, false, 须选择无可比对照片（R-ID-04）",
            // unanswered
            "APPROVE, , true, MATCH, true, 须比对照片并填写结果（R-PH-03",
            "REJECT, MATCH, true, , true, 须比对照片并填写结果（R-ID-04"})
    void impossibleRecordsAreRefused(String decision, Result academic, boolean academicStored, Result admission,
                                     boolean admissionStored, String refusal) {
        PhotoComparison.Outcome outcome = PhotoComparison.decide("APPROVE".equals(decision),
                results(academic, admission), comparable(academicStored, admissionStored), null);
        assertThat(outcome.refused()).isTrue();
        assertThat(outcome.refusal()).contains(refusal);
        assertThat(outcome.route()).isNull();
        assertThat(outcome.findings()).isEmpty();
    }

    @Test
    void theNoteIsTheFindingsEvidenceAndTheMessagesSayWhatToDo() {
        PhotoComparison.Outcome outcome = PhotoComparison.decide(false, results(Result.MISMATCH, Result.MISMATCH),
                EnumSet.allOf(Pair.class), " 发型、脸型均不同 ");
        List<Finding> findings = outcome.findings();
        assertThat(findings).extracting(Finding::code).containsExactly("ACADEMIC_PHOTO_MISMATCH", "ADMISSION_PHOTO_MISMATCH");
        assertThat(findings).allMatch(f -> f.evidence().equals("比对说明：发型、脸型均不同"));
        assertThat(findings.get(0).describe()).startsWith("【须整改】R-PH-03 ").contains("废证").contains("同版");
        assertThat(findings.get(1).describe()).startsWith("【须整改】R-ID-04 ").contains("身份复核");
    }

    private static Map<Pair, Result> results(Result academic, Result admission) {
        Map<Pair, Result> results = new EnumMap<>(Pair.class);
        if (academic != null) {
            results.put(Pair.ACADEMIC, academic);
        }
        if (admission != null) {
            results.put(Pair.ADMISSION, admission);
        }
        return results;
    }

    private static Set<Pair> comparable(boolean academic, boolean admission) {
        Set<Pair> pairs = EnumSet.noneOf(Pair.class);
        if (academic) {
            pairs.add(Pair.ACADEMIC);
        }
        if (admission) {
            pairs.add(Pair.ADMISSION);
        }
        return pairs;
    }
}
