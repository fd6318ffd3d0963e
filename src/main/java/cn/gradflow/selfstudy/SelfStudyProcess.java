package cn.gradflow.selfstudy;

import java.util.Arrays;
import java.util.Optional;

import cn.gradflow.common.ProcessVariable;

/**
 * The one typed place for {@code processes/self-study-graduation.bpmn}: its key, its steps and who works
 * on each, the ways a case ends, and its variables. One instance per candidate (准考证号) and session,
 * business key {@code <session>-<candidateNo>}, started only by {@link SelfStudyStarter}.
 */
public final class SelfStudyProcess {

    public static final String KEY = "self-study-graduation";

    private SelfStudyProcess() {
    }

    public static String businessKey(String session, String candidateNo) {
        return session + "-" + candidateNo;
    }

    /** Who acts on a user task. */
    public enum Actor { CANDIDATE, CITY, PROVINCE }

    public enum Step {
        COMPLETE_RECORD_CHANGES("CompleteRecordChanges", Actor.CITY),
        REGISTER_PRIOR_DEGREE("RegisterPriorDegree", Actor.CANDIDATE),
        VERIFY_PRIOR_DEGREE("VerifyPriorDegree", Actor.PROVINCE),
        CONFIRM_RECORD("ConfirmRecord", Actor.CANDIDATE),
        APPLY("ApplyForGraduation", Actor.CANDIDATE),
        UPLOAD_ID_ATTACHMENTS("UploadIdAttachments", Actor.CANDIDATE),
        CITY_REVIEW_ID("CityReviewIdAttachments", Actor.CITY),
        PROVINCE_REVIEW_ID("ProvinceReviewIdAttachments", Actor.PROVINCE),
        CAPTURE_PHOTO("CapturePhoto", Actor.CANDIDATE),
        CITY_REVIEW_PHOTO("CityReviewPhoto", Actor.CITY),
        ONSITE_CHECK("OnsiteMaterialCheck", Actor.CITY),
        FILL_IN_CERTIFICATE("FillInPriorCertificate", Actor.CANDIDATE),
        VERIFY_CERTIFICATE("VerifyPriorCertificate", Actor.PROVINCE),
        PROVINCIAL_DECISION("ProvincialDecision", Actor.PROVINCE),
        HAND_OUT_CERTIFICATE("HandOutCertificate", Actor.CITY);

        private final String id;
        private final Actor actor;

        Step(String id, Actor actor) {
            this.id = id;
            this.actor = actor;
        }

        public String id() {
            return id;
        }

        public Actor actor() {
            return actor;
        }

        public static Optional<Step> byId(String id) {
            return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
        }
    }

    /** A case's state in {@code ss_case}; the end states name the end event that set them. */
    public enum State {
        STARTED(null, "已开始"),
        PREREQUISITES_LAPSED("EndPrerequisitesLapsed", "转考、免考、考籍更正未在截止日前办结，不能参加本批次"),
        PRIOR_DEGREE_LAPSED("EndPriorDegreeLapsed", "前置学历未在截止日前经省考办查验通过，不能申请本科毕业"),
        RECORD_CORRECTION("EndRecordCorrection", "信息有误：须先办理考籍信息更正，下一期再申请毕业"),
        FORECAST_FAILED("EndForecastFailed", "毕业预测未通过（R-SS-01）"),
        APPLICATION_MISSED("EndApplicationWindowMissed", "未在网上申请期内完成毕业申请"),
        APPLIED(null, "已申请毕业，待现场审核"),
        ONSITE_MISSED("EndOnsiteMissed", "未在现场审核期内提交材料"),
        ONSITE_REFUSED("EndOnsiteRefused", "现场材料审核未通过"),
        FRESH_GRADUATE_LAPSED("EndFreshGraduateLapsed", "应届生未按时补填前置学历毕业证号，视为放弃本批次毕业申请"),
        NOT_APPROVED("EndNotApproved", "省考委复核未通过"),
        APPROVED(null, "省考委复核通过，待领取毕业证"),
        CERTIFICATE_COLLECTED("EndCertificateCollected", "已领取毕业证书");

        private final String endEvent;
        private final String label;

        State(String endEvent, String label) {
            this.endEvent = endEvent;
            this.label = label;
        }

