package cn.gradflow.hqsubmission;

import java.util.Date;
import java.util.List;

import cn.gradflow.common.ProcessVariable;

/** The one typed place for {@code processes/hq-submission.bpmn}: a branch's list for HQ final review. */
public final class HqSubmissionProcess {

    public static final String KEY = "hq-submission";

    private HqSubmissionProcess() {
    }

    /** Working days HQ takes for final review (R-BA-06: 3–5); the overdue check runs after the last. */
    public static final int HQ_TURNAROUND_WORKING_DAYS = 5;

    public enum Step {
        COMPILE("CompileHqList"),
        CONFIRM_LIST("ConfirmHqList"),
        REVISE_LIST("ReviseHqList"),
        SUBMIT("SubmitHqList"),
        DELIVER("DeliverToHq"),
        DELIVER_CASE("DeliverCaseToHq"),
        END_DELIVERED("ListDelivered"),
        TURNAROUND_TIMER("HqTurnaroundElapsed"),
        OVERDUE("HqReviewOverdue"),
        END_EMPTY("HqListEmpty"),
        END_ON_TIME("HqReviewOnTime"),
        END_ESCALATED("HqReviewEscalated");

        private final String id;

        Step(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public enum Confirmation { CONFIRM, RETURN }

    public static final ProcessVariable<String> BATCH_CODE = ProcessVariable.of("batchCode", String.class);
    public static final ProcessVariable<String> BRANCH = ProcessVariable.of("branch", String.class);
    public static final ProcessVariable<String> HQ = ProcessVariable.of("hq", String.class);
    public static final ProcessVariable<Long> SUBMISSION_ID = ProcessVariable.of("submissionId", Long.class);
    public static final ProcessVariable<Boolean> LIST_EMPTY = ProcessVariable.of("listEmpty", Boolean.class);
    @SuppressWarnings("rawtypes")
    public static final ProcessVariable<List> CITIES = ProcessVariable.of("cities", List.class);
    public static final ProcessVariable<String> CITY = ProcessVariable.of("city", String.class);
    /** Bounded summaries for the forms (BoundedText); the lists themselves are rows of hq_submission_item. */
    public static final ProcessVariable<String> LIST_SUMMARY = ProcessVariable.of("listSummary", String.class);
    public static final ProcessVariable<String> CITY_LIST_SUMMARY = ProcessVariable.of("cityListSummary", String.class);
    public static final ProcessVariable<String> CONFIRMATION = ProcessVariable.of("confirmation", String.class);
    public static final ProcessVariable<String> CORRECTIONS = ProcessVariable.of("corrections", String.class);
    public static final ProcessVariable<Boolean> ANY_RETURNED = ProcessVariable.of("anyReturned", Boolean.class);
    public static final ProcessVariable<String> RETURNS_SUMMARY = ProcessVariable.of("returnsSummary", String.class);
    public static final ProcessVariable<String> EXCLUDED_STUDENT_NOS = ProcessVariable.of("excludedStudentNos", String.class);
    public static final ProcessVariable<Date> HQ_TURNAROUND_DUE = ProcessVariable.of("hqTurnaroundDue", Date.class);
    public static final ProcessVariable<Boolean> HQ_OVERDUE = ProcessVariable.of("hqOverdue", Boolean.class);
    public static final ProcessVariable<String> OVERDUE_SUMMARY = ProcessVariable.of("overdueSummary", String.class);
}
