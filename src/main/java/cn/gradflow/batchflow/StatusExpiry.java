package cn.gradflow.batchflow;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.gradflow.application.CaseClosing;
import cn.gradflow.application.ApplicationState;
import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.batch.NotificationRepository;
import cn.gradflow.checks.EligibilityChecks;
import cn.gradflow.roster.Term;

import static cn.gradflow.batchflow.BatchProcess.BATCH_CODE;
import static cn.gradflow.batchflow.BatchProcess.BRANCH;
import static cn.gradflow.batchflow.BatchProcess.EXPIRY_REPORT;

/**
 * The 8-year clean-up (学籍清理, R-EL-02, R-BA-07), bean {@code statusExpiry}: warns units of
 * students for whom this batch is the last, then on the clean-up date terminates the expired and
 * closes their open applications, reporting them per unit.
 */
@Component("statusExpiry")
public class StatusExpiry {

    private static final Set<ApplicationState> FINISHED = EnumSet.of(ApplicationState.GRADUATED,
            ApplicationState.DEFERRED, ApplicationState.CLOSED, ApplicationState.CERTIFICATE);

    record EnrolledStudent(String studentNo, String name, String unitCode, Term enrolment) {

        Term expires() {
            return enrolment.plusYears(EligibilityChecks.STATUS_VALID_YEARS);
        }
    }

    private final JdbcClient jdbc;
    private final BatchRepository batches;
    private final NotificationRepository notifications;
    private final CaseClosing closing;

    StatusExpiry(JdbcClient jdbc, BatchRepository batches, NotificationRepository notifications, CaseClosing closing) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.notifications = notifications;
        this.closing = closing;
    }

    /** Students whose status ends before the next batch: this batch is their last chance. */
    public void warn(DelegateExecution execution) {
        Term batch = Term.parse(BATCH_CODE.require(execution));
        Term next = new Term(batch.month() == 1 ? batch.year() : batch.year() + 1, batch.month() == 1 ? 7 : 1);
        List<EnrolledStudent> lastChance = enrolled(BRANCH.require(execution)).stream()
                .filter(s -> batch.isBefore(s.expires()) && !next.isBefore(s.expires())).toList();
        byUnit(lastChance).forEach((unit, list) -> notifications.add(unit, batch.code(), "EXPIRY_WARNING",
                "以下 " + list.size() + " 名学生学籍将于 " + list.get(0).expires().label() + " 前到期，本批次是其最后一次毕业机会："
                        + describe(list)));
    }

    /** On the clean-up date: terminate the expired, close their open applications, report per unit. */
    public void sweep(DelegateExecution execution) {
        String batchCode = BATCH_CODE.require(execution);
        BatchCalendar calendar = batches.findCalendar(batchCode, BRANCH.require(execution)).orElseThrow();
        Term cleanup = new Term(calendar.expiryCleanupDate().getYear(), calendar.expiryCleanupDate().getMonthValue());
        List<EnrolledStudent> expired = enrolled(BRANCH.require(execution)).stream()
                .filter(s -> !cleanup.isBefore(s.expires())).toList();
        String reason = "学籍已超过 8 年有效期，于 " + calendar.expiryCleanupDate() + " 学籍清理终止（R-EL-02）";
        for (EnrolledStudent s : expired) {
            jdbc.sql("UPDATE student SET status = 'TERMINATED' WHERE student_no = ? AND status = 'ENROLLED'")
                    .param(s.studentNo()).update();
            for (String openBatch : openApplications(s.studentNo())) {
                closing.close(openBatch, s.studentNo(), reason);
            }
        }
        Map<String, List<EnrolledStudent>> perUnit = byUnit(expired);
        perUnit.forEach((unit, list) -> notifications.add(unit, batchCode, "STATUS_TERMINATED",
                list.size() + " 名学生学籍超过 8 年有效期，已于学籍清理中终止：" + describe(list)));
        EXPIRY_REPORT.set(execution, expired.isEmpty() ? "本次学籍清理无到期学生" : "共 " + expired.size() + " 人\n"
                + perUnit.entrySet().stream().map(e -> "\n**" + e.getKey() + "**（" + e.getValue().size() + " 人）\n"
                        + e.getValue().stream().map(s -> "- " + s.studentNo() + " " + s.name() + "（入学 " + s.enrolment().label()
                                + "，有效期至 " + s.expires().label() + " 前）").collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n")));
    }

    private List<EnrolledStudent> enrolled(String branch) {
        return jdbc.sql("""
                        SELECT s.student_no, s.name, s.unit_code, s.enrolment_term FROM student s
                        JOIN student_chain c ON c.student_no = s.student_no
                        WHERE s.status = 'ENROLLED' AND c.branch_code = ?
                        ORDER BY s.unit_code, s.student_no""")
                .param(branch)
                .query((rs, n) -> new EnrolledStudent(rs.getString(1), rs.getString(2), rs.getString(3), Term.parse(rs.getString(4))))
                .list();
    }

    private List<String> openApplications(String studentNo) {
        return jdbc.sql("SELECT batch_code, state FROM application WHERE student_no = ?").param(studentNo)
                .query((rs, n) -> FINISHED.contains(ApplicationState.valueOf(rs.getString(2))) ? null : rs.getString(1))
                .list().stream().filter(b -> b != null).toList();
    }

    private static Map<String, List<EnrolledStudent>> byUnit(List<EnrolledStudent> students) {
        Map<String, List<EnrolledStudent>> byUnit = new TreeMap<>();
        students.forEach(s -> byUnit.computeIfAbsent(s.unitCode(), u -> new ArrayList<>()).add(s));
        return byUnit;
    }

    private static String describe(List<EnrolledStudent> list) {
        return list.stream().map(s -> s.studentNo() + " " + s.name()).collect(Collectors.joining("、"));
    }
}