        public String endEvent() {
            return endEvent;
        }

        public String label() {
            return label;
        }

        public static Optional<State> byEndEvent(String id) {
            return Arrays.stream(values()).filter(s -> id.equals(s.endEvent)).findFirst();
        }
    }

    /** How the application window ended, read by the gateway after it (set by GradFlow, no form has it). */
    public enum ApplicationOutcome { APPLIED, RECORD_ERROR, FORECAST_FAILED }

    /** An office's decision on a review step. */
    public enum Decision { APPROVE, REJECT }

    /** The candidate's answer on 确认信息. */
    public enum RecordAnswer { CORRECT, ERROR }

    // set by GradFlow (steps and listeners); no form has these fields, so no door can write them
    public static final ProcessVariable<Long> CASE_ID = ProcessVariable.of("caseId", Long.class);
    public static final ProcessVariable<String> CANDIDATE_NO = ProcessVariable.of("candidateNo", String.class);
    public static final ProcessVariable<String> SESSION = ProcessVariable.of("session", String.class);
    public static final ProcessVariable<Boolean> PREREQUISITES_PENDING = ProcessVariable.of("prerequisitesPending", Boolean.class);
    public static final ProcessVariable<Boolean> BACHELOR = ProcessVariable.of("bachelor", Boolean.class);
    public static final ProcessVariable<Boolean> PRIOR_DEGREE_VERIFIED = ProcessVariable.of("priorDegreeVerified", Boolean.class);
    public static final ProcessVariable<Boolean> RECORD_CORRECT = ProcessVariable.of("recordCorrect", Boolean.class);
    public static final ProcessVariable<Boolean> FORECAST_PASSED = ProcessVariable.of("forecastPassed", Boolean.class);
    public static final ProcessVariable<Boolean> IDENTITY_MATCHED = ProcessVariable.of("identityMatched", Boolean.class);
    public static final ProcessVariable<Boolean> APPROVED = ProcessVariable.of("approved", Boolean.class);
    public static final ProcessVariable<Boolean> ONSITE_PASSED = ProcessVariable.of("onsitePassed", Boolean.class);
    public static final ProcessVariable<Boolean> CERTIFICATE_PENDING = ProcessVariable.of("certificatePending", Boolean.class);
    public static final ProcessVariable<String> APPLICATION_OUTCOME = ProcessVariable.of("applicationOutcome", String.class);
    /** What the forms show: the candidate's record, the case's findings and trail (Markdown, rebuilt per step). */
    public static final ProcessVariable<String> CASE_SUMMARY = ProcessVariable.of("caseSummary", String.class);
    public static final ProcessVariable<String> FINDINGS_TEXT = ProcessVariable.of("findingsText", String.class);
    public static final ProcessVariable<String> REQUIRED_DOCUMENTS_TEXT = ProcessVariable.of("requiredDocumentsText", String.class);

    // form fields
    public static final ProcessVariable<String> DECISION = ProcessVariable.of("decision", String.class);
    public static final ProcessVariable<String> REASON = ProcessVariable.of("reason", String.class);
    public static final ProcessVariable<String> RECORD_ANSWER = ProcessVariable.of("recordAnswer", String.class);
    public static final ProcessVariable<String> ERROR_DESCRIPTION = ProcessVariable.of("errorDescription", String.class);
    public static final ProcessVariable<String> PRIOR_DEGREE_KIND = ProcessVariable.of("priorDegreeKind", String.class);
    public static final ProcessVariable<String> PRIOR_DEGREE_NO = ProcessVariable.of("priorDegreeNo", String.class);
    public static final ProcessVariable<String> PROCESSING_LOCATION = ProcessVariable.of("processingLocation", String.class);
    public static final ProcessVariable<String> PHONE = ProcessVariable.of("phone", String.class);
    public static final ProcessVariable<String> CHARACTER_ASSESSMENT = ProcessVariable.of("characterAssessment", String.class);
    public static final ProcessVariable<String> ASSESSMENT_UNIT = ProcessVariable.of("assessmentUnit", String.class);
    /** 基本信息维护 on 确认信息. */
    public static final String[] BASIC_DATA = {"nativePlace", "ethnicity", "lastEducation", "occupation", "employer"};
}
