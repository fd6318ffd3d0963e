package cn.gradflow.application;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import cn.gradflow.checks.ApplicationChoice;

import static cn.gradflow.application.ApplicationProcess.*;

/**
 * On entering a user task or an end event: records the state and tier the case is now in, and
 * clears the previous task's decision so no form opens pre-filled with another tier's verdict.
 */
@Component("trackStep")
class TrackStepListener implements ExecutionListener {

    private final ApplicationRepository applications;

    TrackStepListener(ApplicationRepository applications) {
        this.applications = applications;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Step step = Step.byId(execution.getCurrentActivityId())
                .filter(s -> s.state() != null)
                .orElseThrow(() -> new IllegalStateException("trackStep 不适用于元素 " + execution.getCurrentActivityId()));
        long id = APPLICATION_ID.require(execution);
        applications.moveTo(id, step.state(), step.tier());
        if (step == Step.END_DEFERRED) {
            applications.saveChoice(id, ApplicationChoice.Kind.DEFERRED, null, false);
        }
        DECISION.set(execution, null);
        REASON.set(execution, null);
        CORRECTION_ACTION.set(execution, null);
    }
}
