package cn.gradflow.forms;

import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fields read from forms/ and the check of a submission against them. */
class FormCatalogTest {

    private final FormCatalog catalog = new FormCatalog("file:forms/*.form", "file:forms/*.html");

    @Test
    void camundaFormsGiveTheirKeysTypesOptionsAndLimits() {
        FormSchema review = catalog.find("review-decision", null).orElseThrow();
        assertThat(review.fields()).containsOnlyKeys("decision", "reason");
        assertThat(review.fields().get("decision").options()).containsExactly("APPROVE", "REJECT");
        assertThat(review.fields().get("reason").limit()).isEqualTo(1000);
        assertThat(catalog.find("graduate-statistics", null).orElseThrow().fields().get("graduates").kind())
                .isEqualTo(FormField.Kind.NUMBER);
    }

    @Test
    void embeddedFormsGiveTheirCamVariables() {
        FormSchema correction = catalog.find(null, "embedded:/forms/correct-application.html").orElseThrow();
        assertThat(correction.fields()).containsOnlyKeys("correctionAction", "graduationPhotoFile", "applicationKind",
                "degreeType", "commitmentLetter", "letterKind", "letterDegreeType", "reason");
        // R-EL-09: what the signed letter wishes, as choices the guard holds a completion to
        assertThat(correction.fields().get("letterKind").options()).containsExactly("GRADUATION", "GRADUATION_DEGREE");
        assertThat(correction.fields().get("letterDegreeType").options()).containsExactly("OUC", "COOP");
        FormSchema submit = catalog.find("submit-application", null).orElseThrow();
        assertThat(submit.fields().get("letterKind").kind()).isEqualTo(FormField.Kind.CHOICE);
        assertThat(submit.fields().get("letterKind").options()).containsExactly("GRADUATION", "GRADUATION_DEGREE");
        assertThat(submit.fields().get("letterDegreeType").options()).containsExactly("OUC", "COOP");
        // R-EL-08: the kinds are computed from degreeOffered (FEEL); the guard knows every kind either branch offers
        assertThat(submit.fields().get("applicationKind").options()).containsExactlyInAnyOrder("GRADUATION", "GRADUATION_DEGREE", "DEFERRED");
        assertThat(submit.problems(java.util.Map.of("applicationKind", "DEGREE_ONLY"), name -> null)).singleElement()
                .asString().contains("取值无效");
        assertThat(correction.fields().get("applicationKind").options()).containsExactly("GRADUATION", "GRADUATION_DEGREE");
        assertThat(submit.problems(java.util.Map.of("letterKind", "DEFERRED"), name -> null)).singleElement()
                .asString().contains("取值无效");
        assertThat(correction.fields().get("correctionAction").options()).containsExactly("RESUBMIT", "DEFER");
        assertThat(correction.fields().get("graduationPhotoFile").kind()).isEqualTo(FormField.Kind.FILE);
        assertThat(correction.fields().get("commitmentLetter").kind()).isEqualTo(FormField.Kind.BOOLEAN);
        assertThat(correction.fields().get("correctionAction").label()).isEqualTo("处理方式");
        // R-PH-03, R-ID-04: the branch review records its photo comparison beside its decision
        FormSchema branch = catalog.find(null, "embedded:/forms/branch-review.html").orElseThrow();
        assertThat(branch.fields()).containsOnlyKeys("academicPhotoMatch", "admissionPhotoMatch", "photoNote", "decision", "reason");
        assertThat(branch.fields().get("academicPhotoMatch").options()).containsExactly("MATCH", "MISMATCH", "NO_PHOTO");
        assertThat(branch.fields().get("admissionPhotoMatch").options()).containsExactly("MATCH", "MISMATCH", "NO_PHOTO");
        assertThat(branch.fields().get("decision").options()).containsExactly("APPROVE", "REJECT");
        assertThat(branch.fields().get("academicPhotoMatch").label()).isEqualTo("照片比对");
        FormSchema identity = catalog.find(null, "embedded:/forms/identity-package.html").orElseThrow();
        assertThat(identity.fields()).containsKeys("identityAction", "reviewFormFile", "registrationFormFile",
                "admissionPhotoFile", "graduationPhotoFile", "reason");
    }

