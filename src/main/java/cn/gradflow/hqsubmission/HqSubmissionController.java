package cn.gradflow.hqsubmission;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.gradflow.web.ApiException;

/** The branch starts compiling its list for HQ (also possible from Tasklist's 「Start process」). */
@RestController
@RequestMapping("/api/batches/{batchCode}/branches/{branchCode}/hq-submissions")
class HqSubmissionController {

    record Started(String processInstanceId, Long submissionId, boolean empty, String list) {
    }

    private final RuntimeService runtime;
    private final HqSubmissionStart startCheck;
    private final HqSubmissionRepository lists;

    HqSubmissionController(RuntimeService runtime, HqSubmissionStart startCheck, HqSubmissionRepository lists) {
        this.runtime = runtime;
        this.startCheck = startCheck;
        this.lists = lists;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Started start(@PathVariable String batchCode, @PathVariable String branchCode) {
        HqSubmissionStart.Verdict verdict = startCheck.check(batchCode, branchCode);
        if (verdict.refusal() == HqSubmissionStart.Refusal.NOT_OWN_BRANCH) {
            throw ApiException.forbidden(verdict.message());
        }
        if (verdict.refusal() == HqSubmissionStart.Refusal.NOTHING_WAITING) {
            throw new ApiException(HttpStatus.CONFLICT, verdict.refusal().name(), verdict.message());
        }
        if (!verdict.allowed()) {
            throw ApiException.notFound(verdict.message());
        }
        ProcessInstance pi;
        try {
            pi = runtime.createProcessInstanceByKey(HqSubmissionProcess.KEY)
                    .businessKey(batchCode + "-" + branchCode)
                    .setVariables(Map.of(HqSubmissionProcess.BATCH_CODE.name(), batchCode, HqSubmissionProcess.BRANCH.name(), branchCode))
                    .execute();
        } catch (org.camunda.bpm.engine.AuthorizationException | org.camunda.bpm.engine.BadUserRequestException refused) {
            // the start listener asks again, after any list being compiled (issue 13): a list started at the same
            // moment, on this node or another, took the cases after the check above; its refusal is the same 409
            HqSubmissionStart.Verdict now = startCheck.check(batchCode, branchCode);
            if (now.refusal() == HqSubmissionStart.Refusal.NOTHING_WAITING) {
                throw new ApiException(HttpStatus.CONFLICT, now.refusal().name(), now.message());
            }
            if (refused instanceof org.camunda.bpm.engine.AuthorizationException) {
                throw ApiException.forbidden(refused.getMessage());
            }
            throw refused;
        }
        Map<String, Object> vars = pi.isEnded() ? Map.of() : runtime.getVariables(pi.getId());
        boolean empty = pi.isEnded();
        // an empty list ends at once, its variables with it; its row stays (state EMPTY)
        Long submissionId = empty ? lists.findByProcessInstance(pi.getId()).map(HqSubmissionRepository.Submission::id).orElse(null)
                : (Long) vars.get(HqSubmissionProcess.SUBMISSION_ID.name());
        return new Started(pi.getId(), submissionId, empty,
                empty ? "无待上报学生" : (String) vars.get(HqSubmissionProcess.LIST_SUMMARY.name()));
    }
}
