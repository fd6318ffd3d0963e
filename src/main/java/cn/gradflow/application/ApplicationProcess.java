package cn.gradflow.application;

import java.util.Arrays;
import java.util.Date;
import java.util.Optional;

import cn.gradflow.common.ProcessVariable;
import cn.gradflow.roster.Tier;

/**
 * The one typed place for {@code processes/graduation-application.bpmn}: its key, business key,
 * element ids and variables. Nothing else spells these names.
 */
public final class ApplicationProcess {

    public static final String KEY = "graduation-application";

    private ApplicationProcess() {
    }

    /** Correlated to a case when its branch's list reached HQ. */
    public static final String MESSAGE_SUBMITTED_TO_HQ = "SubmittedToHq";
    /** Correlated to a case closed for this batch (window closed, status expired), with {@link #CLOSED_REASON}. */
    public static final String MESSAGE_BATCH_CLOSED = "BatchClosed";
    /**
     * Correlated to a case taken off the way to HQ while it waits for its branch's list, with
     * {@link #HQ_LIST_WITHDRAWAL}, {@link #REASON}, {@link #WITHDRAWN_BY} and {@link #WITHDRAWN_BY_TIER}.
     */
    public static final String MESSAGE_WITHDRAWN_FROM_HQ_LIST = "WithdrawnFromHqList";

    public static String businessKey(String batchCode, String studentNo) {
        return batchCode + "-" + studentNo;
    }

    /** The BPMN elements; the user tasks and end events carry the state and tier they put the case in. */
    public enum Step {
        CHECK_ELIGIBILITY("CheckEligibility", null, null),
        /** The first audit of a student started in bulk, run in the start's transaction (issue 13). */
        CHECK_ELIGIBILITY_AT_START("CheckEligibilityAtStart", null, null),
        CORRECT_APPLICATION("CorrectApplication", ApplicationState.CORRECTION, Tier.LEARNING_CENTER),
        SUBMIT_APPLICATION("SubmitApplication", ApplicationState.APPLYING, Tier.LEARNING_CENTER),
        CITY_APPROVAL("CityApproval", ApplicationState.CITY_REVIEW, Tier.CITY),
        BRANCH_REVIEW("BranchReview", ApplicationState.BRANCH_REVIEW, Tier.BRANCH),
        IDENTITY_REVIEW("IdentityReview", null, null),
        AWAIT_HQ_SUBMISSION("AwaitHqSubmission", ApplicationState.AWAITING_HQ, Tier.BRANCH),
        SUBMITTED_TO_HQ("SubmittedToHqReceived", null, null),
        WITHDRAWN_FROM_HQ_LIST("WithdrawnFromHqListReceived", null, null),
        HQ_CHSI_CHECK("HqChsiCheck", null, null),
        HQ_FINAL_REVIEW("HqFinalReview", ApplicationState.HQ_REVIEW, Tier.HQ),
        ISSUE_REGISTRATION_NUMBER("IssueRegistrationNumber", null, null),
        CONFIRM_CERTIFICATE("ConfirmCertificate", ApplicationState.CERTIFICATE, Tier.LEARNING_CENTER),
        END_GRADUATED("EndGraduated", ApplicationState.GRADUATED, Tier.LEARNING_CENTER),
        END_DEFERRED("EndDeferred", ApplicationState.DEFERRED, Tier.LEARNING_CENTER),
        RECORD_BATCH_CLOSED("RecordBatchClosed", null, null),
        END_CLOSED("EndClosed", ApplicationState.CLOSED, Tier.LEARNING_CENTER);

        private final String id;
        private final ApplicationState state;
        private final Tier tier;

        Step(String id, ApplicationState state, Tier tier) {
            this.id = id;
            this.state = state;
            this.tier = tier;
        }

        public String id() {
            return id;
        }

        public ApplicationState state() {
            return state;
        }

        public Tier tier() {
            return tier;
        }

        public static Optional<Step> byId(String id) {
            return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
        }
    }

    /** Outcome of a check run, read by the gateway after {@link Step#CHECK_ELIGIBILITY}. */
    public enum CheckOutcome { BLOCKED, READY_TO_APPLY, IDENTITY_REVIEW, READY_FOR_REVIEW }

