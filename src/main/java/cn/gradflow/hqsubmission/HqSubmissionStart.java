package cn.gradflow.hqsubmission;

import java.util.Optional;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import cn.gradflow.batch.BatchRepository;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Tier;
import cn.gradflow.security.CurrentUser;
import cn.gradflow.security.UnitScope;

import static cn.gradflow.hqsubmission.HqSubmissionProcess.BATCH_CODE;
import static cn.gradflow.hqsubmission.HqSubmissionProcess.BRANCH;

/**
 * Who may file a branch's list for HQ, asked by every door that starts one: {@code /api}, Tasklist's
 * 「Start process」 and {@code /engine-rest} (as bean {@code hqSubmissionStart}, the first start
 * listener of {@code hq-submission}). A branch files its own list, HQ any; the batch process files
 * it at the close. The business key is set here from the checked values, whatever the client sent.
 */
@Component("hqSubmissionStart")
public class HqSubmissionStart implements ExecutionListener {

    public enum Refusal { NO_SUCH_BATCH, NO_SUCH_BRANCH, NOT_OWN_BRANCH, NOTHING_WAITING }

    public record Verdict(Refusal refusal, String message) {
        public boolean allowed() {
            return refusal == null;
        }
    }

    private final BatchRepository batches;
    private final RosterRepository roster;
    private final UnitScope scope;
    private final CurrentUser currentUser;

    private final HqSubmissionRepository lists;

    HqSubmissionStart(BatchRepository batches, RosterRepository roster, UnitScope scope, CurrentUser currentUser,
                      HqSubmissionRepository lists) {
        this.lists = lists;
        this.batches = batches;
        this.roster = roster;
        this.scope = scope;
        this.currentUser = currentUser;
    }

    public Verdict check(String batchCode, String branchCode) {
        if (batchCode == null || batches.findBatch(batchCode).isEmpty()) {
            return new Verdict(Refusal.NO_SUCH_BATCH, "批次不存在：" + batchCode);
        }
        if (branchCode == null || roster.findUnit(branchCode).filter(u -> u.tier() == Tier.BRANCH).isEmpty()) {
            return new Verdict(Refusal.NO_SUCH_BRANCH, "分部不存在：" + branchCode);
        }
        boolean system = CurrentUser.SYSTEM.equals(currentUser.id());
        if (!system && !scope.coversUnit(branchCode)) {
            return new Verdict(Refusal.NOT_OWN_BRANCH, "只有本分部学籍管理人员或总部可以编制 " + branchCode + " 的上报名单");
        }
        // A person asking for an empty list is told so before anything starts (issue 11: Tasklist only said
        // "The process has been started."). The batch's close files its list as system and may find it
        // empty: that list ends at once as 无待上报学生, on record.
        if (!system && lists.countWaiting(batchCode, branchCode) == 0) {
            return new Verdict(Refusal.NOTHING_WAITING, "批次 " + batchCode + " 中" + roster.findUnit(branchCode).orElseThrow().name()
                    + "没有可编入名单的学生：没有“待分部上报总部”（复审已通过）且不在待确认名单上的学生，未编制名单");
        }
        return new Verdict(null, null);
    }

    @Override
    public void notify(DelegateExecution execution) {
        String batchCode = Optional.ofNullable(BATCH_CODE.get(execution)).map(String::strip).orElse(null);
        String branchCode = Optional.ofNullable(BRANCH.get(execution)).map(String::strip).orElse(null);
        Verdict verdict = check(batchCode, branchCode);
        if (verdict.allowed()) {
            // Issue 13: a list started at the same moment (on another node) may be compiling and not yet committed,
            // so the look above found its cases still free. Wait for it on the branch's row, which every compile
            // locks first, and look again: the later start is refused, instead of filing an empty list.
            lists.lockBranch(branchCode);
            verdict = check(batchCode, branchCode);
        }
        if (verdict.refusal() == Refusal.NOT_OWN_BRANCH) {
            throw new AuthorizationException(verdict.message());
        }
        if (!verdict.allowed()) {
            throw new BadUserRequestException(verdict.message());
        }
        BATCH_CODE.set(execution, batchCode);
        BRANCH.set(execution, branchCode);
        execution.setProcessBusinessKey(batchCode + "-" + branchCode);
    }
}
