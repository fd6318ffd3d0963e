package cn.gradflow.application;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import static cn.gradflow.application.ApplicationProcess.*;

/** Ends a student's open case in a batch with the reason, through the model's BatchClosed event sub-process. */
@Component
public class CaseClosing {

    private final RuntimeService runtime;

    CaseClosing(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** How many cases it ended (0 where the case had already ended). */
    public int close(String batchCode, String studentNo, String reason) {
        return runtime.createMessageCorrelation(MESSAGE_BATCH_CLOSED)
                .processInstanceBusinessKey(businessKey(batchCode, studentNo))
                .setVariable(CLOSED_REASON.name(), reason)
                .correlateAllWithResult().size();
    }
}
