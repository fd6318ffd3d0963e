package cn.gradflow.security;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginFailuresBySourceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-20T08:00:00Z"));
    private final LoginFailuresBySource failures = new LoginFailuresBySource(clock, 5, Duration.ofMinutes(30), 100);

    @Test
    void fifthFailureWithinTheWindowBlocksUntilTheOldestExpires() {
        for (int i = 0; i < 4; i++) {
            assertThat(failures.recordFailure("10.0.0.1")).isFalse();
            assertThat(failures.waitBeforeNextAttempt("10.0.0.1")).isZero();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(failures.recordFailure("10.0.0.1")).isTrue();

        // failures at 08:00 … 08:04: blocked until 08:30, when the first leaves the window
        assertThat(failures.waitBeforeNextAttempt("10.0.0.1")).isEqualTo(Duration.ofMinutes(26));
        assertThat(failures.waitBeforeNextAttempt("10.0.0.2")).isZero();
        clock.advance(Duration.ofMinutes(26).minusSeconds(1));
        assertThat(failures.waitBeforeNextAttempt("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(failures.waitBeforeNextAttempt("10.0.0.1")).isZero();

        // sliding: one attempt more, and a failure blocks again until the second-oldest expires (08:31)
        failures.recordFailure("10.0.0.1");
        assertThat(failures.waitBeforeNextAttempt("10.0.0.1")).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void failuresSpreadBeyondTheWindowNeverBlock() {
        for (int i = 0; i < 20; i++) {
            failures.recordFailure("10.0.0.1");
            assertThat(failures.waitBeforeNextAttempt("10.0.0.1")).isZero();
            clock.advance(Duration.ofMinutes(8)); // never 5 within 30 minutes
        }
    }

    @Test
    void memoryStaysBounded() {
        LoginFailuresBySource few = new LoginFailuresBySource(clock, 2, Duration.ofMinutes(30), 3);
        few.recordFailure("10.0.0.1");
        few.recordFailure("10.0.0.1");
        for (int i = 0; i < 50; i++) {
            few.recordFailure("10.0.0.1"); // one source keeps only its last 2 failures
        }
        few.recordFailure("10.0.0.2");
        few.recordFailure("10.0.0.3");
        assertThat(few.waitBeforeNextAttempt("10.0.0.1")).isPositive(); // seen last: kept
        few.recordFailure("10.0.0.4");

        assertThat(few.sources()).isEqualTo(3);
        assertThat(few.waitBeforeNextAttempt("10.0.0.1")).isPositive();
        assertThat(few.waitBeforeNextAttempt("10.0.0.2")).isZero(); // least recently seen: forgotten

        clock.advance(Duration.ofMinutes(30));
        few.waitBeforeNextAttempt("10.0.0.1");
        few.waitBeforeNextAttempt("10.0.0.3");
        few.waitBeforeNextAttempt("10.0.0.4");
        assertThat(few.sources()).isZero(); // expired sources are dropped when looked at
    }
}
