package cn.gradflow.common;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * GradFlow's one "now": the engine's own clock ({@link ClockUtil}, which timers and due dates use),
 * read in the schools' zone (Asia/Shanghai unless configured). A calendar day ends at midnight in
 * that zone whatever zone the server runs in; a test that moves the engine's clock moves this one.
 */
public final class SchoolClock extends Clock {

    private final ZoneId zone;

    public SchoolClock(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Instant instant() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new SchoolClock(other);
    }

    public LocalDate today() {
        return LocalDate.now(this);
    }

    /** The wall-clock time in the schools' zone, to the second (what tables record). */
    public LocalDateTime now() {
        return LocalDateTime.now(this).withNano(0);
    }

    public Timestamp timestamp() {
        return Timestamp.valueOf(now());
    }

    /** A wall-clock moment of the schools' zone as the engine takes it for timers and due dates. */
    public Date date(LocalDateTime moment) {
        return Date.from(moment.atZone(zone).toInstant());
    }

    /** A due date on a calendar day means until the end of that day. */
    public Date endOfDay(LocalDate day) {
        return date(day.atTime(23, 59, 59));
    }
}
