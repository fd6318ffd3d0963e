package cn.gradflow.batch;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.gradflow.common.SchoolClock;

/**
 * R-BA-06: HQ's turnaround is counted in working days. A day is a working day when it is a make-up
 * working day (调休上班), or a Monday to Friday that is not a public holiday. The days that differ from
 * the weekday rule are rows of {@code working_calendar}, which HQ maintains ({@code WorkingCalendarController});
 * 2026 is seeded from the State Council's notice (V40).
 *
 * <p>Each call reads the years it touches, so a change made on one node counts on every node at once
 * (GradFlow may run several nodes on one database); the call is rare (one per list sent to HQ) and the
 * read is a few dozen rows by primary key range.
 */
@Component
public class WorkingDays {

    private static final Logger log = LoggerFactory.getLogger(WorkingDays.class);

    /** How the day differs from the weekday rule. */
    public enum Kind {
        HOLIDAY("法定节假日"),
        MAKEUP_WORKDAY("调休上班");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One row of the working calendar: who changed the day last, and when (wall-clock time of the schools' zone). */
    public record Day(LocalDate date, Kind kind, String name, String changedBy, LocalDateTime changedAt) {
    }

    /** Longest a name may be: {@code working_calendar.name VARCHAR(50)}. */
    public static final int NAME_MAX = 50;

    /** No run of days off is longer than this; more means the calendar is broken, not that HQ is on leave. */
    private static final int MAX_SPAN_DAYS = 366;

    private final JdbcClient jdbc;
    private final SchoolClock clock;

    WorkingDays(JdbcClient jdbc, SchoolClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The day that is {@code days} working days after {@code from} ({@code from} itself does not count). */
    public LocalDate after(LocalDate from, int days) {
        Map<Integer, Map<LocalDate, Kind>> years = new HashMap<>();
        return after(from, days, year -> years.computeIfAbsent(year, this::exceptionsOf));
    }

    /** Whether HQ works on this day. */
    public boolean isWorkingDay(LocalDate day) {
        return isWorkingDay(day, exceptionsOf(day.getYear()).get(day));
    }

    /** The rule itself: the day's entry in the working calendar, if any, decides; otherwise Monday to Friday. */
    static boolean isWorkingDay(LocalDate day, Kind entry) {
        if (entry != null) {
            return entry == Kind.MAKEUP_WORKDAY;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    static LocalDate after(LocalDate from, int days, IntFunction<Map<LocalDate, Kind>> year) {
        if (days < 0) {
            throw new IllegalArgumentException("working days must not be negative: " + days);
        }
        LocalDate day = from;
        int counted = 0;
        int stepped = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (++stepped > MAX_SPAN_DAYS + days) {
                throw new IllegalStateException("no " + days + " working days within a year after " + from
                        + ": the working calendar marks nearly every day a holiday");
            }
            if (isWorkingDay(day, year.apply(day.getYear()).get(day))) {
                counted++;
            }
        }
        return day;
    }

    /** The year's entries, by day. A year without any entry counts weekends only, and says so in the log. */
    private Map<LocalDate, Kind> exceptionsOf(int year) {
        Map<LocalDate, Kind> entries = new HashMap<>();
        for (Day d : year(year)) {
            entries.put(d.date(), d.kind());
        }
        if (entries.isEmpty()) {
            log.warn("Working calendar has no holidays for {}: counting weekends only (R-BA-06); HQ should enter the year's"
                    + " public holidays and make-up working days (PUT /api/working-calendar/<date>)", year);
        }
        return entries;
    }

    /** Every entry of the year, in date order. */
    public List<Day> year(int year) {
        return jdbc.sql("SELECT calendar_day, kind, name, changed_by, changed_at FROM working_calendar"
                        + " WHERE calendar_day BETWEEN ? AND ? ORDER BY calendar_day")
                .params(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))
                .query(WorkingDays::day).list();
    }

    public Optional<Day> find(LocalDate date) {
        return jdbc.sql("SELECT calendar_day, kind, name, changed_by, changed_at FROM working_calendar WHERE calendar_day = ?")
                .param(date).query(WorkingDays::day).optional();
    }

    private static Day day(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Day(rs.getDate(1).toLocalDate(), Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toLocalDateTime());
    }

    /** Sets the day's entry (a new one or a change), recording who did it and when. */
    public Day save(LocalDate date, Kind kind, String name, String userId) {
        LocalDateTime now = clock.now();
        if (update(date, kind, name, userId, now) == 0) {
            try {
                jdbc.sql("INSERT INTO working_calendar (calendar_day, kind, name, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)")
                        .params(date, kind.name(), name, userId, Timestamp.valueOf(now)).update();
            } catch (DuplicateKeyException concurrentInsert) {
                update(date, kind, name, userId, now);
            }
        }
        log.info("Working calendar: {} set to {} {} by {}", date, kind, name, userId);
        return new Day(date, kind, name, userId, now);
    }

    private int update(LocalDate date, Kind kind, String name, String userId, LocalDateTime now) {
        return jdbc.sql("UPDATE working_calendar SET kind = ?, name = ?, changed_by = ?, changed_at = ? WHERE calendar_day = ?")
                .params(kind.name(), name, userId, Timestamp.valueOf(now), date).update();
    }

    /** Removes the day's entry, so the weekday rule applies again; false when there was none. */
    public boolean remove(LocalDate date, String userId) {
        boolean removed = jdbc.sql("DELETE FROM working_calendar WHERE calendar_day = ?").param(date).update() > 0;
        if (removed) {
            log.info("Working calendar: entry of {} removed by {}", date, userId);
        }
        return removed;
    }
}
