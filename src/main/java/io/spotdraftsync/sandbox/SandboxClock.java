package io.spotdraftsync.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Hands out change times: the current time at microsecond precision, but strictly increasing, so two changes in
 * the same microsecond (or a clock stepping back) still get distinct, ordered {@code last_updated_on} values.
 */
final class SandboxClock {

    private final Clock clock;
    private Instant last;

    SandboxClock(Clock clock, Instant notBefore) {
        this.clock = clock;
        this.last = notBefore;
    }

    synchronized Instant next() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        last = now.isAfter(last) ? now : last.plus(1, ChronoUnit.MICROS);
        return last;
    }

    /** The current time, without reserving it for a change. */
    Instant now() {
        return clock.instant();
    }
}
