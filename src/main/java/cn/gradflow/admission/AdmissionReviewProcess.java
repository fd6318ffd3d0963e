package cn.gradflow.admission;

import java.util.Arrays;
import java.util.Optional;

import cn.gradflow.common.ProcessVariable;

/**
 * The one typed place for {@code processes/admission-review.bpmn} (北京开放大学 京开大教〔2021〕46号): the
 * per-student process {@value #KEY} and the timer-started {@value #REMINDERS_KEY}. Element ids, the
 * decisions each task takes and the variables; routing (the kind of a case, the offices) is read from
 * GradFlow's tables by {@link AdmissionRouting}, never from a variable.
 */
public final class AdmissionReviewProcess {

    public static final String KEY = "admission-review";
    public static final String REMINDERS_KEY = "chsi-self-check-reminders";

    private AdmissionReviewProcess() {
    }

    /** The two offices of a school the notice names. */
    public enum Office {
        ENROLMENT("招生办"), ACADEMIC_AFFAIRS("教务处");

        private final String label;

        Office(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What a case is about; {@code starter} is the office that opens it (admins may open any). */
    public enum Kind {
        PHOTO_COMPARISON("录取照片与毕业照片比对", "R-ID-04", Office.ACADEMIC_AFFAIRS),
        PHOTO_CORRECTION("在校生录取照片勘误", "R-ID-06", Office.ENROLMENT),
        PRIOR_DEGREE("前置学历复查", "R-ID-07", Office.ACADEMIC_AFFAIRS);

        private final String label;
        private final String rule;
        private final Office starter;

        Kind(String label, String rule, Office starter) {
            this.label = label;
            this.rule = rule;
            this.starter = starter;
        }

        public String label() {
            return label;
        }

        public String rule() {
            return rule;
        }

        public Office starter() {
            return starter;
        }
    }

    /** The decisions of the tasks (form field {@code admissionDecision}). */
    public enum Decision {
        DONE("已办理"),
        MATCH("一致"), MISMATCH("不一致"),
        SAME_PERSON("核实为本人"), NEW_PHOTO("录取照片有误，已重新提交"), IMPOSTOR("冒名顶替"),
        APPROVE("审核通过"), REJECT("审核不通过");

        private final String label;

        Decision(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The user tasks: who works on each and which decisions it takes. */
    public enum Step {
        RESUBMIT_ADMISSION_PHOTO("ResubmitAdmissionPhoto", Office.ENROLMENT, Decision.DONE),
        COMPARE_PHOTOS("ComparePhotos", Office.ACADEMIC_AFFAIRS, Decision.MATCH, Decision.MISMATCH),
        VERIFY_IDENTITY("VerifyIdentity", Office.ENROLMENT, Decision.SAME_PERSON, Decision.NEW_PHOTO, Decision.IMPOSTOR),
        REPORT_VERIFIED("ReportVerifiedIdentity", Office.ACADEMIC_AFFAIRS, Decision.DONE),
        REVIEW_CORRECTED_PHOTO("ReviewCorrectedPhoto", Office.ENROLMENT, Decision.APPROVE, Decision.REJECT),
        REREPORT_CORRECTED_PHOTO("ReReportCorrectedPhoto", Office.ACADEMIC_AFFAIRS, Decision.DONE),
        REVIEW_PRIOR_DEGREE("ReviewPriorDegree", Office.ENROLMENT, Decision.APPROVE, Decision.REJECT),
        REREGISTER("ReRegisterStatus", Office.ACADEMIC_AFFAIRS, Decision.DONE);

        private final String id;
        private final Office office;
        private final Decision[] decisions;

        Step(String id, Office office, Decision... decisions) {
            this.id = id;
            this.office = office;
            this.decisions = decisions;
        }

        public String id() {
            return id;
        }

        public Office office() {
            return office;
        }

        public boolean takes(Decision decision) {
            return Arrays.asList(decisions).contains(decision);
        }

        public static Optional<Step> byId(String id) {
            return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
        }
    }

    /** How a case ended, by its end event. */
    public enum Outcome {
        MATCHED("EndPhotosMatch", "照片比对一致"),
        VERIFIED("EndIdentityVerified", "身份核实无误，已备案并重新上报"),
        IMPOSTOR("EndImpostor", "冒名顶替，不予注册学历"),
        CORRECTED("EndPhotoCorrected", "录取照片已勘误并重新上报"),
        CORRECTION_REJECTED("EndCorrectionRejected", "录取照片勘误未通过审核"),
        RE_REGISTERED("EndReRegistered", "前置学历复查通过，已重新注册学籍"),
        PRIOR_DEGREE_FAILED("EndPriorDegreeFailed", "前置学历复查未通过");

        private final String endEvent;
        private final String label;

        Outcome(String endEvent, String label) {
            this.endEvent = endEvent;
            this.label = label;
        }

        public String endEvent() {
            return endEvent;
        }

        public String label() {
            return label;
        }

        public static Optional<Outcome> byEndEvent(String id) {
            return Arrays.stream(values()).filter(o -> o.endEvent.equals(id)).findFirst();
        }
    }

    /** Service tasks and gateways the tests and the diagram name. */
    public static final String CHECK_ADMISSION_PHOTO = "CheckAdmissionPhoto";
    public static final String MARK_IMPOSTOR = "MarkImpostor";
    public static final String APPLY_CORRECTED_PHOTO = "ApplyCorrectedPhoto";
    public static final String REMINDERS_TIMER = "SelfCheckTimer";

    /** {@code A<case id>-<student number>}: the part after the dash names the student, as for applications. */
    public static String businessKey(long caseId, String studentNo) {
        return "A" + caseId + "-" + studentNo;
    }

    public static final ProcessVariable<Long> CASE_ID = ProcessVariable.of("admissionCaseId", Long.class);
    public static final ProcessVariable<String> STUDENT_NO = ProcessVariable.of("studentNo", String.class);
    public static final ProcessVariable<String> STUDENT_NAME = ProcessVariable.of("studentName", String.class);
    public static final ProcessVariable<String> SUMMARY = ProcessVariable.of("admissionSummary", String.class);
    public static final ProcessVariable<String> HISTORY = ProcessVariable.of("admissionHistory", String.class);
    public static final ProcessVariable<String> PHOTO_FINDINGS = ProcessVariable.of("admissionPhotoFindings", String.class);
    /** Set by {@value #CHECK_ADMISSION_PHOTO} only: no form carries it. */
    public static final ProcessVariable<Boolean> PHOTO_OK = ProcessVariable.of("admissionPhotoOk", Boolean.class);
    public static final ProcessVariable<String> DECISION = ProcessVariable.of("admissionDecision", String.class);
    public static final ProcessVariable<String> REASON = ProcessVariable.of("admissionReason", String.class);
}
