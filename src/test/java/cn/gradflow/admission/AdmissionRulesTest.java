package cn.gradflow.admission;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import cn.gradflow.admission.AdmissionReviewProcess.Kind;
import cn.gradflow.admission.AdmissionReviewProcess.Step;
import cn.gradflow.checks.Finding;

import static org.assertj.core.api.Assertions.assertThat;

/** Table tests of the 北京 notice's rules (R-ID-04 … R-ID-07), as {@link AdmissionRules} states them. */
class AdmissionRulesTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "null", value = {
            "26110101000195, null",
            "ABC123,         null",
            "12345678901234567890, null",
            "null,           NO_CANDIDATE_NO",
            "'   ',          NO_CANDIDATE_NO",
            "12345,          BAD_CANDIDATE_NO",
            "123456789012345678901, BAD_CANDIDATE_NO",
            "2611-0101,      BAD_CANDIDATE_NO",
            "考生号123456,    BAD_CANDIDATE_NO"})
    void candidateNumbers(String candidateNo, String code) {
        assertThat(AdmissionRules.candidateNoProblem(candidateNo).map(Finding::code).orElse(null)).isEqualTo(code);
        AdmissionRules.candidateNoProblem(candidateNo).ifPresent(f -> assertThat(f.rule()).isEqualTo("R-ID-05"));
    }

    static Stream<Arguments> starts() {
        return Stream.of(
                // kind, offices, impostor, open case, graduation photo, candidate no → rule, code
                Arguments.of(Kind.PHOTO_COMPARISON, true, false, false, true, true, null, null),
                Arguments.of(Kind.PHOTO_COMPARISON, false, false, false, true, true, "R-ID-04", "NO_ADMISSION_OFFICES"),
                Arguments.of(Kind.PHOTO_COMPARISON, true, true, false, true, true, "R-ID-04", "IMPOSTOR"),
                Arguments.of(Kind.PRIOR_DEGREE, true, true, false, true, true, "R-ID-04", "IMPOSTOR"),
                Arguments.of(Kind.PHOTO_COMPARISON, true, false, true, true, true, "R-ID-04", "CASE_OPEN"),
                Arguments.of(Kind.PHOTO_COMPARISON, true, false, false, false, true, "R-ID-04", "NO_GRADUATION_PHOTO"),
                Arguments.of(Kind.PHOTO_COMPARISON, true, false, false, true, false, "R-ID-05", "NO_CANDIDATE_NO"),
                Arguments.of(Kind.PHOTO_CORRECTION, true, false, false, false, true, null, null),
                Arguments.of(Kind.PHOTO_CORRECTION, true, false, false, true, false, "R-ID-05", "NO_CANDIDATE_NO"),
                Arguments.of(Kind.PHOTO_CORRECTION, true, false, true, true, true, "R-ID-06", "CASE_OPEN"),
                Arguments.of(Kind.PRIOR_DEGREE, true, false, false, false, false, null, null),
                Arguments.of(Kind.PRIOR_DEGREE, true, false, true, false, false, "R-ID-07", "CASE_OPEN"));
    }

    @ParameterizedTest(name = "{0} offices={1} impostor={2} open={3} photo={4} candidate={5} → {7}")
    @MethodSource("starts")
    void startRefusals(Kind kind, boolean offices, boolean impostor, boolean open, boolean photo, boolean candidate,
                       String rule, String code) {
        var refusal = AdmissionRules.startRefusal(new AdmissionRules.StartFacts(kind, offices, impostor, open, photo, candidate));
        assertThat(refusal.map(Finding::code).orElse(null)).isEqualTo(code);
        assertThat(refusal.map(Finding::rule).orElse(null)).isEqualTo(rule);
        refusal.ifPresent(f -> assertThat(f.isBlocking()).isTrue());
    }

    @ParameterizedTest(name = "{0} {1} reason={2} replaced={3} uploaded={4} → {5}")
    @CsvSource(nullValues = "null", value = {
            // step, decision, reason, photo replaced, corrected photo uploaded → refusal code (null: accepted)
            "COMPARE_PHOTOS,           MATCH,       null, false, false, null",
            "COMPARE_PHOTOS,           match,       null, false, false, null",
            "COMPARE_PHOTOS,           MISMATCH,    null, false, false, REASON_REQUIRED",
            "COMPARE_PHOTOS,           MISMATCH,    脸型不同, false, false, null",
            "COMPARE_PHOTOS,           IMPOSTOR,    x,    false, false, BAD_DECISION",
            "COMPARE_PHOTOS,           null,        null, false, false, BAD_DECISION",
            "COMPARE_PHOTOS,           MAYBE,       null, false, false, BAD_DECISION",
            "VERIFY_IDENTITY,          SAME_PERSON, null, false, false, null",
            "VERIFY_IDENTITY,          IMPOSTOR,    null, false, false, REASON_REQUIRED",
            "VERIFY_IDENTITY,          IMPOSTOR,    他人代考, false, false, null",
            "VERIFY_IDENTITY,          NEW_PHOTO,   重新采集, false, false, PHOTO_NOT_REPLACED",
            "VERIFY_IDENTITY,          NEW_PHOTO,   重新采集, true,  false, null",
            "VERIFY_IDENTITY,          MATCH,       null, false, false, BAD_DECISION",
            "REVIEW_CORRECTED_PHOTO,   APPROVE,     null, false, false, NO_CORRECTED_PHOTO",
            "REVIEW_CORRECTED_PHOTO,   APPROVE,     null, false, true,  null",
            "REVIEW_CORRECTED_PHOTO,   REJECT,      null, false, true,  REASON_REQUIRED",
            "REVIEW_CORRECTED_PHOTO,   REJECT,      背景不符, false, false, null",
            "REVIEW_PRIOR_DEGREE,      APPROVE,     null, false, false, null",
            "REVIEW_PRIOR_DEGREE,      REJECT,      null, false, false, REASON_REQUIRED",
            "REREGISTER,               DONE,        null, false, false, null",
            "REREGISTER,               APPROVE,     null, false, false, BAD_DECISION",
            "RESUBMIT_ADMISSION_PHOTO, DONE,        null, false, false, null",
            "REPORT_VERIFIED,          DONE,        null, false, false, null",
            "REREPORT_CORRECTED_PHOTO, DONE,        null, false, false, null"})
    void decisions(Step step, String decision, String reason, boolean replaced, boolean uploaded, String code) {
        var verdict = AdmissionRules.decide(step, decision, reason, new AdmissionRules.StepFacts(replaced, uploaded));
        if (code == null) {
            assertThat(verdict).isInstanceOf(AdmissionRules.Accepted.class);
            assertThat(((AdmissionRules.Accepted) verdict).decision().name()).isEqualTo(decision.toUpperCase(java.util.Locale.ROOT));
        } else {
            assertThat(verdict).isInstanceOfSatisfying(AdmissionRules.Refused.class,
                    r -> assertThat(r.finding().code()).isEqualTo(code));
        }
    }

    @ParameterizedTest(name = "impostor={0}")
    @CsvSource({"true, IMPOSTOR", "false, ''"})
    void graduationApplicationRefusal(boolean impostor, String code) {
        assertThat(AdmissionRules.applicationRefusal(impostor).map(Finding::code).orElse("")).isEqualTo(code);
        AdmissionRules.applicationRefusal(impostor).ifPresent(f -> assertThat(f.rule()).isEqualTo("R-ID-04"));
    }
}
