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

import cn.gradflow.batch.BatchRepository;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Tier;
import cn.gradflow.security.UnitScope;
import cn.gradflow.web.ApiException;

/** The branch starts compiling its list for HQ (also possible from Tasklist's 「Start process」). */
@RestController
@RequestMapping("/api/batches/{batchCode}/branches/{branchCode}/hq-submissions")
class HqSubmissionController {

    record Started(String processInstanceId, Long submissionId, boolean empty, String list) {
    }

    private final RuntimeService runtime;
    private final BatchRepository batches;
    private final RosterRepository roster;
    private final UnitScope scope;

    HqSubmissionController(RuntimeService runtime, BatchRepository batches, RosterRepository roster, UnitScope scope) {
        this.runtime = runtime;
        this.batches = batches;
        this.roster = roster;
        this.scope = scope;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Started start(@PathVariable String batchCode, @PathVariable String branchCode) {
        batches.findBatch(batchCode).orElseThrow(() -> ApiException.notFound("批次不存在：" + batchCode));
        roster.findUnit(branchCode).filter(u -> u.tier() == Tier.BRANCH)
                .orElseThrow(() -> ApiException.notFound("分部不存在：" + branchCode));
        if (!scope.coversUnit(branchCode)) {
            throw ApiException.forbidden("只有本分部学籍管理人员或总部可以编制上报名单");
        }
        ProcessInstance pi = runtime.createProcessInstanceByKey(HqSubmissionProcess.KEY)
                .businessKey(batchCode + "-" + branchCode)
                .setVariables(Map.of(HqSubmissionProcess.BATCH_CODE.name(), batchCode, HqSubmissionProcess.BRANCH.name(), branchCode))
                .execute();
        Map<String, Object> vars = pi.isEnded() ? Map.of() : runtime.getVariables(pi.getId());
        boolean empty = pi.isEnded();
        return new Started(pi.getId(), (Long) vars.get(HqSubmissionProcess.SUBMISSION_ID.name()), empty,
                empty ? "无待上报学生" : (String) vars.get(HqSubmissionProcess.LIST_TEXT.name()));
    }
}
