package cn.gradflow.batchflow;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.common.SchoolClock;
import cn.gradflow.security.CurrentUser;

import static cn.gradflow.batchflow.BatchProcess.*;

/**
 * The graduate statistics report (毕业生人数统计表, R-BA-07), bean {@code graduateStatistics}: the
 * report task shows GradFlow's own counts for reference and stores what the unit reports; the
 * overdue task lists who has not reported.
 */
@Component("graduateStatistics")
public class GraduateStatistics implements TaskListener {

    private final JdbcClient jdbc;
    private final SchoolClock clock;
    private final CurrentUser currentUser;
    private final BatchMilestones milestones;

    GraduateStatistics(JdbcClient jdbc, CurrentUser currentUser, BatchMilestones milestones, SchoolClock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.milestones = milestones;
    }

    @Override
    public void notify(DelegateTask task) {
        if ("StatisticsOverdueEscalation".equals(task.getTaskDefinitionKey())) {
            task.setVariableLocal(MISSING_STATISTICS.name(), String.join("、", missing(BATCH_CODE.require(task),
                    milestones.statisticsUnits(task.getExecution()))));
        } else if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
            String unit = STATISTICS_UNIT.require(task);
            task.setVariableLocal(STATISTICS_REFERENCE.name(), reference(BATCH_CODE.require(task), unit));
            // answers stay on this unit's own instance, never overwritten by another city's
            task.getExecution().setVariableLocal(GRADUATES.name(), null);
            task.getExecution().setVariableLocal(DEGREE_APPLICANTS.name(), null);
            task.getExecution().setVariableLocal(STATISTICS_NOTE.name(), null);
        } else {
            store(task);
        }
    }

    /** Units of the batch process that have not reported yet. */
    List<String> missing(BatchCalendar c) {
        return missing(c.batchCode(), milestones.statisticsUnits(c));
    }

    private List<String> missing(String batchCode, List<String> units) {
        Set<String> reported = Set.copyOf(jdbc.sql("SELECT unit_code FROM graduate_statistics WHERE batch_code = ?")
                .param(batchCode).query(String.class).list());
        return units.stream().filter(u -> !reported.contains(u)).toList();
    }

    private void store(DelegateTask task) {
        Number graduates = GRADUATES.get(task);
        Number degree = DEGREE_APPLICANTS.get(task);
        if (graduates == null || degree == null || graduates.intValue() < 0 || degree.intValue() < 0
                || degree.intValue() > graduates.intValue()) {
            throw new BadUserRequestException("请填写毕业生人数和学位申请人数（不小于 0，学位申请人数不大于毕业生人数）");
        }
        String unit = STATISTICS_UNIT.require(task);
        String batch = BATCH_CODE.require(task);
        jdbc.sql("DELETE FROM graduate_statistics WHERE batch_code = ? AND unit_code = ?").params(batch, unit).update();
        jdbc.sql("""
                        INSERT INTO graduate_statistics (batch_code, unit_code, graduates, degree_applicants, note, reported_by, reported_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(batch, unit, graduates.intValue(), degree.intValue(), STATISTICS_NOTE.get(task),
                        currentUser.id(), clock.timestamp())
                .update();
    }

    /** GradFlow's count of the unit's students registered in this batch, and of those with a degree application. */
    private String reference(String batchCode, String unit) {
        List<String> kinds = jdbc.sql("""
                        SELECT a.kind FROM application a
                        JOIN student s ON s.student_no = a.student_no
                        JOIN unit lc ON lc.code = s.unit_code
                        JOIN registration r ON r.application_id = a.id
                        WHERE a.batch_code = ? AND (lc.parent_code = ? OR lc.code = ? OR lc.parent_code IN
                              (SELECT code FROM unit WHERE parent_code = ?))""")
                .params(batchCode, unit, unit, unit).query(String.class).list();
        long degree = kinds.stream().filter("GRADUATION_DEGREE"::equals).count();
        return "本系统记录：已获电子注册号 " + kinds.size() + " 人，其中申请学位 " + degree + " 人";
    }
}
