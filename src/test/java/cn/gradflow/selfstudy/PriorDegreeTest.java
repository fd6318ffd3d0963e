package cn.gradflow.selfstudy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.gradflow.checks.Finding;

import static org.assertj.core.api.Assertions.assertThat;

/** R-SS-03: a bachelor's prior-degree registration, and the fresh graduate's later filling-in. */
class PriorDegreeTest {

    @ParameterizedTest(name = "{0} ''{1}'' fresh={2} filling={3} → {4}")
    @CsvSource(delimiter = ';', value = {
            "CHSI_RECORD; A2019440123456; false; false; ''",
            "CDGDC_REPORT; R2019440654321; false; false; ''",
            "FOREIGN_CERTIFICATION; 2019-0001; false; false; ''",
            "CHSI_RECORD; ''; false; false; PRIOR_DEGREE_NUMBER_MISSING",
            "SELF_STUDY_ASSOCIATE; 360102100001; false; false; ''",
            "SELF_STUDY_ASSOCIATE; 3601021; false; false; ASSOCIATE_CANDIDATE_NO_INVALID",
            "FRESH_GRADUATE; ''; true; false; ''",
            "FRESH_GRADUATE; ''; false; false; NOT_FRESH_GRADUATE",
            "FRESH_GRADUATE; ''; true; true; PRIOR_DEGREE_CERTIFICATE_REQUIRED",
            "CHSI_RECORD; A2099440000001; true; true; ''",
            "; ''; false; false; PRIOR_DEGREE_KIND_MISSING"})
    void registration(PriorDegree.Kind kind, String number, boolean fresh, boolean filling, String expected) {
        assertThat(PriorDegree.check(kind, number, fresh, filling)).extracting(Finding::code)
                .containsExactlyElementsOf(expected.isEmpty() ? java.util.List.of() : java.util.List.of(expected));
        PriorDegree.check(kind, number, fresh, filling).forEach(f -> assertThat(f.rule()).isEqualTo("R-SS-03"));
    }
}
