package cn.gradflow.hqsubmission;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import cn.gradflow.application.ApplicationProcess;
import cn.gradflow.common.FanOut;

import static cn.gradflow.hqsubmission.HqSubmissionProcess.BATCH_CODE;
import static cn.gradflow.hqsubmission.HqSubmissionProcess.SUBMISSION_ID;

/**
 * Bean {@code hqDelivery}: the list's cases go to HQ one job each ({@code DeliverToHq} in
 * hq-submission.bpmn, fanned out by {@link FanOut}); each case's HQ CHSI check runs in its own job.
 */
@Component("hqDelivery")
public class HqDelivery {

    private final HqSubmissionRepository lists;
    private final RuntimeService runtime;

    HqDelivery(HqSubmissionRepository lists, RuntimeService runtime) {
        this.lists = lists;
        this.runtime = runtime;
    }

    public List<Integer> chunks(DelegateExecution execution) {
        return FanOut.chunks(lists.count(SUBMISSION_ID.require(execution), null));
    }

    public List<String> cases(DelegateExecution execution) {
        return lists.chunk(SUBMISSION_ID.require(execution), FanOut.CHUNK.require(execution));
    }

    /** A case no longer waiting for HQ (closed while on the list) is recorded as such, not an error. */
    public void deliver(DelegateExecution execution) {
        String studentNo = FanOut.CASE.require(execution);
        int moved = runtime.createMessageCorrelation(ApplicationProcess.MESSAGE_SUBMITTED_TO_HQ)
                .processInstanceBusinessKey(ApplicationProcess.businessKey(BATCH_CODE.require(execution), studentNo))
                .correlateAllWithResult().size();
        lists.markDelivery(SUBMISSION_ID.require(execution), studentNo,
                moved > 0 ? HqSubmissionDelegates.DELIVERED : HqSubmissionDelegates.NOT_WAITING);
    }
}
