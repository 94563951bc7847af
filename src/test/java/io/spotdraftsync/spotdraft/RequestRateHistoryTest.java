package io.spotdraftsync.spotdraft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class RequestRateHistoryTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private volatile Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00.250Z"));
    private final RequestRateHistory history = new RequestRateHistory(clock);

    @Test
    void bucketsHoldTheAverageAndThePeakSecond() {
        // 7 requests in one second, 3 in the next, then nothing: one 10 s bucket averages 1/s and peaks at 7
        record(7);
        clock.advance(Duration.ofSeconds(1));
        record(3);
        clock.advance(Duration.ofSeconds(5));

        RequestRateHistory.Series series = history.series(10);

        assertThat(series.bucketSeconds()).isEqualTo(10);
        assertThat(series.average()).hasSize(360);
        assertThat(series.start()).isEqualTo(Instant.parse("2026-03-02T09:00:06Z"));
        assertThat(series.total()).isEqualTo(10);
        assertThat(series.peakOfAll()).isEqualTo(7);
        // the two seconds are 6 and 5 seconds before the end: both in the last bucket
        assertThat(series.peak()[359]).isEqualTo(7);
        assertThat(series.average()[359]).isEqualTo(1.0);
        assertThat(series.peak()[358]).isZero();
        assertThat(history.averagePerSecond(Duration.ofMinutes(1))).isEqualTo(10 / 60.0);
    }

    @Test
    void theCurrentSecondIsNotShownUntilItIsOver() {
        record(4);
        assertThat(history.series(1).total()).isZero();
        clock.advance(Duration.ofSeconds(1));
        RequestRateHistory.Series series = history.series(1);
        assertThat(series.peak()[3599]).isEqualTo(4);
    }

    @Test
    void anHourLaterTheSlotsAreReusedAndOldCountsAreGone() {
        record(5);
        clock.advance(Duration.ofMinutes(30));
        record(2);
        clock.advance(Duration.ofMinutes(31));
        // the first second is now more than an hour old; the second one is still inside
        RequestRateHistory.Series series = history.series(60);
        assertThat(series.total()).isEqualTo(2);
        assertThat(series.peakOfAll()).isEqualTo(2);

        // exactly one hour after the first second, its slot counts the new second from zero
        clock.advance(Duration.ofMinutes(29));
        record(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(history.series(60).total()).isEqualTo(1);
    }

    @Test
    void concurrentRecordsAreAllCounted() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int thread = 0; thread < 4; thread++) {
            threads.submit(() -> record(2_500));
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(history.series(10).peakOfAll()).isEqualTo(10_000);
    }

    @Test
    void bucketsMustDivideTheHour() {
        assertThatThrownBy(() -> history.series(7)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3600");
        assertThatThrownBy(() -> history.series(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private void record(int requests) {
        for (int i = 0; i < requests; i++) {
            history.record();
        }
    }
}
