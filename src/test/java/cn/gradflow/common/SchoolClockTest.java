package cn.gradflow.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The schools' day follows China's midnight, not the server's, and moves with the engine's clock. */
class SchoolClockTest {

    private final SchoolClock clock = new SchoolClock(ZoneId.of("Asia/Shanghai"));

    @AfterEach
    void resetEngineClock() {
        ClockUtil.reset();
    }

    @Test
    void half_past_midnight_in_beijing_is_already_the_next_day_while_utc_is_still_on_the_last() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-06-30T16:30:00Z")));

        assertThat(clock.today()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(clock.now()).isEqualTo(LocalDateTime.of(2026, 7, 1, 0, 30));
    }

    @Test
    void a_deadline_day_ends_at_midnight_beijing_time_whatever_the_servers_zone() {
        assertThat(clock.endOfDay(LocalDate.of(2026, 6, 30)).toInstant()).isEqualTo(Instant.parse("2026-06-30T15:59:59Z"));
        assertThat(clock.date(LocalDate.of(2026, 7, 1).atStartOfDay()).toInstant()).isEqualTo(Instant.parse("2026-06-30T16:00:00Z"));
    }

    @Test
    void moving_the_engine_clock_moves_gradflows_now() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-01-15T02:00:00Z")));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2027-01-15T02:00:00Z"));
        ClockUtil.reset();
        assertThat(clock.today().getYear()).isGreaterThanOrEqualTo(2026);
    }
}
