package cn.gradflow.batchflow;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.gradflow.application.ApplicationState;
import cn.gradflow.application.CaseClosing;
import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.common.FanOut;
import cn.gradflow.common.SchoolClock;

import static cn.gradflow.batchflow.BatchProcess.BATCH_CODE;
import static cn.gradflow.batchflow.BatchProcess.BRANCH;

/**
 * R-BA-04 at the batch's close, bean {@code batchClosure}: what the branch has not approved ends for
 * this batch. The cases are listed once (rows of batch_closure), then closed one job each
 * ({@code CloseCases} in graduation-batch.bpmn, {@link FanOut}), then the units are told how many.
 */
@Component("batchClosure")
public class BatchClosure {

    static final String CLOSED = "CLOSED";
    static final String ALREADY_ENDED = "ALREADY_ENDED";

    private final JdbcClient jdbc;
    private final BranchCaseList list;
    private final BatchRepository batches;
    private final CaseClosing closing;
    private final BatchMilestones milestones;

    BatchClosure(JdbcClient jdbc, BatchRepository batches, CaseClosing closing, BatchMilestones milestones, SchoolClock clock) {
        this.jdbc = jdbc;
        this.list = new BranchCaseList(jdbc, "batch_closure", clock);
        this.batches = batches;
        this.closing = closing;
        this.milestones = milestones;
    }

    /** The cases still short of the branch's approval now, as rows; run again (a retry), it adds none twice. */
    public void list(DelegateExecution execution) {
        String batch = BATCH_CODE.require(execution);
        String branch = BRANCH.require(execution);
        jdbc.sql("""
                        INSERT INTO batch_closure (batch_code, branch_code, student_no)
                        SELECT a.batch_code, c.branch_code, a.student_no FROM application a
                        JOIN student_chain c ON c.student_no = a.student_no
                        WHERE a.batch_code = :batch AND c.branch_code = :branch AND a.state IN (:states)
                          AND NOT EXISTS (SELECT 1 FROM batch_closure b WHERE b.batch_code = a.batch_code
                                          AND b.branch_code = c.branch_code AND b.student_no = a.student_no)""")
                .param("batch", batch).param("branch", branch)
                .param("states", BatchMilestones.NOT_YET_APPROVED_BY_BRANCH.stream().map(ApplicationState::name).toList())
                .update();
    }

    public List<Integer> chunks(DelegateExecution execution) {
        return list.chunks(execution);
    }

    public List<String> cases(DelegateExecution execution) {
        return list.cases(execution);
    }

    /** One case, in its own job; a case that ended meanwhile (the student deferred, say) is noted, not an error. */
    public void close(DelegateExecution execution) {
        String batch = BATCH_CODE.require(execution);
        String branch = BRANCH.require(execution);
        String studentNo = FanOut.CASE.require(execution);
        BatchCalendar c = calendar(batch, branch);
        int closed = closing.close(batch, studentNo, "批次 " + batch + " 已于 " + c.finalClose()
                + " 关闭，申请未经分部复审通过，本批次不再受理；可在下一批次重新申请");
        list.done(batch, branch, studentNo, closed > 0 ? CLOSED : ALREADY_ENDED);
    }

    /** Every unit of the branch learns how many cases the close ended. */
    public void announce(DelegateExecution execution) {
        String batch = BATCH_CODE.require(execution);
        String branch = BRANCH.require(execution);
        long closed = jdbc.sql("SELECT COUNT(*) FROM batch_closure WHERE batch_code = ? AND branch_code = ? AND outcome = ?")
                .params(batch, branch, CLOSED).query(Long.class).single();
        milestones.announce(calendar(batch, branch), "BATCH_CLOSED",
                "批次 " + batch + " 已关闭，" + closed + " 个未经分部复审通过的申请已结束");
    }

    private BatchCalendar calendar(String batch, String branch) {
        return batches.findCalendar(batch, branch)
                .orElseThrow(() -> new IllegalStateException("分部 " + branch + " 未设置批次 " + batch + " 的日历"));
    }
}
