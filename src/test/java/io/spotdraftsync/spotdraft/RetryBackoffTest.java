package io.spotdraftsync.spotdraft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    private final RetryBackoff backoff = new RetryBackoff(
            new SpotDraftProperties.Retry(8, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10)));

    @Test
    void ceilingDoublesUpToTheMaximum() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(60)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void fullJitterStaysBetweenZeroAndTheCeilingAndSpreads() {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2_000; i++) {
            long delay = backoff.delay(3, null).toMillis();
            assertThat(delay).isBetween(0L, 400L);
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertThat(min).isLessThan(40);
        assertThat(max).isGreaterThan(360);
    }

    @Test
    void retryAfterIsHonouredButCapped() {
        assertThat(backoff.delay(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(backoff.delay(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(10));
    }
}
