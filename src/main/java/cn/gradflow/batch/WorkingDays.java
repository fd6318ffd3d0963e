package cn.gradflow.batch;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * R-BA-06: HQ's turnaround is counted in working days. Weekends are skipped; public holidays and
 * make-up working days (调休) are not known to GradFlow yet.
 */
public final class WorkingDays {

    private WorkingDays() {
    }

    /** The day that is {@code days} working days after {@code from}. */
    public static LocalDate after(LocalDate from, int days) {
        LocalDate day = from;
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                counted++;
            }
        }
        return day;
    }
}
