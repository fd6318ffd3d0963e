package cn.gradflow.admission;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;

import org.springframework.stereotype.Component;

import cn.gradflow.common.SchoolClock;

/**
 * When the CHSI self-check reminders run: every Monday 08:00 Beijing time. A cron in the BPMN would follow the
 * JVM's zone (UTC on a server: 16:00 in Beijing), so the timer is an ISO cycle anchored at the next Monday 08:00
 * in the school clock's zone, with its offset written out.
 */
@Component("chsiSelfCheckSchedule")
public class SelfCheckSchedule {

    static final LocalTime AT = LocalTime.of(8, 0);

    private final SchoolClock clock;

    SelfCheckSchedule(SchoolClock clock) {
        this.clock = clock;
    }

    /** {@code R/<next Monday 08:00+08:00>/P7D}: evaluated when the definition is deployed. */
    public String cycle() {
        return "R/" + nextMonday().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "/P7D";
    }

    ZonedDateTime nextMonday() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        ZonedDateTime candidate = now.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY)).with(AT);
        return candidate.isAfter(now) ? candidate : candidate.plusWeeks(1);
    }
}
