package cn.gradflow.application;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import cn.gradflow.roster.Tier;

import static cn.gradflow.application.ApplicationProcess.CLOSED_REASON;

/** A case closed for this batch keeps why in its trail; the student can apply again in the next batch. */
@Component("recordBatchClosed")
class RecordBatchClosedDelegate implements JavaDelegate {

    private final DecisionTrail trail;

    RecordBatchClosedDelegate(DecisionTrail trail) {
        this.trail = trail;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reason = CLOSED_REASON.get(execution);
        trail.recordAutomatic(execution, Tier.BRANCH, DecisionLabels.BATCH_CLOSED,
                reason == null || reason.isBlank() ? "本批次已关闭" : reason);
    }
}
