package cn.gradflow.batch;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.gradflow.batch.BatchCalendar.Window;
import cn.gradflow.roster.Term;

import static org.assertj.core.api.Assertions.assertThat;

/** 广东 202401 as the notice sets it (R-BA-03): phases of the second round by student type. */
class BatchCalendarTest {

    static final BatchCalendar GUANGDONG = new BatchCalendar("202401", "GD", Term.parse("201603"), Term.parse("202109"),
            LocalDate.of(2023, 12, 13), w("2023-12-06", "2023-12-20"), w("2024-03-04", "2024-04-11"),
            w("2024-03-04", "2024-03-12"), w("2024-03-13", "2024-03-26"), w("2024-04-03", "2024-04-11"),
            null, null, null, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 4), LocalDate.of(2024, 4, 25),
            LocalDate.of(2024, 4, 16), 3);

    @ParameterizedTest(name = "{0}，专升本 {1} → {2}")
    @CsvSource({
            "2023-12-06, false, 2023-12-06 至 2023-12-20",   // first round, everyone
            "2023-12-20, true, 2023-12-06 至 2023-12-20",
            "2023-12-21, false, ''",                         // between the rounds
            "2024-03-04, true, 2024-03-04 至 2024-03-12",    // 专升本 phase
            "2024-03-04, false, ''",                         // ... not for the others
            "2024-03-13, false, 2024-03-13 至 2024-03-26",
            "2024-03-13, true, ''",                          // 专升本 phase closed
            "2024-03-27, false, ''",                         // gap before make-up
            "2024-04-03, true, 2024-04-03 至 2024-04-11",    // make-up: everyone
            "2024-04-11, false, 2024-04-03 至 2024-04-11",
            "2024-04-12, false, ''"})                        // closed for good
    void windowForStudentType(LocalDate day, boolean upgrade, String expected) {
        Optional<Window> window = GUANGDONG.windowFor(upgrade, day);
        assertThat(window.map(Window::describe).orElse("")).isEqualTo(expected);
    }

    @Test
    void withoutPhasesTheWholeSecondRoundIsOpenAndClosesForGood() {
        BatchCalendar shandong = BatchCalendar.of("202601", "SD", Term.parse("201803"), Term.parse("202509"),
                LocalDate.of(2025, 12, 1), w("2025-12-08", "2025-12-19"), w("2026-02-02", "2026-03-31"), null, null, null);
        assertThat(shandong.windowFor(true, LocalDate.of(2026, 3, 31))).isPresent();
        assertThat(shandong.windowFor(false, LocalDate.of(2026, 4, 1))).isEmpty();
        assertThat(shandong.finalClose()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(GUANGDONG.finalClose()).isEqualTo(LocalDate.of(2024, 4, 11));
        assertThat(GUANGDONG.describeWindowsFor(true)).contains("首批 2023-12-06 至 2023-12-20", "专升本阶段",
                "补审阶段 2024-04-03 至 2024-04-11");
    }

    @Test
    void inconsistentCalendarsAreNamed() {
        assertThat(GUANGDONG.problems()).isEmpty();
        BatchCalendar overlapping = BatchCalendar.of("202401", "GD", Term.parse("202109"), Term.parse("201603"),
                LocalDate.of(2023, 12, 13), w("2023-12-06", "2023-12-20"), w("2023-12-20", "2023-12-10"), null, null, null);
        assertThat(overlapping.problems()).containsExactly("入学学期范围起点晚于终点",
                "时间段 2023-12-20 至 2023-12-10 的结束早于开始", "第二批须在首批结束之后开始");
    }

    /** 山东 202601: "2018 年春季及以后入学", no exemption cut-off (R-BA-02, R-EL-05). */
    static final BatchCalendar SHANDONG = BatchCalendar.of("202601", "SD", Term.parse("201803"), null, null,
            w("2025-12-08", "2025-12-19"), w("2026-02-02", "2026-03-31"), null, null, null);
    /** 生命健康 202307: "2021年春季及之前入学", no exemption cut-off. */
    static final BatchCalendar LIFE_HEALTH = BatchCalendar.of("202307", "SMJK", null, Term.parse("202103"), null,
            w("2023-07-10", "2023-07-16"), w("2023-09-04", "2023-10-12"), null, null, null);

    @ParameterizedTest(name = "{0} 入学 {1} → 在范围内 {2}")
    @CsvSource({
            "山东, 201709, false",     // open upper bound: the lower one still holds
            "山东, 201803, true",
            "山东, 202509, true",
            "山东, 209903, true",
            "生命健康, 202109, false", // open lower bound: the upper one still holds
            "生命健康, 202103, true",
            "生命健康, 200003, true",
            "广东, 201509, false",
            "广东, 201603, true",
            "广东, 202109, true",
            "广东, 202203, false"})
    void scopeOpenOnOneSide(String notice, String term, boolean inScope) {
        BatchCalendar calendar = switch (notice) {
            case "山东" -> SHANDONG;
            case "生命健康" -> LIFE_HEALTH;
            default -> GUANGDONG;
        };
        assertThat(calendar.inScope(Term.parse(term))).isEqualTo(inScope);
    }

    @Test
    void scopesAreDescribedAsTheNoticesWriteThem() {
        assertThat(SHANDONG.describeScope()).isEqualTo("2018春及以后");
        assertThat(LIFE_HEALTH.describeScope()).isEqualTo("2021春及以前");
        assertThat(GUANGDONG.describeScope()).isEqualTo("2016春–2021秋");
    }

    @ParameterizedTest(name = "免修免考申请于 {0} → 广东逾期 {1}，山东/生命健康逾期 false")
    @CsvSource({"2023-12-13, false", "2023-12-14, true", "2026-03-31, true"})
    void withoutExemptionCutoffNoApplicationIsLate(LocalDate filedOn, boolean lateInGuangdong) {
        assertThat(GUANGDONG.exemptionTooLate(filedOn)).isEqualTo(lateInGuangdong);
        assertThat(SHANDONG.exemptionTooLate(filedOn)).isFalse();
        assertThat(LIFE_HEALTH.exemptionTooLate(filedOn)).isFalse();
    }

    @Test
    void oneSidedScopesAndNoCutoffAreConsistentButAScopeNeedsOneSide() {
        assertThat(SHANDONG.problems()).isEmpty();
        assertThat(LIFE_HEALTH.problems()).isEmpty();
        BatchCalendar unbounded = BatchCalendar.of("202601", "SD", null, null, null,
                w("2025-12-08", "2025-12-19"), w("2026-02-02", "2026-03-31"), null, null, null);
        assertThat(unbounded.problems()).containsExactly("入学学期范围须至少写明起点或终点（如 2018春及以后、2021春及以前）");
    }

    static Window w(String open, String close) {
        return new Window(LocalDate.parse(open), LocalDate.parse(close));
    }

    /** R-BA-08, 生命健康 202307: "秋季招生截止日期前一周的周一" — the Monday of the week before the deadline's week. */
    @ParameterizedTest(name = "招生截止 {0} → 续读本科截止 {1}")
    @CsvSource({
            "2023-09-13, 2023-09-04",   // a Wednesday
            "2023-09-11, 2023-09-04",   // a Monday: the Monday a week earlier
            "2023-09-10, 2023-08-28",   // a Sunday: its week began 09-04
            "2023-09-16, 2023-09-04"})  // a Saturday
    void continuingDeadlineIsTheMondayOfTheWeekBefore(LocalDate enrolmentDeadline, LocalDate expected) {
        assertThat(BatchCalendar.mondayOneWeekBefore(enrolmentDeadline)).isEqualTo(expected);
    }

    /** R-BA-08: where set, a continuing student's reviews are due by the earlier continuing deadline. */
    @ParameterizedTest(name = "续读本科 {0}，续读截止 {1}，普通截止 {2} → {3}")
    @CsvSource({
            "true,  2024-03-20, 2024-04-25, 2024-03-20",   // continuing: the early deadline
            "false, 2024-03-20, 2024-04-25, 2024-04-25",   // others keep the ordinary one
            "true,  ,           2024-04-25, 2024-04-25",   // no continuing deadline: ordinary
            "true,  2024-03-20, 2023-12-20, 2023-12-20"})  // never later than the ordinary one
    void continuingStudentsAreDueByTheirOwnDeadline(boolean continuing, LocalDate continuingDue, LocalDate ordinary, LocalDate expected) {
        assertThat(GUANGDONG.withContinuingAuditDue(continuingDue).dueFor(continuing, ordinary)).isEqualTo(expected);
    }

    /**
     * R-BA-08: the continuing deadline lies between the first round's opening and the branch review due
     * (生命健康 202307's rounds; its review dues here are illustrative), or the batch's last day where the
     * calendar has no branch review due (the 广东 table above).
     */
    @ParameterizedTest(name = "{0} 续读本科截止 {1} → 有误 {2}")
    @CsvSource({
            "SMJK, 2023-07-09, true",    // before the first round opens
            "SMJK, 2023-07-10, false",
            "SMJK, 2023-09-04, false",   // the notice's rule for an enrolment deadline of 2023-09-13
            "SMJK, 2023-10-20, false",   // the branch review due, inclusive
            "SMJK, 2023-10-21, true",    // after the ordinary branch review due: not early
            "GD,   2024-04-11, false",   // no branch review due: the batch's last day
            "GD,   2024-04-12, true"})
    void continuingDeadlineMustFallInsideTheBatch(String branch, LocalDate due, boolean problem) {
        BatchCalendar lifeHealth = BatchCalendar.of("202307", "SMJK", null, Term.parse("202103"), null,
                w("2023-07-10", "2023-07-16"), w("2023-09-04", "2023-10-12"),
                LocalDate.of(2023, 10, 15), LocalDate.of(2023, 10, 20), LocalDate.of(2023, 10, 31));
        BatchCalendar calendar = (branch.equals("GD") ? GUANGDONG : lifeHealth).withContinuingAuditDue(due);
        assertThat(calendar.problems())
                .hasSize(problem ? 1 : 0)
                .allSatisfy(p -> assertThat(p).startsWith("续读本科审核截止日 " + due));
    }

    /**
     * R-EL-06/R-PH-01, 生命健康 202307: the second round's photos are due 8/30, before that round (9/4–10/12); the
     * deadline may fall up to the round's last day, not after it. Its own day still counts as on time.
     */
    @ParameterizedTest(name = "第二批照片截止 {0} → 有误 {1}；{2} 提交、第二批 → 逾期 {3}")
    @CsvSource({
            "2023-08-30, false, 2023-08-30, false",
            "2023-08-30, false, 2023-08-31, true",
            "2023-10-12, false, 2023-10-12, false",
            "2023-10-13, true,  2023-10-14, true"})
    void secondRoundPhotoDeadlineFallsBeforeTheRoundEnds(LocalDate due, boolean problem, LocalDate uploadedOn, boolean late) {
        BatchCalendar lifeHealth = BatchCalendar.of("202307", "SMJK", null, Term.parse("202103"), null,
                w("2023-07-10", "2023-07-16"), w("2023-09-04", "2023-10-12"),
                LocalDate.of(2023, 10, 15), LocalDate.of(2023, 10, 20), LocalDate.of(2023, 10, 31)).withSecondRoundPhotoDue(due);
        assertThat(lifeHealth.problems()).hasSize(problem ? 1 : 0)
                .allSatisfy(p -> assertThat(p).startsWith("第二批毕业照片截止日 " + due));
        assertThat(lifeHealth.photoTooLate(Round.SECOND, uploadedOn)).isEqualTo(late);
        assertThat(lifeHealth.photoTooLate(Round.FIRST, uploadedOn)).isFalse();
        assertThat(lifeHealth.withContinuingAuditDue(LocalDate.of(2023, 9, 4)).secondRoundPhotoDue()).as("kept").isEqualTo(due);
    }
}
