package cn.gradflow.batchflow;

import java.util.Date;
import java.util.EnumSet;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import cn.gradflow.application.ApplicationRepository;
import cn.gradflow.application.ApplicationState;
import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.batch.BatchRepository;
import cn.gradflow.batch.NotificationRepository;
import cn.gradflow.batchflow.BatchProcess.Milestone;
import cn.gradflow.roster.RosterRepository;
import cn.gradflow.roster.Unit;

import static cn.gradflow.batchflow.BatchProcess.BATCH_CODE;
import static cn.gradflow.batchflow.BatchProcess.BRANCH;

/**
 * What the batch process does at each calendar moment. Bean {@code batchMilestones}: the model's
 * timers ask it for their date, its service tasks call {@link #reached}.
 */
@Component("batchMilestones")
public class BatchMilestones {

    /** Cases that still wait for a learning centre, a city or the branch: closed at the batch's close. */
    static final Set<ApplicationState> NOT_YET_APPROVED_BY_BRANCH = EnumSet.of(ApplicationState.CHECKING,
            ApplicationState.APPLYING, ApplicationState.CORRECTION, ApplicationState.IDENTITY_REVIEW,
            ApplicationState.CITY_REVIEW, ApplicationState.BRANCH_REVIEW);

    private final BatchRepository batches;
    private final ApplicationRepository applications;
    private final NotificationRepository notifications;
    private final RosterRepository roster;
    private final GraduateStatistics statistics;
    private final cn.gradflow.common.SchoolClock clock;

    BatchMilestones(BatchRepository batches, ApplicationRepository applications, NotificationRepository notifications,
                    RosterRepository roster, @org.springframework.context.annotation.Lazy GraduateStatistics statistics,
                    cn.gradflow.common.SchoolClock clock) {
        this.clock = clock;
        this.statistics = statistics;
        this.batches = batches;
        this.applications = applications;
        this.notifications = notifications;
        this.roster = roster;
    }

    /** The moment a timer of the batch waits for, from the calendar as it is now. */
    public Date at(DelegateExecution execution, String milestone) {
        return Milestone.valueOf(milestone).dateAt(calendar(execution), clock);
    }

    public void reached(DelegateExecution execution, String milestone) {
        BatchCalendar c = calendar(execution);
        String batch = BATCH_CODE.require(execution);
        switch (Milestone.valueOf(milestone)) {
            case FIRST_ROUND_OPENS -> announce(c, "WINDOW_OPEN", "批次 " + batch + " 首批申请开放：" + c.firstRound().describe());
            case FIRST_ROUND_REMINDER -> remind(c, "首批将于 " + c.firstRound().close() + " 结束");
            case FIRST_ROUND_CLOSES -> announce(c, "WINDOW_CLOSED", "批次 " + batch + " 首批申请已于 " + c.firstRound().close()
                    + " 结束；未完成的申请在第二批 " + c.secondRound().describe() + " 继续办理"
                    // R-EL-06/R-PH-01: where the notice gives the second round a photo deadline (生命健康: 8/30), say it now
                    + (c.secondRoundPhotoDue() == null ? "" : "；第二批毕业照片须于 " + c.secondRoundPhotoDue()
                            + " 前（含当日）提交至平台，逾期提交的学生不能进入本批毕业初审名单"));
            case SECOND_ROUND_OPENS -> announce(c, "WINDOW_OPEN", "批次 " + batch + " 第二批开放：" + c.describeWindowsFor(true)
                    .replace("首批 " + c.firstRound().describe() + "；", "") + "（其他学生：" + c.describeWindowsFor(false)
                    .replace("首批 " + c.firstRound().describe() + "；", "") + "）");
            case SECOND_ROUND_REMINDER -> remind(c, "本批次将于 " + c.finalClose() + " 关闭，之后不再受理");
            case GRADE_RECHECK_DEADLINE -> announce(c, "DEADLINE", "成绩复核申请今日（" + c.gradeRecheckDeadline() + "）截止，第二批审核前不再受理");
            case COOP_MATERIAL_DEADLINE -> announce(c, "DEADLINE", "合作学位材料今日（" + c.coopMaterialDeadline() + "）截止提交");
            case STATISTICS_REMINDER -> statistics.missing(c).forEach(unit -> notifications.add(unit, batch,
                    "DEADLINE_REMINDER", "毕业生人数统计表须于 " + c.statisticsDue() + " 前上报，本单位尚未上报"));
            default -> throw new IllegalArgumentException("批次流程没有这一步：" + milestone);
        }
    }

    /** Whether the calendar sets the optional moment (deadlines a branch may not have). */
    public boolean has(DelegateExecution execution, String milestone) {
        BatchCalendar c = calendar(execution);
        return switch (Milestone.valueOf(milestone)) {
            case GRADE_RECHECK_DEADLINE -> c.gradeRecheckDeadline() != null;
            case COOP_MATERIAL_DEADLINE -> c.coopMaterialDeadline() != null;
            case REPORT_GRADUATE_STATISTICS, STATISTICS_REMINDER, STATISTICS_OVERDUE -> c.statisticsDue() != null;
            case EXPIRY_CLEANUP_DAY -> c.expiryCleanupDate() != null;
            default -> true;
        };
    }

    /** Who reports graduate statistics: the branch's cities, or a college itself (it acts as its own city). */
    public java.util.List<String> statisticsUnits(DelegateExecution execution) {
        return statisticsUnits(calendar(execution));
    }

    java.util.List<String> statisticsUnits(BatchCalendar c) {
        String branch = c.branchCode();
        java.util.List<String> cities = roster.allUnits().stream()
                .filter(u -> u.tier() == cn.gradflow.roster.Tier.CITY && branch.equals(u.parentCode()))
                .map(Unit::code).toList();
        return cities.isEmpty() ? java.util.List.of(branch) : cities;
    }

    /** Reminders to every unit that still has work of this batch, with how much. */
    private void remind(BatchCalendar c, String when) {
        applications.openCasesByUnit(c.batchCode(), c.branchCode(), NOT_YET_APPROVED_BY_BRANCH)
                .forEach((unit, count) -> notifications.add(unit, c.batchCode(), "DEADLINE_REMINDER",
                        when + "，本单位尚有 " + count + " 个申请待办理"));
    }

    /** A notice to the branch and every unit below it. */
    void announce(BatchCalendar c, String kind, String message) {
        for (Unit unit : roster.allUnits()) {
            if (roster.unitAndAncestors(unit.code()).contains(c.branchCode())) {
                notifications.add(unit.code(), c.batchCode(), kind, message);
            }
        }
    }

    private BatchCalendar calendar(DelegateExecution execution) {
        String batch = BATCH_CODE.require(execution);
        String branch = BRANCH.require(execution);
        return batches.findCalendar(batch, branch)
                .orElseThrow(() -> new IllegalStateException("分部 " + branch + " 未设置批次 " + batch + " 的日历"));
    }
}
