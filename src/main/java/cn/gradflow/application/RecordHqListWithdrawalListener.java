package cn.gradflow.application;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import cn.gradflow.roster.Tier;

import static cn.gradflow.application.ApplicationProcess.*;

/**
 * On leaving {@link Step#WITHDRAWN_FROM_HQ_LIST}: writes the branch's (or HQ's) decision to the trail
 * under the user who called {@link HqListWithdrawalService}, tells the centre why when the case goes
 * back to 整改, and removes who and which tier from the case's variables again.
 */
@Component("recordHqListWithdrawal")
class RecordHqListWithdrawalListener implements ExecutionListener {

    private final DecisionTrail trail;

    RecordHqListWithdrawalListener(DecisionTrail trail) {
        this.trail = trail;
    }

    @Override
    public void notify(DelegateExecution execution) {
        HqListWithdrawal withdrawal = HqListWithdrawal.valueOf(HQ_LIST_WITHDRAWAL.require(execution));
        Tier tier = Tier.valueOf(WITHDRAWN_BY_TIER.require(execution));
        String reason = REASON.get(execution);
        trail.recordBy(execution, WITHDRAWN_BY.require(execution), tier, withdrawal.trailCode(), reason);
        if (withdrawal == HqListWithdrawal.CORRECTION) {
            LAST_REJECTION.set(execution, tier.label() + "撤出上报名单并退回：" + reason.strip());
        }
        execution.removeVariable(WITHDRAWN_BY.name());
        execution.removeVariable(WITHDRAWN_BY_TIER.name());
    }
}
