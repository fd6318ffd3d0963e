package cn.gradflow.selfstudy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.gradflow.selfstudy.OnsiteDocuments.Document;

import static org.assertj.core.api.Assertions.assertThat;

/** R-SS-02: the on-site materials by level, special case and major (韶关 notice 四（四）、（五）). */
class OnsiteDocumentsTest {

    @ParameterizedTest(name = "{0} {1} nonMainland={2} foreign={3} changed={4} courses={5} selfStudyPrior={6}")
    @CsvSource(delimiter = ';', value = {
            "ZHUANKE; 行政管理; false; false; false; ''; false; REGISTRATION_FORM",
            // 专科 candidates hand in no ID, whatever their ID (the special cases are the bachelor's)
            "ZHUANKE; 行政管理; true; false; false; ''; false; REGISTRATION_FORM",
            "BENKE; 汉语言文学; false; false; false; ''; false; REGISTRATION_FORM",
            "BENKE; 汉语言文学; true; false; false; ''; false; REGISTRATION_FORM PRIOR_CERTIFICATE STUDENT_STATUS_REPORT CHSI_RECORD_FORM ID_CARD",
            // a self-study prior degree needs no student-status report
            "BENKE; 汉语言文学; true; false; false; ''; true; REGISTRATION_FORM PRIOR_CERTIFICATE CHSI_RECORD_FORM ID_CARD",
            "BENKE; 汉语言文学; false; true; false; ''; false; REGISTRATION_FORM ID_CARD FOREIGN_CERTIFICATION",
            "BENKE; 汉语言文学; false; false; true; ''; false; REGISTRATION_FORM PRIOR_CERTIFICATE STUDENT_STATUS_REPORT CHSI_RECORD_FORM ID_CARD POLICE_PROOF",
            "ZHUANKE; 机械制造与自动化; false; false; false; ''; false; REGISTRATION_FORM MECHANICAL_CERTIFICATES",
            "ZHUANKE; 电气自动化技术; false; false; false; ''; false; REGISTRATION_FORM ELECTRICAL_CERTIFICATES",
            "BENKE; 药学; false; false; false; ''; false; REGISTRATION_FORM PHARMACY_LICENCE",
            "ZHUANKE; 食品营养与卫生; false; false; false; 00001 00002; false; REGISTRATION_FORM",
            "ZHUANKE; 食品营养与卫生; false; false; false; 00001 05748; false; REGISTRATION_FORM MEDICAL_DIPLOMA",
            "ZHUANKE; 食品营养与卫生; false; false; false; 00988; false; REGISTRATION_FORM MEDICAL_DIPLOMA"})
    void requiredMaterials(String level, String major, boolean nonMainland, boolean foreign, boolean changed, String courses,
                           boolean selfStudyPrior, String expected) {
        SelfStudyCandidate c = new SelfStudyCandidate("360102100001", "林某", "女", "440203199501010001", nonMainland,
                LocalDate.of(1995, 1, 1), level, "X", major, "华南师范大学", "ZKSG", "ks1", false, false, foreign, changed,
                20, 16, "X", "华南师范大学", null, false, null);
        Set<String> passed = courses.isBlank() ? Set.of() : Set.of(courses.split(" "));
        assertThat(OnsiteDocuments.required(c, passed, selfStudyPrior))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(expected.split(" ")).map(Document::valueOf).toList());
    }

    @Test
    void eachMissingDocumentIsABlockingFindingNamingIt() {
        var findings = OnsiteDocuments.missing(EnumSet.of(Document.REGISTRATION_FORM, Document.PHARMACY_LICENCE),
                EnumSet.of(Document.REGISTRATION_FORM, Document.ID_CARD));
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).rule()).isEqualTo("R-SS-02");
        assertThat(findings.get(0).isBlocking()).isTrue();
        assertThat(findings.get(0).message()).contains("执业");
        assertThat(OnsiteDocuments.missing(EnumSet.of(Document.REGISTRATION_FORM), EnumSet.allOf(Document.class))).isEmpty();
    }

    @Test
    void everyDocumentHasACheckboxOnTheOnsiteForm() throws Exception {
        String form = java.nio.file.Files.readString(java.nio.file.Path.of("forms", "ss-onsite-check.form"));
        List<String> missing = Arrays.stream(Document.values()).map(Document::field)
                .filter(f -> !form.contains("\"key\": \"" + f + "\"")).collect(Collectors.toList());
        assertThat(missing).isEmpty();
    }
}
