package cn.gradflow.admission;

import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import cn.gradflow.admission.AdmissionCaseRepository.AdmissionCase;
import cn.gradflow.admission.AdmissionReviewProcess.Decision;
import cn.gradflow.admission.AdmissionReviewProcess.Outcome;
import cn.gradflow.admission.AdmissionReviewProcess.Step;
import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.security.CurrentUser;

import static cn.gradflow.admission.AdmissionReviewProcess.DECISION;
import static cn.gradflow.admission.AdmissionReviewProcess.HISTORY;
import static cn.gradflow.admission.AdmissionReviewProcess.REASON;

/**
 * The listeners of the admission-review tasks and end events, thin over {@link AdmissionRules} and the
 * case table: bean {@code admissionTask} (create: the case is at this step, the form starts empty;
 * complete: the decision is checked and recorded, a refusal keeps the form open with its Chinese text) and
 * bean {@code closeAdmissionCase} (an end event: the case's outcome).
 */
final class AdmissionSteps {

    private AdmissionSteps() {
    }

    static String history(AdmissionCaseRepository cases, long caseId) {
        var steps = cases.steps(caseId);
        if (steps.isEmpty()) {
            return "（暂无）";
        }
        return steps.stream().map(s -> "- " + s.decidedAt().withNano(0).toString().replace('T', ' ') + " " + s.actor() + "："
                        + label(s.step()) + " → " + decisionLabel(s.decision()) + (s.reason() == null ? "" : "（" + s.reason() + "）"))
                .collect(Collectors.joining("\n"));
    }

    private static String label(String step) {
        return switch (step) {
            case "ResubmitAdmissionPhoto" -> "补交录取照片";
            case "ComparePhotos" -> "录取照片与毕业照片比对";
            case "VerifyIdentity" -> "招生办身份核实";
            case "ReportVerifiedIdentity" -> "教务处备案并重新上报";
            case "ReviewCorrectedPhoto" -> "招生办审核勘误照片";
            case "ReReportCorrectedPhoto" -> "教务处重新上报录取照片";
            case "ReviewPriorDegree" -> "招生办审核前置学历复查材料";
            case "ReRegisterStatus" -> "教务处在学信网重新注册学籍";
            default -> step;
        };
    }

    private static String decisionLabel(String decision) {
        try {
            return Decision.valueOf(decision).label();
        } catch (IllegalArgumentException e) {
            return decision;
        }
    }

    @Component("admissionTask")
    static class TaskStep implements TaskListener {

        private final AdmissionCaseRepository cases;
        private final AdmissionRouting routing;
        private final PhotoRepository photos;
        private final CurrentUser currentUser;

        TaskStep(AdmissionCaseRepository cases, AdmissionRouting routing, PhotoRepository photos, CurrentUser currentUser) {
            this.cases = cases;
            this.routing = routing;
            this.photos = photos;
            this.currentUser = currentUser;
        }

        @Override
        public void notify(DelegateTask task) {
            Step step = Step.byId(task.getTaskDefinitionKey())
                    .orElseThrow(() -> new IllegalStateException("admissionTask 不适用于任务 " + task.getTaskDefinitionKey()));
            AdmissionCase c = routing.caseOf(task.getExecution());
            if (EVENTNAME_CREATE.equals(task.getEventName())) {
                cases.moveTo(c.id(), step.id());
                DECISION.set(task.getExecution(), null);
                REASON.set(task.getExecution(), null);
                HISTORY.set(task.getExecution(), history(cases, c.id()));
                return;
            }
            String currentSha = photos.find(c.studentNo(), PhotoRepository.Kind.ADMISSION).map(PhotoRepository.StoredPhoto::sha256).orElse(null);
            boolean replaced = currentSha != null && !currentSha.equals(c.photoSha256());
            AdmissionRules.Verdict verdict = AdmissionRules.decide(step, DECISION.get(task), REASON.get(task),
                    new AdmissionRules.StepFacts(replaced, c.correctedPhoto()));
            if (verdict instanceof AdmissionRules.Refused refused) {
                throw new BadUserRequestException(refused.finding().rule() + " " + refused.finding().message());
            }
            AdmissionRules.Accepted accepted = (AdmissionRules.Accepted) verdict;
            DECISION.set(task, accepted.decision().name());
            if (step == Step.COMPARE_PHOTOS) {
                // the photo this comparison saw: a later 录取照片有误 must bring another one
                cases.rememberComparedPhoto(c.id(), currentSha);
            }
            cases.addStep(c.id(), step.id(), accepted.decision().name(), accepted.reason(), currentUser.id());
        }
    }

    @Component("closeAdmissionCase")
    static class Close implements ExecutionListener {

        private final AdmissionCaseRepository cases;
        private final AdmissionRouting routing;

        Close(AdmissionCaseRepository cases, AdmissionRouting routing) {
            this.cases = cases;
            this.routing = routing;
        }

        @Override
        public void notify(DelegateExecution execution) {
            Outcome outcome = Outcome.byEndEvent(execution.getCurrentActivityId())
                    .orElseThrow(() -> new IllegalStateException("closeAdmissionCase 不适用于元素 " + execution.getCurrentActivityId()));
            cases.close(routing.caseOf(execution).id(), outcome);
        }
    }
}
