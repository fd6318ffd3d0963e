package cn.gradflow.identity;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.application.ApplicationState;

import static cn.gradflow.application.ApplicationProcess.APPLICATION_ID;
import static cn.gradflow.application.ApplicationProcess.DECISION;
import static cn.gradflow.application.ApplicationProcess.REASON;
import static cn.gradflow.identity.IdentityReviewProcess.IDENTITY_ACTION;

/** On entering an identity-review task: the application is in identity review at that tier; forms start empty. */
@Component("trackIdentityStep")
class TrackIdentityStepListener implements ExecutionListener {

    private final ApplicationRepository applications;

    TrackIdentityStepListener(ApplicationRepository applications) {
        this.applications = applications;
    }

    @Override
    public void notify(DelegateExecution execution) {
        IdentityReviewProcess.Step step = IdentityReviewProcess.Step.byId(execution.getCurrentActivityId())
                .orElseThrow(() -> new IllegalStateException("trackIdentityStep 不适用于元素 " + execution.getCurrentActivityId()));
        applications.moveTo(APPLICATION_ID.require(execution), ApplicationState.IDENTITY_REVIEW, step.tier());
        DECISION.set(execution, null);
        REASON.set(execution, null);
        IDENTITY_ACTION.set(execution, null);
    }
}
