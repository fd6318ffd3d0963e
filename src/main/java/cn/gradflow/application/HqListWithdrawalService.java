package cn.gradflow.application;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import cn.gradflow.roster.Tier;
import cn.gradflow.security.AsSystem;
import cn.gradflow.web.ApiException;

import static cn.gradflow.application.ApplicationProcess.*;

/**
 * Issue 11: the exit from 待分部上报总部. A case waits there with no task (a province's branch holds
 * thousands), so its branch or HQ takes it off the way to HQ with one call: back to 分部复审, back to
 * the centre's 整改 with a reason, or 暂缓毕业. The caller's unit scope is checked by the endpoint; the
 * message {@value ApplicationProcess#MESSAGE_WITHDRAWN_FROM_HQ_LIST} is correlated as the system and
 * {@link RecordHqListWithdrawalListener} records the decision under the caller.
 */
@Component
class HqListWithdrawalService {

    private final ApplicationRepository applications;
    private final RuntimeService runtime;
    private final AsSystem asSystem;

    HqListWithdrawalService(ApplicationRepository applications, RuntimeService runtime, AsSystem asSystem) {
        this.applications = applications;
        this.runtime = runtime;
        this.asSystem = asSystem;
    }

    /**
     * Refused with 409 when the case is not at {@link ApplicationState#AWAITING_HQ} or is on a list its
     * branch is still confirming: the list owns it then, and the branch excludes it from the list first.
     */
    ApplicationRecord withdraw(ApplicationRecord application, HqListWithdrawal withdrawal, String reason,
                               String userId, Tier tier) {
        if (withdrawal.needsReason() && (reason == null || reason.isBlank())) {
            throw ApiException.badRequest("退回整改或暂缓毕业须填写原因（reason）");
        }
        if (application.state() != ApplicationState.AWAITING_HQ) {
            throw notWaiting(application.state());
        }
        if (applications.onOpenHqList(application.id())) {
            throw new ApiException(HttpStatus.CONFLICT, "ON_OPEN_HQ_LIST",
                    "该生在分部正在确认的上报总部名单上，须先在名单中将其排除，再撤出上报");
        }
        try {
            asSystem.run(() -> runtime.createMessageCorrelation(MESSAGE_WITHDRAWN_FROM_HQ_LIST)
                    .processInstanceBusinessKey(businessKey(application.batchCode(), application.studentNo()))
                    .setVariable(HQ_LIST_WITHDRAWAL.name(), withdrawal.name())
                    .setVariable(REASON.name(), reason == null || reason.isBlank() ? null : reason.strip())
                    .setVariable(WITHDRAWN_BY.name(), userId)
                    .setVariable(WITHDRAWN_BY_TIER.name(), tier.name())
                    .correlateWithResult());
        } catch (MismatchingMessageCorrelationException e) {
            // delivered to HQ or closed between the check and now
            throw notWaiting(applications.findById(application.id()).map(ApplicationRecord::state).orElse(application.state()));
        }
        return applications.findById(application.id()).orElseThrow();
    }

    private static ApiException notWaiting(ApplicationState state) {
        return new ApiException(HttpStatus.CONFLICT, "NOT_AWAITING_HQ",
                "该生当前为「" + state.label() + "」，不在「" + ApplicationState.AWAITING_HQ.label() + "」，不能撤出上报");
    }
}
