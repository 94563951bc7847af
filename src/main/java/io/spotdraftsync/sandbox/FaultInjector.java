package io.spotdraftsync.sandbox;

import java.time.Duration;
import java.util.Random;

/** Decides, per {@code /api/} request, which failure (if any) it gets; settings can change at runtime. */
final class FaultInjector {

    /** What happens to one request. */
    record Plan(Duration delay, int refusalStatus, Damage damage) {
        static final int NO_REFUSAL = 0;

        boolean refused() {
            return refusalStatus != NO_REFUSAL;
        }
    }

    /** Damage done to an answer on its way out, after the request was handled. */
    enum Damage {
        NONE,
        DROP_CONNECTION,
        TRUNCATE_BODY
    }

    private static final int[] SERVER_ERRORS = {500, 502, 503};

    private final Random random;
    private FaultSettings settings;
    private int burstRemaining;

    FaultInjector(FaultSettings settings, long seed) {
        this.settings = settings;
        this.random = new Random(Seeds.derive(seed, "faults", ""));
    }

    synchronized void configure(FaultSettings settings) {
        this.settings = settings;
        this.burstRemaining = 0;
    }

    synchronized Plan plan() {
        Duration delay = settings.latency();
        if (!settings.latencyJitter().isZero()) {
            delay = delay.plusNanos((long) (random.nextDouble() * settings.latencyJitter().toNanos()));
        }
        if (burstRemaining > 0) {
            burstRemaining--;
            return new Plan(delay, 429, Damage.NONE);
        }
        if (random.nextDouble() < settings.tooManyRequestsBurstProbability()) {
            burstRemaining = settings.burstLength() - 1;
            return new Plan(delay, 429, Damage.NONE);
        }
        if (random.nextDouble() < settings.serverErrorProbability()) {
            return new Plan(delay, SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)], Damage.NONE);
        }
        if (random.nextDouble() < settings.dropConnectionProbability()) {
            return new Plan(delay, Plan.NO_REFUSAL, Damage.DROP_CONNECTION);
        }
        if (random.nextDouble() < settings.truncatedBodyProbability()) {
            return new Plan(delay, Plan.NO_REFUSAL, Damage.TRUNCATE_BODY);
        }
        return new Plan(delay, Plan.NO_REFUSAL, Damage.NONE);
    }

    /** How many bytes of a {@code length}-byte body a truncated answer sends: between 10 % and 90 %. */
    synchronized long truncatedLength(long length) {
        return Math.max(0, Math.min(length - 1, (long) (length * (0.1 + 0.8 * random.nextDouble()))));
    }

    /** Faults by path that stay until cleared, whatever {@link #configure} sets. */
    private final PathFaults pathFaults = new PathFaults();

    PathFaults paths() {
        return pathFaults;
    }
}
