package cn.gradflow.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins per source address in a sliding window: a source that failed {@code maxFailures} times within
 * the last {@code window} must wait until the oldest of those failures is {@code window} old. Successes do not
 * wipe failures (an attacker with one account of their own could otherwise reset their count at will).
 * <p>
 * Memory stays bounded: each source keeps its last {@code maxFailures} failure times only, sources whose
 * failures have all expired are dropped when looked at, and beyond {@code maxSources} sources the least recently
 * seen one is forgotten. In memory and per node: a restart, or another node, starts from zero.
 */
final class LoginFailuresBySource {

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, ArrayDeque<Instant>> failures;

    LoginFailuresBySource(Clock clock, int maxFailures, Duration window, int maxSources) {
        if (maxFailures < 1 || window.isNegative() || window.isZero() || maxSources < 1) {
            throw new IllegalArgumentException("gradflow.login: source-max-failures, source-window and max-sources must be positive");
        }
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.failures = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Instant>> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** How long the source has to wait before its next attempt; {@link Duration#ZERO} when it may try now. */
    synchronized Duration waitBeforeNextAttempt(String source) {
        ArrayDeque<Instant> recent = failures.get(source);
        if (recent == null) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        dropExpired(recent, now);
        if (recent.isEmpty()) {
            failures.remove(source);
            return Duration.ZERO;
        }
        if (recent.size() < maxFailures) {
            return Duration.ZERO;
        }
        return Duration.between(now, recent.peekFirst().plus(window));
    }

    /** Records a failed login of the source; true when this failure used up the source's allowance. */
    synchronized boolean recordFailure(String source) {
        Instant now = clock.instant();
        ArrayDeque<Instant> recent = failures.computeIfAbsent(source, s -> new ArrayDeque<>(maxFailures));
        dropExpired(recent, now);
        recent.addLast(now);
        while (recent.size() > maxFailures) {
            recent.removeFirst();
        }
        return recent.size() == maxFailures;
    }

    synchronized int sources() {
        return failures.size();
    }

    int maxFailures() {
        return maxFailures;
    }

    Duration window() {
        return window;
    }

    private void dropExpired(ArrayDeque<Instant> recent, Instant now) {
        while (!recent.isEmpty() && !recent.peekFirst().plus(window).isAfter(now)) {
            recent.removeFirst();
        }
    }
}
