package cn.gradflow.admission;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import cn.gradflow.admission.AdmissionReviewProcess.Decision;
import cn.gradflow.admission.AdmissionReviewProcess.Kind;
import cn.gradflow.admission.AdmissionReviewProcess.Step;
import cn.gradflow.checks.Finding;

/**
 * The rules of the 北京 notice as plain Java (table-tested in {@code AdmissionRulesTest}); the BPMN, the
 * listeners and the endpoints ask here and pass the finding on as the refusal a clerk reads.
 *
 * <ul>
 *   <li>R-ID-04: a failed comparison of admission and graduation photos triggers an identity re-check;
 *       a proven impostor is never registered and no graduation application starts for them.</li>
 *   <li>R-ID-05: the admission photo meets the ADMISSION profile and is named by the candidate number (考生号).</li>
 *   <li>R-ID-06: an enrolled student's photo correction goes enrolment office → academic affairs office.</li>
 *   <li>R-ID-07: prior-degree re-check: the enrolment office reviews the materials, academic affairs re-registers.</li>
 *   <li>R-ID-08: periodic lists of students who have not self-checked their CHSI record, with reminders to their units.</li>
 * </ul>
 */
public final class AdmissionRules {

    /** 考生号: letters and digits, 6–20 (高考 14 digits; open universities issue their own). */
    private static final Pattern CANDIDATE_NO = Pattern.compile("[0-9A-Za-z]{6,20}");

    private AdmissionRules() {
    }

    /** R-ID-05: what is wrong with a candidate number, or empty. */
    public static Optional<Finding> candidateNoProblem(String candidateNo) {
        if (candidateNo == null || candidateNo.isBlank()) {
            return Optional.of(Finding.blocking("R-ID-05", "NO_CANDIDATE_NO", "缺少考生号", null));
        }
        if (!CANDIDATE_NO.matcher(candidateNo).matches()) {
            return Optional.of(Finding.blocking("R-ID-05", "BAD_CANDIDATE_NO", "考生号应为 6–20 位字母或数字", candidateNo));
        }
        return Optional.empty();
    }

    /** What GradFlow knows when a case is asked for. */
    public record StartFacts(Kind kind, boolean officesConfigured, boolean impostor, boolean openCaseOfKind,
                             boolean graduationPhoto, boolean candidateNo) {
    }

    /** Why a case may not start, or empty. */
    public static Optional<Finding> startRefusal(StartFacts f) {
        String rule = f.kind().rule();
        if (!f.officesConfigured()) {
            return Optional.of(Finding.blocking(rule, "NO_ADMISSION_OFFICES", "该生所在学校未设置招生办和教务处，不能办理" + f.kind().label(), null));
        }
        if (f.impostor()) {
            return Optional.of(Finding.blocking("R-ID-04", "IMPOSTOR", "该生已被认定冒名顶替，不予注册学历，不再办理" + f.kind().label(), null));
        }
        if (f.openCaseOfKind()) {
            return Optional.of(Finding.blocking(rule, "CASE_OPEN", "该生已有未办结的" + f.kind().label(), null));
        }
        if (f.kind() == Kind.PHOTO_COMPARISON && !f.graduationPhoto()) {
            return Optional.of(Finding.blocking(rule, "NO_GRADUATION_PHOTO", "该生尚无毕业照片，无法与录取照片比对", null));
        }
        if (f.kind() != Kind.PRIOR_DEGREE && !f.candidateNo()) {
            return Optional.of(Finding.blocking("R-ID-05", "NO_CANDIDATE_NO", "该生没有考生号：录取照片须以考生号命名，请先在学生名单中补录考生号", null));
        }
        return Optional.empty();
    }

    /** What a task's completion must bring besides its decision. */
    public record StepFacts(boolean admissionPhotoReplaced, boolean correctedPhotoUploaded) {
    }

    /** The decision a task was completed with, checked; a refusal's message is what the form shows. */
    public sealed interface Verdict permits Accepted, Refused {
    }

    public record Accepted(Decision decision, String reason) implements Verdict {
    }

    public record Refused(Finding finding) implements Verdict {
    }

    public static Verdict decide(Step step, String rawDecision, String rawReason, StepFacts facts) {
        Decision decision;
        try {
            decision = rawDecision == null ? null : Decision.valueOf(rawDecision.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            decision = null;
        }
        if (decision == null || !step.takes(decision)) {
            return new Refused(Finding.blocking("R-ID-04", "BAD_DECISION", "请选择办理结果", rawDecision));
        }
        String reason = rawReason == null || rawReason.isBlank() ? null : rawReason.strip();
        boolean reasonNeeded = switch (decision) {
            case MISMATCH, IMPOSTOR, NEW_PHOTO, REJECT -> true;
            default -> false;
        };
        if (reasonNeeded && reason == null) {
            return new Refused(Finding.blocking(ruleOf(step), "REASON_REQUIRED", "选择「" + decision.label() + "」须填写说明", null));
        }
        if (decision == Decision.NEW_PHOTO && !facts.admissionPhotoReplaced()) {
            return new Refused(Finding.blocking("R-ID-04", "PHOTO_NOT_REPLACED",
                    "录取照片尚未更换：请先上传以考生号命名的准确录取照片，再提交「" + decision.label() + "」", null));
        }
        if (step == Step.REVIEW_CORRECTED_PHOTO && decision == Decision.APPROVE && !facts.correctedPhotoUploaded()) {
            return new Refused(Finding.blocking("R-ID-06", "NO_CORRECTED_PHOTO", "尚未上传勘误后的录取照片，不能审核通过", null));
        }
        return new Accepted(decision, reason);
    }

    /** R-ID-04: why a graduation application may not start for this student, or empty. */
    public static Optional<Finding> applicationRefusal(boolean impostor) {
        return impostor
                ? Optional.of(Finding.blocking("R-ID-04", "IMPOSTOR",
                "经身份复核认定冒名顶替，不予注册学历，不能启动毕业申请", "录取照片与毕业照片比对未通过，招生办核实为非本人"))
                : Optional.empty();
    }

    private static String ruleOf(Step step) {
        return switch (step) {
            case REVIEW_CORRECTED_PHOTO, REREPORT_CORRECTED_PHOTO -> "R-ID-06";
            case REVIEW_PRIOR_DEGREE, REREGISTER -> "R-ID-07";
            case RESUBMIT_ADMISSION_PHOTO -> "R-ID-05";
            default -> "R-ID-04";
        };
    }
}
