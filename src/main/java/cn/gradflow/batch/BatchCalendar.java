package cn.gradflow.batch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import cn.gradflow.roster.Term;

/**
 * A branch's calendar for one batch (R-BA-02, R-BA-03, R-BA-07, R-EL-05). The second-round phases
 * (专升本, regular, make-up) are optional; without them the whole second round is open to all.
 *
 * <p>The scope may be open on one side, as the notices give it (R-BA-02): {@code scopeFrom} null is no
 * lower bound (生命健康 202307: 2021春 and earlier), {@code scopeTo} null no upper bound (山东 202601:
 * 2018春 and later); one of the two must be set, since every notice names at least one. The exemption
 * cut-off (R-EL-05) is null where the notice names none (山东, 生命健康): then no exemption application
 * bars the student, whenever it was filed.
 *
 * <p>{@code continuingAuditDue} (R-BA-08, optional) is the early deadline for continuing students
 * (专科续读本科): where set, their centre's, city's and branch's reviews are due by it (see {@link #dueFor}).
 *
 * <p>{@code secondRoundPhotoDue} (R-EL-06/R-PH-01, optional) is the last day a second-round student's graduation
 * photo may reach the platform (生命健康 202307: 8 月 30 日前); a photo that came later keeps the student out of this
 * batch's initial audit (see {@link #photoTooLate}).
 */