    /** How {@code processes/identity-review.bpmn} ended, mapped out of the call activity. */
    public enum IdentityReviewOutcome { APPROVED, WITHDRAWN }

    /** The learning centre's action on a correction task. */
    public enum CorrectionAction { RESUBMIT, DEFER }

    /**
     * Where a case taken off the way to HQ goes (the branch's or HQ's decision), and the code it leaves
     * in the decision trail ({@code decision_log.decision}, 30 characters).
     */
    public enum HqListWithdrawal {
        BACK_TO_BRANCH_REVIEW("HQ_LIST_BACK_TO_REVIEW"),
        CORRECTION("HQ_LIST_CORRECTION"),
        DEFER("HQ_LIST_DEFER");

        private final String trailCode;

        HqListWithdrawal(String trailCode) {
            this.trailCode = trailCode;
        }

        public String trailCode() {
            return trailCode;
        }

        /** Correction and deferral tell the centre why; a return to the branch's review may say why. */
        public boolean needsReason() {
            return this != BACK_TO_BRANCH_REVIEW;
        }
    }

    /** A reviewing tier's decision. */
    public enum ReviewDecision { APPROVE, REJECT }

    /**
     * Where the branch review sends the case, from its decision and its photo comparison
     * ({@code checks.PhotoComparison.Route}): read by the gateway after {@link Step#BRANCH_REVIEW}.
     */
    public static final ProcessVariable<String> BRANCH_REVIEW_ROUTE = ProcessVariable.of("branchReviewRoute", String.class);

    // The branch review's photo comparison (R-PH-03, R-ID-04): which photos GradFlow holds, set when the
    // task starts so the form shows only those; what the reviewer recorded (MATCH | MISMATCH | NO_PHOTO)
    /**
     * The kinds of photo GradFlow holds for the student ({@code PhotoRepository.Kind} names, comma-separated, empty for
     * none): one variable, not a flag per kind (issue 13: three variables were 9 of a city approval's statements).
     */
    public static final ProcessVariable<String> PHOTOS_STORED = ProcessVariable.of("photosStored", String.class);
    /** R-PH-03: the platform's graduation photo against the CHSI academic photo. */
    public static final ProcessVariable<String> ACADEMIC_PHOTO_MATCH = ProcessVariable.of("academicPhotoMatch", String.class);
    /** R-ID-04: the admission photo against the graduation photo. */
    public static final ProcessVariable<String> ADMISSION_PHOTO_MATCH = ProcessVariable.of("admissionPhotoMatch", String.class);
    public static final ProcessVariable<String> PHOTO_NOTE = ProcessVariable.of("photoNote", String.class);

    // Facts fixed when the application starts. The case's units are not among them: routing, the trail's units and the
    // windows read the chain from GradFlow's records (roster.CaseRouting), never from a variable (issue 13: lean variables).
    public static final ProcessVariable<Long> APPLICATION_ID = ProcessVariable.of("applicationId", Long.class);
    public static final ProcessVariable<String> BATCH_CODE = ProcessVariable.of("batchCode", String.class);
    public static final ProcessVariable<String> STUDENT_NO = ProcessVariable.of("studentNo", String.class);
    public static final ProcessVariable<String> STUDENT_NAME = ProcessVariable.of("studentName", String.class);
    /** The major's name, a column of Tasklist's filters (issue 14). */
    public static final ProcessVariable<String> MAJOR_NAME = ProcessVariable.of("majorName", String.class);
    public static final ProcessVariable<String> STUDENT_SUMMARY = ProcessVariable.of("studentSummary", String.class);
    /** R-EL-08: whether the student's major offers a degree (本科 with a degree); the forms offer 申请学位 only then. */
    public static final ProcessVariable<Boolean> DEGREE_OFFERED = ProcessVariable.of("degreeOffered", Boolean.class);
    /**
     * The due dates of a case started before V77, which wrote them as variables; newer cases keep them on the
     * application's row and no start writes these ({@link CaseDue}, issue 13).
     */
    public static final ProcessVariable<Date> LC_DUE = ProcessVariable.of("lcDue", Date.class);
    public static final ProcessVariable<Date> CITY_DUE = ProcessVariable.of("cityDue", Date.class);
    public static final ProcessVariable<Date> BRANCH_DUE = ProcessVariable.of("branchDue", Date.class);
    public static final ProcessVariable<Date> HQ_DUE = ProcessVariable.of("hqDue", Date.class);

