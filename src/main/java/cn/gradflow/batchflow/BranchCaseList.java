package cn.gradflow.batchflow;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.gradflow.common.FanOut;
import cn.gradflow.common.SchoolClock;

import static cn.gradflow.batchflow.BatchProcess.BATCH_CODE;
import static cn.gradflow.batchflow.BatchProcess.BRANCH;

/**
 * A branch's list of students in one batch that a fan-out works through (batch_closure, status_cleanup:
 * both keyed by batch_code, branch_code, student_no, with outcome and done_at): its chunks, a chunk's
 * students in a fixed order, and each one's outcome. {@code table} is one of those names, never input.
 */
record BranchCaseList(JdbcClient jdbc, String table, SchoolClock clock) {

    List<Integer> chunks(DelegateExecution execution) {
        return FanOut.chunks(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE batch_code = ? AND branch_code = ?")
                .params(BATCH_CODE.require(execution), BRANCH.require(execution)).query(Long.class).single());
    }

    List<String> cases(DelegateExecution execution) {
        return jdbc.sql("SELECT student_no FROM " + table + " WHERE batch_code = ? AND branch_code = ?"
                        + " ORDER BY student_no LIMIT ? OFFSET ?")
                .params(BATCH_CODE.require(execution), BRANCH.require(execution), FanOut.CHUNK_SIZE, FanOut.offset(execution))
                .query(String.class).list();
    }

    void done(String batch, String branch, String studentNo, String outcome) {
        jdbc.sql("UPDATE " + table + " SET outcome = ?, done_at = ? WHERE batch_code = ? AND branch_code = ? AND student_no = ?")
                .params(outcome, clock.timestamp(), batch, branch, studentNo).update();
    }
}
