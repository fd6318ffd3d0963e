package cn.gradflow.batchflow;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

import cn.gradflow.batch.BatchCalendar;
import cn.gradflow.common.ProcessVariable;

/**
 * The one typed place for {@code processes/graduation-batch.bpmn}: one instance per branch and
 * batch, business key {@code <batchCode>-<branchCode>}, whose timers follow the branch's calendar.
 */
public final class BatchProcess {

    public static final String KEY = "graduation-batch";
    /** {@code processes/status-expiry.bpmn}: started beside the batch process where the calendar has a clean-up date. */
    public static final String EXPIRY_KEY = "status-expiry";

    private BatchProcess() {
    }

    public static String businessKey(String batchCode, String branchCode) {
        return batchCode + "-" + branchCode;
    }

    /**
     * Each timer of the model and the calendar moment it waits for. A timer reads its date when it is
     * reached; a calendar saved later moves the timers already waiting ({@code BatchTimers}).
     */
    public enum Milestone {
        FIRST_ROUND_OPENS("FirstRoundOpens", c -> c.firstRound().open().atStartOfDay()),
        FIRST_ROUND_REMINDER("FirstRoundReminder", c -> c.firstRound().close().minusDays(c.reminderDays()).atTime(9, 0)),
        FIRST_ROUND_CLOSES("FirstRoundCloses", c -> c.firstRound().close().plusDays(1).atStartOfDay()),
        SECOND_ROUND_OPENS("SecondRoundOpens", c -> c.secondRound().open().atStartOfDay()),
        SECOND_ROUND_REMINDER("SecondRoundReminder", c -> c.finalClose().minusDays(c.reminderDays()).atTime(9, 0)),
        BATCH_CLOSES("BatchCloses", c -> c.finalClose().plusDays(1).atStartOfDay()),
        /** R-BA-07: deadlines announced on the day, where the calendar sets them. */
        GRADE_RECHECK_DEADLINE("GradeRecheckDeadline", c -> c.gradeRecheckDeadline().atStartOfDay()),
        COOP_MATERIAL_DEADLINE("CoopMaterialDeadline", c -> c.coopMaterialDeadline().atStartOfDay()),
        /** The statistics report's due date (the task's due date, not a timer), and its two boundary timers. */
        REPORT_GRADUATE_STATISTICS("ReportGraduateStatistics", c -> c.statisticsDue().atTime(23, 59)),
        STATISTICS_REMINDER("StatisticsReminder", c -> c.statisticsDue().minusDays(c.reminderDays()).atTime(9, 0)),
        STATISTICS_OVERDUE("StatisticsOverdue", c -> c.statisticsDue().plusDays(1).atStartOfDay()),
        /** In {@code status-expiry.bpmn}: the 8-year clean-up (学籍清理, R-BA-07, R-EL-02). */
        EXPIRY_CLEANUP_DAY("ExpiryCleanupDay", c -> c.expiryCleanupDate().atStartOfDay());

        private final String activityId;
        private final Function<BatchCalendar, LocalDateTime> moment;

        Milestone(String activityId, Function<BatchCalendar, LocalDateTime> moment) {
            this.activityId = activityId;
            this.moment = moment;
        }

        public String activityId() {
            return activityId;
        }

        public LocalDateTime at(BatchCalendar calendar) {
            return moment.apply(calendar);
        }

        /** The same moment as the engine takes it for a timer or a due date. */
        public java.util.Date dateAt(BatchCalendar calendar, cn.gradflow.common.SchoolClock clock) {
            return clock.date(at(calendar));
        }

        public static Optional<Milestone> byActivity(String activityId) {
            return Arrays.stream(values()).filter(m -> m.activityId.equals(activityId)).findFirst();
        }
    }

    public static final ProcessVariable<String> BATCH_CODE = ProcessVariable.of("batchCode", String.class);
    public static final ProcessVariable<String> BRANCH = ProcessVariable.of("branch", String.class);
    public static final ProcessVariable<String> STATISTICS_UNIT = ProcessVariable.of("statisticsUnit", String.class);
    public static final ProcessVariable<Number> GRADUATES = ProcessVariable.of("graduates", Number.class);
    public static final ProcessVariable<Number> DEGREE_APPLICANTS = ProcessVariable.of("degreeApplicants", Number.class);
    public static final ProcessVariable<String> STATISTICS_NOTE = ProcessVariable.of("statisticsNote", String.class);
    public static final ProcessVariable<String> STATISTICS_REFERENCE = ProcessVariable.of("statisticsReference", String.class);
    public static final ProcessVariable<String> MISSING_STATISTICS = ProcessVariable.of("missingStatistics", String.class);
    public static final ProcessVariable<String> EXPIRY_REPORT = ProcessVariable.of("expiryReport", String.class);
}