    /**
     * Transient, set only by {@code ApplicationStarter.startAll}: the first audit runs in the start's own transaction
     * ({@link Step#CHECK_ELIGIBILITY_AT_START}) instead of a job. It decides when the checks run, never what they find or
     * where the case goes; without it (any other start) the audit is the retried job {@link Step#CHECK_ELIGIBILITY}.
     */
    public static final ProcessVariable<Boolean> AUDIT_AT_START = ProcessVariable.of("auditAtStart", Boolean.class);

    // Written by the checks
    public static final ProcessVariable<String> CHECK_OUTCOME = ProcessVariable.of("checkOutcome", String.class);
    public static final ProcessVariable<Boolean> CHSI_BLOCKED = ProcessVariable.of("chsiBlocked", Boolean.class);
    public static final ProcessVariable<String> FINDINGS_TEXT = ProcessVariable.of("findingsText", String.class);
    public static final ProcessVariable<String> IDENTITY_REVIEW_OUTCOME =
            ProcessVariable.of("identityReviewOutcome", String.class);

    // Written by the forms
    public static final ProcessVariable<String> APPLICATION_KIND = ProcessVariable.of("applicationKind", String.class);
    public static final ProcessVariable<String> DEGREE_TYPE = ProcessVariable.of("degreeType", String.class);
    public static final ProcessVariable<Boolean> COMMITMENT_LETTER = ProcessVariable.of("commitmentLetter", Boolean.class);
    /** R-EL-09: what the student wished in the signed letter, as the centre recorded it (GRADUATION | GRADUATION_DEGREE). */
    public static final ProcessVariable<String> LETTER_KIND = ProcessVariable.of("letterKind", String.class);
    /** R-EL-09: the degree type wished in the letter (OUC | COOP) when a degree is wished. */
    public static final ProcessVariable<String> LETTER_DEGREE_TYPE = ProcessVariable.of("letterDegreeType", String.class);
    public static final ProcessVariable<String> CHOICE_TEXT = ProcessVariable.of("choiceText", String.class);
    public static final ProcessVariable<String> CORRECTION_ACTION = ProcessVariable.of("correctionAction", String.class);
    public static final ProcessVariable<String> DECISION = ProcessVariable.of("decision", String.class);
    public static final ProcessVariable<String> REASON = ProcessVariable.of("reason", String.class);
    public static final ProcessVariable<Boolean> CERTIFICATE_SIGNED = ProcessVariable.of("certificateSigned", Boolean.class);

    /** File variable of the correction form: a new graduation photo, moved into {@code photo} on completion. */
    public static final String GRADUATION_PHOTO_FILE = "graduationPhotoFile";

    // Sent with MESSAGE_WITHDRAWN_FROM_HQ_LIST (REASON too); who and which tier are removed once recorded
    public static final ProcessVariable<String> HQ_LIST_WITHDRAWAL = ProcessVariable.of("hqListWithdrawal", String.class);
    public static final ProcessVariable<String> WITHDRAWN_BY = ProcessVariable.of("withdrawnBy", String.class);
    public static final ProcessVariable<String> WITHDRAWN_BY_TIER = ProcessVariable.of("withdrawnByTier", String.class);

    // Written by the decision trail and registration
    public static final ProcessVariable<String> LAST_REJECTION = ProcessVariable.of("lastRejection", String.class);
    public static final ProcessVariable<String> HISTORY_TEXT = ProcessVariable.of("historyText", String.class);
    public static final ProcessVariable<String> CLOSED_REASON = ProcessVariable.of("closedReason", String.class);
    public static final ProcessVariable<String> REGISTRATION_NO = ProcessVariable.of("registrationNo", String.class);
    public static final ProcessVariable<String> CERTIFICATE_ISSUE_DATE = ProcessVariable.of("certificateIssueDate", String.class);
}