public record BatchCalendar(String batchCode, String branchCode, Term scopeFrom, Term scopeTo,
                            LocalDate exemptionCutoff, Window firstRound, Window secondRound, Window upgradePhase,
                            Window regularPhase, Window makeupPhase, LocalDate cityReviewDue,
                            LocalDate branchReviewDue, LocalDate hqReviewDue, LocalDate gradeRecheckDeadline,
                            LocalDate coopMaterialDeadline, LocalDate statisticsDue, LocalDate expiryCleanupDate,
                            int reminderDays, LocalDate continuingAuditDue, LocalDate secondRoundPhotoDue) {

    /** The calendar without a second-round photo deadline: the form before V46. */
    public BatchCalendar(String batchCode, String branchCode, Term scopeFrom, Term scopeTo,
                         LocalDate exemptionCutoff, Window firstRound, Window secondRound, Window upgradePhase,
                         Window regularPhase, Window makeupPhase, LocalDate cityReviewDue,
                         LocalDate branchReviewDue, LocalDate hqReviewDue, LocalDate gradeRecheckDeadline,
                         LocalDate coopMaterialDeadline, LocalDate statisticsDue, LocalDate expiryCleanupDate,
                         int reminderDays, LocalDate continuingAuditDue) {
        this(batchCode, branchCode, scopeFrom, scopeTo, exemptionCutoff, firstRound, secondRound, upgradePhase,
                regularPhase, makeupPhase, cityReviewDue, branchReviewDue, hqReviewDue, gradeRecheckDeadline,
                coopMaterialDeadline, statisticsDue, expiryCleanupDate, reminderDays, continuingAuditDue, null);
    }

    /**
     * The calendar without a continuing-students deadline (R-BA-08): the form before issue 11, kept so
     * that callers which never name that deadline stay as they were.
     */
    public BatchCalendar(String batchCode, String branchCode, Term scopeFrom, Term scopeTo,
                         LocalDate exemptionCutoff, Window firstRound, Window secondRound, Window upgradePhase,
                         Window regularPhase, Window makeupPhase, LocalDate cityReviewDue,
                         LocalDate branchReviewDue, LocalDate hqReviewDue, LocalDate gradeRecheckDeadline,
                         LocalDate coopMaterialDeadline, LocalDate statisticsDue, LocalDate expiryCleanupDate,
                         int reminderDays) {
        this(batchCode, branchCode, scopeFrom, scopeTo, exemptionCutoff, firstRound, secondRound, upgradePhase,
                regularPhase, makeupPhase, cityReviewDue, branchReviewDue, hqReviewDue, gradeRecheckDeadline,
                coopMaterialDeadline, statisticsDue, expiryCleanupDate, reminderDays, null, null);
    }

    /** The same calendar with the second-round photo deadline (R-EL-06/R-PH-01) set, or cleared with null. */
    public BatchCalendar withSecondRoundPhotoDue(LocalDate due) {
        return new BatchCalendar(batchCode, branchCode, scopeFrom, scopeTo, exemptionCutoff, firstRound, secondRound,
                upgradePhase, regularPhase, makeupPhase, cityReviewDue, branchReviewDue, hqReviewDue,
                gradeRecheckDeadline, coopMaterialDeadline, statisticsDue, expiryCleanupDate, reminderDays,
                continuingAuditDue, due);
    }

    /**
     * R-EL-06/R-PH-01, 生命健康 202307: a second-round student whose graduation photo reached the platform after
     * the calendar's {@code secondRoundPhotoDue} (the whole of that day counts, Beijing time) does not enter this
     * batch's initial audit. The first round, and a calendar without that date, set no such bound.
     */
    public boolean photoTooLate(Round round, LocalDate photoUploadedOn) {
        return round == Round.SECOND && secondRoundPhotoDue != null && photoUploadedOn != null
                && photoUploadedOn.isAfter(secondRoundPhotoDue);
    }

    /** The same calendar with the continuing-students deadline (R-BA-08) set, or cleared with null. */
    public BatchCalendar withContinuingAuditDue(LocalDate due) {
        return new BatchCalendar(batchCode, branchCode, scopeFrom, scopeTo, exemptionCutoff, firstRound, secondRound,
                upgradePhase, regularPhase, makeupPhase, cityReviewDue, branchReviewDue, hqReviewDue,
                gradeRecheckDeadline, coopMaterialDeadline, statisticsDue, expiryCleanupDate, reminderDays, due,
                secondRoundPhotoDue);
    }

    /**
     * R-BA-08, the 生命健康 202307 rule: continuing students' data are due "秋季招生截止日期前一周的周一",
     * the Monday of the week before the one holding the autumn enrolment deadline. Only a suggestion for
     * the registry typing {@code continuingAuditDue}; the calendar stores the date itself.
     */
    public static LocalDate mondayOneWeekBefore(LocalDate enrolmentDeadline) {
        return enrolmentDeadline.minusWeeks(1).with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
    }

    /**
     * R-BA-08: the due date of a review for a continuing student (专科续读本科): the continuing deadline where
     * the calendar sets one and it is earlier than the ordinary due; the ordinary due otherwise ("提前完成",
     * never later than everyone else's).
     */
    public LocalDate dueFor(boolean continuing, LocalDate ordinaryDue) {
        return continuing && continuingAuditDue != null && continuingAuditDue.isBefore(ordinaryDue)
                ? continuingAuditDue : ordinaryDue;
    }

    /** A window, both days included. */
    public record Window(LocalDate open, LocalDate close) {

        public boolean contains(LocalDate day) {
            return !day.isBefore(open) && !day.isAfter(close);
        }

        public String describe() {
            return open + " 至 " + close;
        }
    }

    /** The minimal calendar: scope, exemption cut-off (either may be null, see above), the two rounds and the review due dates. */
    public static BatchCalendar of(String batchCode, String branchCode, Term scopeFrom, Term scopeTo,
                                   LocalDate exemptionCutoff, Window firstRound, Window secondRound,
                                   LocalDate cityReviewDue, LocalDate branchReviewDue, LocalDate hqReviewDue) {
        return new BatchCalendar(batchCode, branchCode, scopeFrom, scopeTo, exemptionCutoff, firstRound, secondRound,
                null, null, null, cityReviewDue, branchReviewDue, hqReviewDue, null, null, null, null, 3);
    }

    /** R-EL-01: the enrolment term lies inside the scope; an open side has no bound. */
    public boolean inScope(Term term) {
        return (scopeFrom == null || !term.isBefore(scopeFrom)) && (scopeTo == null || !scopeTo.isBefore(term));
    }

    /** The scope as a clerk reads it: 2016春–2021秋, 2018春及以后, 2021春及以前. */
    public String describeScope() {
        if (scopeFrom == null && scopeTo == null) {
            return "不限";
        }
        if (scopeTo == null) {
            return scopeFrom.label() + "及以后";
        }
        if (scopeFrom == null) {
            return scopeTo.label() + "及以前";
        }
        return scopeFrom.label() + "–" + scopeTo.label();
    }

    /**
     * R-EL-05: whether an exemption application filed on the day bars the student from this batch:
     * filed after the cut-off (广东: after 2023-12-13); never where the calendar has no cut-off.
     */
    public boolean exemptionTooLate(LocalDate filedOn) {
        return exemptionCutoff != null && filedOn.isAfter(exemptionCutoff);
    }

    /** The round whose window contains the day; empty while no window is open (R-BA-04). */
    public Optional<Round> openRoundOn(LocalDate day) {
        if (firstRound.contains(day)) {
            return Optional.of(Round.FIRST);
        }
        if (secondRound.contains(day)) {
            return Optional.of(Round.SECOND);
        }
        return Optional.empty();
    }

    /**
     * The window a learning centre may act in for a student on a day: the first round for everyone;
     * in the second round, the phase of the student's type (专升本 or regular) or the make-up phase.
     */
    public Optional<Window> windowFor(boolean upgradeStudent, LocalDate day) {
        if (firstRound.contains(day)) {
            return Optional.of(firstRound);
        }
        if (!secondRound.contains(day)) {
            return Optional.empty();
        }
        if (upgradePhase == null && regularPhase == null && makeupPhase == null) {
            return Optional.of(secondRound);
        }
        Window own = upgradeStudent ? upgradePhase : regularPhase;
        if (own != null && own.contains(day)) {
            return Optional.of(own);
        }
        return makeupPhase != null && makeupPhase.contains(day) ? Optional.of(makeupPhase) : Optional.empty();
    }

    /** The last day anything is accepted for this batch (R-BA-04). */
    public LocalDate finalClose() {
        LocalDate close = secondRound.close();
        return makeupPhase != null && makeupPhase.close().isAfter(close) ? makeupPhase.close() : close;
    }

    /** Where a student of the type may act, for refusals that name the windows. */
    public String describeWindowsFor(boolean upgradeStudent) {
        StringBuilder s = new StringBuilder("首批 " + firstRound.describe());
        Window own = upgradeStudent ? upgradePhase : regularPhase;
        if (own != null) {
            s.append("；第二批").append(upgradeStudent ? "（专升本阶段）" : "（其他学生阶段）").append(own.describe());
        } else {
            s.append("；第二批 ").append(secondRound.describe());
        }
        if (makeupPhase != null) {
            s.append("；补审阶段 ").append(makeupPhase.describe());
        }
        return s.toString();
    }

    /** Problems in Chinese; empty when the calendar is consistent. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (scopeFrom == null && scopeTo == null) {
            problems.add("入学学期范围须至少写明起点或终点（如 2018春及以后、2021春及以前）");
        } else if (scopeFrom != null && scopeTo != null && scopeTo.isBefore(scopeFrom)) {
            problems.add("入学学期范围起点晚于终点");
        }
        for (Window w : new Window[] {firstRound, secondRound, upgradePhase, regularPhase, makeupPhase}) {
            if (w != null && w.close().isBefore(w.open())) {
                problems.add("时间段 " + w.describe() + " 的结束早于开始");
            }
        }
        if (!secondRound.open().isAfter(firstRound.close())) {
            problems.add("第二批须在首批结束之后开始");
        }
        for (Window phase : new Window[] {upgradePhase, regularPhase}) {
            if (phase != null && (phase.open().isBefore(secondRound.open()) || phase.close().isAfter(secondRound.close()))) {
                problems.add("阶段 " + phase.describe() + " 须在第二批 " + secondRound.describe() + " 之内");
            }
        }
        if (makeupPhase != null && makeupPhase.open().isBefore(secondRound.open())) {
            problems.add("补审阶段须在第二批开始之后");
        }
        // R-BA-08: the continuing deadline falls inside the batch and early: not before the first round
        // opens, not after the ordinary branch review due (生命健康 202307: the Monday before the autumn
        // enrolment deadline, i.e. late August / early September, after the first round's 7-10..7-16 closed
        // and before the branch's ordinary review ends; so "before the first round's close" would refuse the
        // notice's own date).
        // Without a branch review due the bound is the batch's last day.
        LocalDate latest = branchReviewDue != null ? branchReviewDue : finalClose();
        if (continuingAuditDue != null && (continuingAuditDue.isBefore(firstRound.open()) || continuingAuditDue.isAfter(latest))) {
            problems.add("续读本科审核截止日 " + continuingAuditDue + " 须在首批开始（" + firstRound.open() + "）与"
                    + (branchReviewDue != null ? "分部复审截止日" : "批次结束") + "（" + latest + "）之间");
        }
        // R-EL-06/R-PH-01: the second round's photos are due before that round ends (生命健康: 8/30, round 9/4–10/12)
        if (secondRoundPhotoDue != null && secondRoundPhotoDue.isAfter(secondRound.close())) {
            problems.add("第二批毕业照片截止日 " + secondRoundPhotoDue + " 须不晚于第二批结束（" + secondRound.close() + "）");
        }
        if (reminderDays < 0 || reminderDays > 60) {
            problems.add("提前提醒天数须在 0–60 之间");
        }
        return problems;
    }
}
