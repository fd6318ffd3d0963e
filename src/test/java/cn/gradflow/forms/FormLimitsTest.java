package cn.gradflow.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.common.TextLimits;
import cn.gradflow.testing.GradFlowSpringTest;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 item 4: no form lets a text through that its column cannot hold. Every text field of every
 * form in {@code forms/} is listed here with the GradFlow columns it ends in; its limit (the form's
 * {@code maxLength}, the guard's default otherwise) must fit those and the engine's variable columns,
 * read from the database the tests run on. A new text field fails here until it is listed.
 */
@GradFlowSpringTest
class FormLimitsTest {

    /** The engine's columns every submitted text goes through. */
    private static final List<String> ENGINE_COLUMNS = List.of("ACT_RU_VARIABLE.TEXT_", "ACT_HI_VARINST.TEXT_", "ACT_HI_DETAIL.TEXT_");

    /** Form (Camunda Form id or embedded file) and field → the GradFlow columns the text is written to. */
    private static final Map<String, List<String>> TEXT_FIELDS = Map.ofEntries(
            entry("review-decision#reason", List.of("decision_log.reason")),
            entry("identity-review-decision#reason", List.of("decision_log.reason")),
            entry("submit-application#reason", List.of("decision_log.reason")),
            entry("confirm-certificate#reason", List.of("decision_log.reason")),
            entry("correct-application.html#reason", List.of("decision_log.reason")),
            entry("identity-package.html#reason", List.of("decision_log.reason")),
            entry("branch-review.html#reason", List.of("decision_log.reason")),
            // with the comparison's summary (under 100 characters) in the same reason
            entry("branch-review.html#photoNote", List.of("decision_log.reason")),
            entry("confirm-hq-list#corrections", List.of("hq_submission_confirmation.corrections")),
            entry("graduate-statistics#statisticsNote", List.of("graduate_statistics.note")),
            // student numbers to take off the list: read, never written as they are
            entry("revise-hq-list#excludedStudentNos", List.of()),
            // looked up, then written once found
            entry("hq-submission-start#batchCode", List.of("hq_submission.batch_code")),
            entry("hq-submission-start#branch", List.of("hq_submission.branch_code")),
            // the admission review's steps (北京 notice); an impostor's reason also in identity_verdict
            entry("admission-photo-comparison#admissionReason", List.of("admission_case_step.reason")),
            entry("admission-identity-verification#admissionReason", List.of("admission_case_step.reason", "identity_verdict.reason")),
            entry("admission-review-decision#admissionReason", List.of("admission_case_step.reason")),
            entry("admission-office-done#admissionReason", List.of("admission_case_step.reason")),
            // self-study graduation registration (issue 15)
            entry("ss-review#reason", List.of("ss_case_event.evidence")),
            entry("ss-prior-degree#priorDegreeNo", List.of("ss_case.prior_degree_no", "ss_case_event.evidence")),
            entry("ss-confirm-record#errorDescription", List.of("ss_record_correction.description", "ss_case_event.evidence")),
            entry("ss-confirm-record#nativePlace", List.of("ss_candidate.native_place")),
            entry("ss-confirm-record#ethnicity", List.of("ss_candidate.ethnicity")),
            entry("ss-confirm-record#lastEducation", List.of("ss_candidate.last_education")),
            entry("ss-confirm-record#occupation", List.of("ss_candidate.occupation")),
            entry("ss-confirm-record#employer", List.of("ss_candidate.employer")),
            entry("ss-apply#phone", List.of("ss_candidate.phone", "ss_case_event.evidence")),
            entry("ss-onsite-check#assessmentUnit", List.of("ss_case.assessment_unit")));

    private final FormCatalog catalog = new FormCatalog("file:forms/*.form", "file:forms/*.html");

    @Autowired JdbcClient jdbc;

    @Test
    void everyFormTextFitsItsColumns() {
        List<String> seen = new ArrayList<>();
        catalog.schemas().forEach((ref, schema) -> schema.fields().values().stream()
                .filter(f -> f.kind() == FormField.Kind.TEXT).forEach(field -> {
                    String key = ref.replace("embedded:/forms/", "") + "#" + field.name();
                    seen.add(key);
                    assertThat(TEXT_FIELDS).as("where does %s end up? list it here", key).containsKey(key);
                    List<String> columns = new ArrayList<>(ENGINE_COLUMNS);
                    columns.addAll(TEXT_FIELDS.get(key));
                    for (String column : columns) {
                        assertThat(field.limit()).as("%s (limit %s) in %s (%s)", key, field.limit(), column, size(column))
                                .isNotNull().isLessThanOrEqualTo(size(column));
                    }
                }));
        assertThat(seen).as("every listed field still exists").containsExactlyInAnyOrderElementsOf(TEXT_FIELDS.keySet());
    }

    @Test
    void limitsOutsideTheFormsFitTheirColumns() {
        for (String column : ENGINE_COLUMNS) {
            assertThat(TextLimits.ENGINE_TEXT).as(column).isLessThanOrEqualTo(size(column));
        }
        assertThat(TextLimits.FILE_NAME).isLessThanOrEqualTo(size("identity_review_document.file_name"))
                .isLessThanOrEqualTo(size("ACT_RU_VARIABLE.TEXT_"));
        // the engine keeps a file's type and encoding as "type#encoding"
        assertThat(TextLimits.CONTENT_TYPE).isLessThanOrEqualTo(size("identity_review_document.content_type"));
        assertThat(2 * TextLimits.CONTENT_TYPE + 1).isLessThanOrEqualTo(size("ACT_RU_VARIABLE.TEXT2_"));
        assertThat(TextLimits.DECISION_FINDINGS).isLessThanOrEqualTo(size("decision_log.findings"));
        assertThat(TextLimits.STUDENT_NO).isEqualTo(size("student.student_no"));
        assertThat(TextLimits.DECISION_REASON).isLessThanOrEqualTo(size("decision_log.reason"))
                .isLessThanOrEqualTo(size("ACT_RU_VARIABLE.TEXT_"));
        assertThat(FormCatalog.DEFAULT_MAX_LENGTH).isEqualTo(TextLimits.ENGINE_TEXT);
    }

    /** Characters a column holds, from the database's own catalogue. */
    private int size(String tableDotColumn) {
        String[] parts = tableDotColumn.split("\\.");
        return jdbc.sql("""
                        SELECT CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS
                        WHERE UPPER(TABLE_NAME) = UPPER(?) AND UPPER(COLUMN_NAME) = UPPER(?) AND TABLE_SCHEMA = SCHEMA()""")
                .params(parts[0], parts[1]).query(Integer.class).single();
    }
}
