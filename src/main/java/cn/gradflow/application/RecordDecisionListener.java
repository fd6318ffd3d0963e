package cn.gradflow.application;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import cn.gradflow.checks.ApplicationChoice;

import static cn.gradflow.application.ApplicationProcess.*;

/**
 * On completing a user task: validates what the form sent (a rejection needs a reason, a certificate
 * needs the student's signature) and appends the decision to the trail. A refusal here rolls the
 * completion back and Tasklist shows the message.
 */
@Component("recordDecision")
class RecordDecisionListener implements TaskListener {

    private final ApplicationRepository applications;
    private final DecisionTrail trail;

    RecordDecisionListener(ApplicationRepository applications, DecisionTrail trail) {
        this.applications = applications;
        this.trail = trail;
    }

    @Override
    public void notify(DelegateTask task) {
        Step step = Step.byId(task.getTaskDefinitionKey())
                .orElseThrow(() -> new IllegalStateException("未知任务：" + task.getTaskDefinitionKey()));
        switch (step) {
            case SUBMIT_APPLICATION -> submitted(task);
            case CORRECT_APPLICATION -> corrected(task);
            case CITY_APPROVAL, BRANCH_REVIEW, HQ_FINAL_REVIEW -> reviewed(task, step);
            case CONFIRM_CERTIFICATE -> certificateHandedOut(task);
            default -> throw new IllegalStateException("任务 " + step.id() + " 不记录决定");
        }
    }

    private void submitted(DelegateTask task) {
        ApplicationChoice.Kind kind = ApplicationForms.parse(ApplicationChoice.Kind.class, APPLICATION_KIND.get(task), "申请类型");
        saveChoice(task);
        trail.record(task, Step.SUBMIT_APPLICATION.tier(),
                kind == ApplicationChoice.Kind.DEFERRED ? CorrectionAction.DEFER.name() : DecisionLabels.APPLY, REASON.get(task));
    }

    private void corrected(DelegateTask task) {
        CorrectionAction action = ApplicationForms.parse(CorrectionAction.class, CORRECTION_ACTION.get(task), "处理方式");
        if (action == CorrectionAction.RESUBMIT) {
            saveChoice(task);
        }
        trail.record(task, Step.CORRECT_APPLICATION.tier(), action.name(), REASON.get(task));
    }

    private void reviewed(DelegateTask task, Step step) {
        ReviewDecision decision = ApplicationForms.parse(ReviewDecision.class, DECISION.get(task), "审核结果");
        String reason = REASON.get(task);
        if (decision == ReviewDecision.REJECT) {
            if (reason == null || reason.isBlank()) {
                throw new BadUserRequestException("退回必须填写退回原因");
            }
            LAST_REJECTION.set(task, step.tier().label() + "退回：" + reason.strip());
        }
        trail.record(task, step.tier(), decision.name(), reason);
    }

    private void certificateHandedOut(DelegateTask task) {
        if (!Boolean.TRUE.equals(CERTIFICATE_SIGNED.get(task))) {
            throw new BadUserRequestException("须确认学生已签收证书并核对学信网信息");
        }
        trail.record(task, Step.CONFIRM_CERTIFICATE.tier(), DecisionLabels.CERTIFICATE_HANDED_OUT, REASON.get(task));
    }

    private static String describe(ApplicationChoice choice) {
        return "- " + choice.kind().label()
                + (choice.kind() == ApplicationChoice.Kind.GRADUATION_DEGREE && choice.degreeType() != null
                        ? "（" + choice.degreeType().label() + "）" : "")
                + "\n- 承诺书：" + (choice.commitmentLetter() ? "已收到学生本人签署" : "未确认")
                + "\n- 批次轮次：" + choice.round().label();
    }

    private void saveChoice(DelegateTask task) {
        ApplicationRecord application = applications.findById(APPLICATION_ID.require(task))
                .orElseThrow(() -> new IllegalStateException("申请不存在"));
        ApplicationChoice choice = ApplicationForms.choice(task, application.round());
        if (choice != null) {
            applications.saveChoice(application.id(), choice.kind(), choice.degreeType(), choice.commitmentLetter());
            CHOICE_TEXT.set(task, describe(choice));
        }
    }
}
