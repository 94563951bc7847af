package io.spotdraftsync.ops.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.spotdraftsync.spotdraft.SpotDraftUnavailableException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** The SpotDraft check: never waits for SpotDraft, one probe per interval at most, and what a failure reports. */
class SpotDraftHealthIndicatorTest {

    private static final Duration INTERVAL = Duration.ofMinutes(1);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-05T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();
    /** Holds probes back until the test has looked at the state before their result. */
    private final java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);

    private void probe() {
        probes.incrementAndGet();
        try {
            if (!answer.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the probe answer");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
        if (failing.get()) {
            throw new SpotDraftUnavailableException("GET /api/v2.1/public/contract_types/",
                    "GET /api/v2.1/public/contract_types/ failed after one attempt: HTTP 503.", null);
        }
    }

    @Test
    void oneProbePerIntervalHoweverOftenAsked() {
        try (SpotDraftHealthIndicator indicator = new SpotDraftHealthIndicator(this::probe, INTERVAL, false, clock)) {
            assertThat(indicator.health().getStatus()).as("before the first result").isEqualTo(Status.UNKNOWN);
            answer.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus().equals(Status.UP));
            for (int i = 0; i < 20; i++) {
                indicator.health();
            }
            assertThat(probes).hasValue(1);

            now.set(now.get().plus(INTERVAL).minusSeconds(1));
            indicator.health();
            assertThat(probes).hasValue(1);

            now.set(now.get().plusSeconds(1));
            indicator.health();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(probes).hasValue(2));
            indicator.health();
            assertThat(probes).hasValue(2);
        }
    }

    @Test
    void anUnreachableSpotDraftIsUnreachableOrDownWhenItAffectsReadiness() {
        failing.set(true);
        answer.countDown();
        try (SpotDraftHealthIndicator lenient = new SpotDraftHealthIndicator(this::probe, INTERVAL, false, clock);
                SpotDraftHealthIndicator strict = new SpotDraftHealthIndicator(this::probe, INTERVAL, true, clock)) {
            lenient.health();
            strict.health();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(lenient.health().getStatus()).isEqualTo(SpotDraftHealthIndicator.UNREACHABLE);
                assertThat(strict.health().getStatus()).isEqualTo(Status.DOWN);
            });
            assertThat(lenient.health().getDetails().get("error").toString()).contains("HTTP 503");

            // back after the interval
            failing.set(false);
            now.set(now.get().plus(INTERVAL));
            lenient.health();
            await().atMost(Duration.ofSeconds(10)).until(() -> lenient.health().getStatus().equals(Status.UP));
        }
    }
}