    @Test
    void aSubmissionIsTheFormsFieldsOfTheirTypesWithinLimits() {
        FormSchema review = catalog.find("review-decision", null).orElseThrow();
        assertThat(review.problems(Map.of("decision", "APPROVE"), n -> null)).isEmpty();
        assertThat(review.problems(Map.of("decision", Variables.stringValue("REJECT"), "reason", "照片不合格"), n -> null)).isEmpty();
        assertThat(review.problems(Map.of("decision", "APPROVE", "hq", "GDGZ01"), n -> null))
                .singleElement().asString().contains("hq").contains("不属于本表单");
        assertThat(review.problems(Map.of("decision", "MAYBE"), n -> null)).singleElement().asString().contains("取值无效");
        assertThat(review.problems(Map.of("decision", 1), n -> null)).singleElement().asString().contains("须为文本");
        assertThat(review.problems(Map.of("reason", "x".repeat(1000)), n -> null)).isEmpty();
        assertThat(review.problems(Map.of("reason", "x".repeat(1001)), n -> null)).singleElement().asString().contains("最多 1000 字");
        assertThat(FormSchema.NONE.problems(Map.of("anything", 1), n -> null)).singleElement().asString().contains("不接受任何字段");
        FormSchema statistics = catalog.find("graduate-statistics", null).orElseThrow();
        assertThat(statistics.problems(Map.of("graduates", -1L), n -> null)).singleElement().asString().contains("不能小于 0");
        assertThat(statistics.problems(Map.of("graduates", "12"), n -> null)).singleElement().asString().contains("须为数字");
        FormSchema certificate = catalog.find("confirm-certificate", null).orElseThrow();
        assertThat(certificate.problems(Map.of("certificateSigned", "true"), n -> null)).singleElement().asString().contains("true 或 false");
    }

    /**
     * Tasklist submits every variable an embedded form fetched that is not one of its fields, and the input
     * guard refuses a completion with anything but the fields: a form that fetches variables to show them
     * must drop them again (seen in a real Tasklist: every 整改 completion was refused).
     */
    @Test
    void embeddedFormsDropTheVariablesTheyOnlyShow() throws Exception {
        try (var html = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("forms"), "*.html")) {
            for (java.nio.file.Path form : html) {
                String text = java.nio.file.Files.readString(form);
                if (text.contains("fetchVariable(")) {
                    assertThat(text).as(form.toString()).contains("destroyVariable(").contains("variables-restored");
                }
            }
        }
    }

    /** No task form may carry a field named like a fact GradFlow fixes for the case: those come from records. */
    @Test
    void noTaskFormHasAFieldNamedLikeARoutingVariable() {
        Set<String> facts = Set.of("applicationId", "batchCode", "studentNo", "studentName", "learningCenter", "cityBranch",
                "branch", "hq", "hasCityTier", "city", "cities", "statisticsUnit", "submissionId", "registrationNo",
                "checkOutcome", "chsiBlocked", "identityReviewOutcome", "lcDue", "cityDue", "branchDue", "hqDue",
                "branchReviewRoute", "photosStored", "graduationPhotoStored", "academicPhotoStored", "admissionPhotoStored");
        for (String form : new String[] {"review-decision", "submit-application", "confirm-certificate", "confirm-hq-list",
                "graduate-statistics", "hq-overdue", "identity-review-decision", "revise-hq-list", "statistics-overdue",
                "status-expiry-report"}) {
            assertThat(catalog.find(form, null).orElseThrow().fields().keySet()).as(form).doesNotContainAnyElementsOf(facts);
        }
        // self-study: what GradFlow sets for the gateways and the forms (SelfStudyProcess) is no field of any form
        Set<String> selfStudyFacts = Set.of("caseId", "candidateNo", "session", "prerequisitesPending", "bachelor",
                "priorDegreeVerified", "recordCorrect", "forecastPassed", "identityMatched", "approved", "onsitePassed",
                "certificatePending", "applicationOutcome", "caseSummary", "findingsText", "requiredDocumentsText");
        for (String form : new String[] {"ss-review", "ss-record-changes", "ss-prior-degree", "ss-confirm-record", "ss-apply",
                "ss-onsite-check", "ss-hand-out"}) {
            assertThat(catalog.find(form, null).orElseThrow().fields().keySet()).as(form).doesNotContainAnyElementsOf(selfStudyFacts);
        }
        for (String html : new String[] {"ss-id-attachments.html", "ss-capture-photo.html"}) {
            assertThat(catalog.find(null, "embedded:/forms/" + html).orElseThrow().fields().keySet()).as(html)
                    .doesNotContainAnyElementsOf(selfStudyFacts);
        }
        for (String html : new String[] {"correct-application.html", "identity-package.html", "branch-review.html"}) {
            assertThat(catalog.find(null, "embedded:/forms/" + html).orElseThrow().fields().keySet()).as(html)
                    .doesNotContainAnyElementsOf(facts);
        }
    }
}
