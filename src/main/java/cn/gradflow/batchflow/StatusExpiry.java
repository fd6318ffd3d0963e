package cn.gradflow.batchflow;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.gradflow.application.ApplicationState;
import cn.gradflow.application.CaseClosing;
import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.batch.NotificationRepository;
import cn.gradflow.checks.EligibilityChecks;
import cn.gradflow.common.BoundedText;
import cn.gradflow.common.FanOut;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Term;

import static cn.gradflow.batchflow.BatchProcess.BATCH_CODE;
import static cn.gradflow.batchflow.BatchProcess.BRANCH;
import static cn.gradflow.batchflow.BatchProcess.EXPIRY_REPORT;

/**
 * The 8-year clean-up (学籍清理, R-EL-02, R-BA-07), bean {@code statusExpiry}: warns units of the
 * students for whom this batch is the last; on the clean-up date lists the expired (rows of
 * status_cleanup), terminates each in its own job ({@code SweepCases}, {@link FanOut}) with its open
 * applications closed, then tells each unit who, as a notice with its students as rows.
 */
@Component("statusExpiry")
public class StatusExpiry {

    static final String TERMINATED = "TERMINATED";

    private static final List<String> FINISHED = List.of(ApplicationState.GRADUATED.name(), ApplicationState.DEFERRED.name(),
            ApplicationState.CLOSED.name(), ApplicationState.CERTIFICATE.name());

    private final JdbcClient jdbc;
    private final BranchCaseList list;
    private final BatchRepository batches;
    private final NotificationRepository notifications;
    private final CaseClosing closing;
    private final RosterRepository roster;

    StatusExpiry(JdbcClient jdbc, BatchRepository batches, NotificationRepository notifications, CaseClosing closing,
                 SchoolClock clock, RosterRepository roster) {
        this.jdbc = jdbc;
        this.roster = roster;
        this.list = new BranchCaseList(jdbc, "status_cleanup", clock);
        this.batches = batches;
        this.notifications = notifications;
        this.closing = closing;
    }

    /**
     * Students whose status ends after this batch and by the next: this batch is their last chance.
     * Status lasts 8 years from the enrolment term, so that is an enrolment window, counted in SQL.
     */
    public void warn(DelegateExecution execution) {
        Term batch = Term.parse(BATCH_CODE.require(execution));
        Term next = new Term(batch.month() == 1 ? batch.year() : batch.year() + 1, batch.month() == 1 ? 7 : 1);
        String after = batch.plusYears(-EligibilityChecks.STATUS_VALID_YEARS).code();
        String upTo = next.plusYears(-EligibilityChecks.STATUS_VALID_YEARS).code();
        String branch = BRANCH.require(execution);
        String enrolled = """
                FROM student s JOIN student_chain c ON c.student_no = s.student_no
                WHERE s.status = 'ENROLLED' AND c.branch_code = :branch
                  AND s.enrolment_term > :after AND s.enrolment_term <= :upTo""";
        Map<String, Object> params = Map.of("branch", branch, "after", after, "upTo", upTo);
        perUnit("SELECT s.unit_code, COUNT(*) " + enrolled + " GROUP BY s.unit_code ORDER BY s.unit_code", params)
                .forEach((unit, count) -> notifications.addListed(unit, batch.code(), "EXPIRY_WARNING",
                        "本单位 " + count + " 名学生学籍将于下一批次（" + next.label() + "）前到期，本批次是其最后一次毕业机会（名单见本通知的学生列表）",
                        "SELECT s.student_no " + enrolled + " AND s.unit_code = :unit", with(params, unit)));
    }

