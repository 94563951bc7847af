package io.spotdraftsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** The sliding window and the window statistic, on synthetic clocks. */
class RateLimiterTest {

    private static final long MS = 1_000_000L;

    @Test
    void refusesOnceTheLimitWasAcceptedWithinTheLastSecond() {
        RateLimiter limiter = new RateLimiter(3);

        assertThat(limiter.tryAcquire(0)).isEmpty();
        assertThat(limiter.tryAcquire(100 * MS)).isEmpty();
        assertThat(limiter.tryAcquire(200 * MS)).isEmpty();
        OptionalLong refused = limiter.tryAcquire(300 * MS);
        assertThat(refused).hasValue(700 * MS);
        // a refused request takes no place: the first place frees exactly one second after the first acceptance
        assertThat(limiter.tryAcquire(999 * MS)).isPresent();
        assertThat(limiter.tryAcquire(1000 * MS)).isEmpty();
        assertThat(limiter.tryAcquire(1050 * MS)).isPresent();
        assertThat(limiter.tryAcquire(1100 * MS)).isEmpty();
    }

    @Test
    void zeroIsUnlimitedAndTheLimitCanChangeAtRuntime() {
        RateLimiter limiter = new RateLimiter(0);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire(i)).isEmpty();
        }
        limiter.setRequestsPerSecond(1);
        assertThat(limiter.tryAcquire(2000 * MS)).isEmpty();
        assertThat(limiter.tryAcquire(2001 * MS)).hasValue(999 * MS);
    }

    @Test
    void theWindowStatisticIsTheExactMaximumOverEveryArrival() {
        TrafficStats stats = new TrafficStats();
        long[] arrivals = {0, 100, 200, 900, 999, 1000, 1001, 1500, 1999, 2000, 3500};
        for (long arrival : arrivals) {
            stats.apiArrival(arrival * MS, "GET /x");
        }
        // at 1001 ms the window (1 ms .. 1001 ms] holds 100, 200, 900, 999, 1000, 1001: six arrivals, the most
        SandboxStats snapshot = stats.snapshot();
        assertThat(snapshot.maxRequestsInAnyOneSecondWindow()).isEqualTo(6);
        assertThat(snapshot.requestsServed()).isEqualTo(arrivals.length);
        assertThat(snapshot.requests("GET /x")).isEqualTo(arrivals.length);

        stats.reset();
        assertThat(stats.snapshot().maxRequestsInAnyOneSecondWindow()).isZero();
        assertThat(stats.snapshot().requestsByEndpoint()).isEmpty();
    }
}
