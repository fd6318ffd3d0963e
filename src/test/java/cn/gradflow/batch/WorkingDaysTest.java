package cn.gradflow.batch;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import cn.gradflow.testing.GradFlowSpringTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** R-BA-06: HQ's working days against the 2026 calendar as V40 seeds it (国务院办公厅 2026 年节假日安排). */
@GradFlowSpringTest
class WorkingDaysTest {

    @Autowired WorkingDays workingDays;

    @ParameterizedTest(name = "{0} + {1} working days = {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-09-30 | 5 | 2026-10-13 | sent the day before 国庆: 10-08, 10-09, 10-10 (调休), 10-12, 10-13
            2026-09-30 | 3 | 2026-10-10 | the 调休 Saturday after 国庆 counts
            2026-09-29 | 1 | 2026-09-30 | an ordinary Wednesday
            2026-11-27 | 1 | 2026-11-30 | a plain weekend is skipped
            2026-11-26 | 5 | 2026-12-03 | five working days over a plain weekend
            2026-09-18 | 1 | 2026-09-20 | the 调休 Sunday before 国庆 counts
            2026-09-24 | 1 | 2026-09-28 | 中秋 Friday to Sunday
            2026-02-13 | 1 | 2026-02-14 | the 调休 Saturday before 春节
            2026-02-13 | 2 | 2026-02-24 | 春节 2-15 to 2-23
            2026-02-27 | 1 | 2026-02-28 | the 调休 Saturday after 春节
            2026-04-03 | 1 | 2026-04-07 | 清明 Saturday to Monday
            2026-04-30 | 1 | 2026-05-06 | 劳动节 5-01 to 5-05
            2026-05-08 | 1 | 2026-05-09 | the 调休 Saturday after 劳动节
            2026-06-18 | 1 | 2026-06-22 | 端午 Friday to Sunday
            2025-12-31 | 1 | 2026-01-04 | across the year: 元旦 1-01 to 1-03, then the 调休 Sunday
            2027-10-01 | 1 | 2027-10-04 | a year without entries counts weekends only
            2026-10-01 | 0 | 2026-10-01 | no working days: the same day
            """)
    void countsWorkingDaysAfterTheDay(LocalDate from, int days, LocalDate expected, String why) {
        assertThat(workingDays.after(from, days)).as(why).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is a working day: {1}")
    @CsvSource({"2026-10-01, false", "2026-10-10, true", "2026-10-11, false", "2026-10-12, true", "2026-01-04, true",
            "2026-04-04, false", "2026-11-28, false", "2026-11-27, true"})
    void knowsEachDay(LocalDate day, boolean working) {
        assertThat(workingDays.isWorkingDay(day)).isEqualTo(working);
    }

    @Test
    void theRuleItselfAnEntryDecidesOtherwiseMondayToFriday() {
        LocalDate saturday = LocalDate.of(2030, 6, 1);
        LocalDate monday = LocalDate.of(2030, 6, 3);
        assertThat(WorkingDays.isWorkingDay(saturday, null)).isFalse();
        assertThat(WorkingDays.isWorkingDay(saturday, WorkingDays.Kind.MAKEUP_WORKDAY)).isTrue();
        assertThat(WorkingDays.isWorkingDay(monday, null)).isTrue();
        assertThat(WorkingDays.isWorkingDay(monday, WorkingDays.Kind.HOLIDAY)).isFalse();
        assertThat(WorkingDays.after(saturday, 1, year -> Map.of(monday, WorkingDays.Kind.HOLIDAY)))
                .isEqualTo(LocalDate.of(2030, 6, 4));
    }

    @Test
    void aCalendarOfHolidaysOnlyFailsInsteadOfLoopingForever() {
        assertThatThrownBy(() -> WorkingDays.after(LocalDate.of(2030, 1, 1), 1,
                year -> new java.util.AbstractMap<LocalDate, WorkingDays.Kind>() {
                    @Override
                    public WorkingDays.Kind get(Object key) {
                        return WorkingDays.Kind.HOLIDAY;
                    }

                    @Override
                    public java.util.Set<Entry<LocalDate, WorkingDays.Kind>> entrySet() {
                        return java.util.Set.of();
                    }
                })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> workingDays.after(LocalDate.of(2026, 1, 1), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSeedHoldsTheWholeNotice() {
        assertThat(workingDays.year(2026)).hasSize(39);
        assertThat(workingDays.year(2026).stream().filter(d -> d.kind() == WorkingDays.Kind.MAKEUP_WORKDAY)
                .map(WorkingDays.Day::date).map(LocalDate::toString))
                .containsExactly("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");
    }
}