    /** On the clean-up date: the expired of the branch, listed once; run again (a retry), it adds none twice. */
    public void list(DelegateExecution execution) {
        String batch = BATCH_CODE.require(execution);
        String branch = BRANCH.require(execution);
        Term cleanup = cleanupTerm(batch, branch);
        jdbc.sql("""
                        INSERT INTO status_cleanup (batch_code, branch_code, student_no, unit_code, enrolment_term)
                        SELECT :batch, c.branch_code, s.student_no, s.unit_code, s.enrolment_term
                        FROM student s JOIN student_chain c ON c.student_no = s.student_no
                        WHERE s.status = 'ENROLLED' AND c.branch_code = :branch AND s.enrolment_term <= :limit
                          AND NOT EXISTS (SELECT 1 FROM status_cleanup x WHERE x.batch_code = :batch
                                          AND x.branch_code = c.branch_code AND x.student_no = s.student_no)""")
                .param("batch", batch).param("branch", branch)
                .param("limit", cleanup.plusYears(-EligibilityChecks.STATUS_VALID_YEARS).code())
                .update();
    }

    public List<Integer> chunks(DelegateExecution execution) {
        return list.chunks(execution);
    }

    public List<String> cases(DelegateExecution execution) {
        return list.cases(execution);
    }

    /** One student, in its own job: status terminated, every open application closed with the reason. */
    public void terminate(DelegateExecution execution) {
        String batch = BATCH_CODE.require(execution);
        String branch = BRANCH.require(execution);
        String studentNo = FanOut.CASE.require(execution);
        BatchCalendar calendar = batches.findCalendar(batch, branch).orElseThrow();
        String reason = "学籍已超过 8 年有效期，于 " + calendar.expiryCleanupDate() + " 学籍清理终止（R-EL-02）";
        roster.terminate(studentNo);
        for (String openBatch : jdbc.sql("SELECT batch_code FROM application WHERE student_no = :no AND state NOT IN (:finished)")
                .param("no", studentNo).param("finished", FINISHED).query(String.class).list()) {
            closing.close(openBatch, studentNo, reason);
        }
        list.done(batch, branch, studentNo, TERMINATED);
    }

    /** Each unit's notice with its students as rows; the branch's report: counts per unit, the list paged apart. */
    public void report(DelegateExecution execution) {
        String batch = BATCH_CODE.require(execution);
        String branch = BRANCH.require(execution);
        Map<String, Object> params = Map.of("batch", batch, "branch", branch);
        Map<String, Long> perUnit = perUnit("""
                SELECT unit_code, COUNT(*) FROM status_cleanup WHERE batch_code = :batch AND branch_code = :branch
                GROUP BY unit_code ORDER BY unit_code""", params);
        perUnit.forEach((unit, count) -> notifications.addListed(unit, batch, "STATUS_TERMINATED",
                "本单位 " + count + " 名学生学籍超过 8 年有效期，已于学籍清理中终止（名单见本通知的学生列表）",
                "SELECT student_no FROM status_cleanup WHERE batch_code = :batch AND branch_code = :branch AND unit_code = :unit",
                with(params, unit)));
        long total = perUnit.values().stream().mapToLong(Long::longValue).sum();
        EXPIRY_REPORT.set(execution, total == 0 ? "本次学籍清理无到期学生" : BoundedText.lines("共 " + total + " 人",
                perUnit.entrySet().stream().map(e -> "- " + e.getKey() + "：" + e.getValue() + " 人").toList(), perUnit.size()));
    }

    private Term cleanupTerm(String batch, String branch) {
        BatchCalendar calendar = batches.findCalendar(batch, branch).orElseThrow();
        return new Term(calendar.expiryCleanupDate().getYear(), calendar.expiryCleanupDate().getMonthValue());
    }

    private Map<String, Long> perUnit(String sql, Map<String, Object> params) {
        Map<String, Long> perUnit = new java.util.LinkedHashMap<>();
        jdbc.sql(sql).params(params).query((rs, n) -> perUnit.put(rs.getString(1), rs.getLong(2))).list();
        return perUnit;
    }

    private static Map<String, Object> with(Map<String, Object> params, String unit) {
        Map<String, Object> all = new java.util.HashMap<>(params);
        all.put("unit", unit);
        return all;
    }
}
