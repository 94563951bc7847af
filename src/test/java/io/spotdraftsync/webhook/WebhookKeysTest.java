package io.spotdraftsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.spotdraftsync.testsupport.MutableClock;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Which keys verify, when a key is fetched from the API, and how a rotation at SpotDraft is followed. */
class WebhookKeysTest {

    private static final byte[] BODY = "{\"activity\":\"CONTRACT_CREATED\"}".getBytes(StandardCharsets.UTF_8);
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));

    /** The API's key endpoint: counts calls, serves {@link #key}, or fails when it is null. */
    private static final class FakeApi implements Supplier<String> {
        final AtomicReference<String> key = new AtomicReference<>();
        final AtomicInteger calls = new AtomicInteger();

        FakeApi(String key) {
            this.key.set(key);
        }

        @Override
        public String get() {
            calls.incrementAndGet();
            String current = key.get();
            if (current == null) {
                throw new IllegalStateException("SpotDraft answered 503");
            }
            return current;
        }
    }

    private static WebhookProperties properties(String key, String previous) {
        return new WebhookProperties(key, previous, DataSize.ofMegabytes(1), INTERVAL, Duration.ofSeconds(2),
                Duration.ofSeconds(10), 200, Duration.ofSeconds(5), 64, Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(5), 5, 3, Duration.ofMinutes(10), Duration.ofDays(30));
    }

    private WebhookKeys fetching(FakeApi api, String previous) {
        return WebhookKeys.of(properties(null, previous), api, clock);
    }

    @Test
    void configuredKeysVerifyAndNothingIsFetched() {
        String key = Deliveries.newKey();
        String previous = Deliveries.newKey();
        FakeApi api = new FakeApi(Deliveries.newKey());
        WebhookKeys keys = WebhookKeys.of(properties(key, previous), api, clock);

        assertThat(keys.verify(BODY, Deliveries.sign(key, BODY))).isTrue();
        assertThat(keys.verify(BODY, Deliveries.sign(previous, BODY))).isTrue();
        assertThat(keys.verify(BODY, Deliveries.sign(key, BODY).toUpperCase())).as("hex digits in upper case").isTrue();
        assertThat(keys.verify(BODY, Deliveries.sign(api.key.get(), BODY))).isFalse();
        assertThat(keys.verify(BODY, Deliveries.sign(key, "{}".getBytes(StandardCharsets.UTF_8)))).isFalse();
        assertThat(api.calls).hasValue(0);
        assertThat(keys.fetchesKey()).isFalse();
    }

    @Test
    void theKeyIsFetchedAtTheFirstDeliveryOnlyAndThenKept() {
        String served = Deliveries.newKey();
        FakeApi api = new FakeApi(served);
        WebhookKeys keys = fetching(api, null);

        assertThat(api.calls).as("lazily").hasValue(0);
        for (int i = 0; i < 5; i++) {
            assertThat(keys.verify(BODY, Deliveries.sign(served, BODY))).isTrue();
        }
        assertThat(api.calls).hasValue(1);
    }

    @Test
    void concurrentFirstDeliveriesMakeOneFetch() throws Exception {
        String served = Deliveries.newKey();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        WebhookKeys keys = WebhookKeys.of(properties(null, null), () -> {
            calls.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return served;
        }, clock);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(threads.submit(() -> keys.verify(BODY, Deliveries.sign(served, BODY))));
            }
            release.countDown();
            for (Future<Boolean> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void aRotationAtSpotDraftIsFollowedAndTheFormerKeyStillVerifies() {
        String first = Deliveries.newKey();
        String second = Deliveries.newKey();
        FakeApi api = new FakeApi(first);
        WebhookKeys keys = fetching(api, null);
        assertThat(keys.verify(BODY, Deliveries.sign(first, BODY))).isTrue();

        api.key.set(second);
        // within the refresh interval of the first fetch: not fetched again
        assertThat(keys.verify(BODY, Deliveries.sign(second, BODY))).isFalse();
        assertThat(api.calls).hasValue(1);

        clock.advance(INTERVAL);
        assertThat(keys.verify(BODY, Deliveries.sign(second, BODY))).isTrue();
        assertThat(api.calls).hasValue(2);
        assertThat(keys.verify(BODY, Deliveries.sign(first, BODY))).as("signed before the rotation, delivered after").isTrue();
        assertThat(keys.verify(BODY, Deliveries.sign(second, BODY))).isTrue();
        assertThat(api.calls).hasValue(2);
    }

    @Test
    void failingSignaturesFetchAtMostOncePerInterval() {
        String served = Deliveries.newKey();
        FakeApi api = new FakeApi(served);
        WebhookKeys keys = fetching(api, null);
        String forged = Deliveries.sign(Deliveries.newKey(), BODY);

        for (int i = 0; i < 20; i++) {
            assertThat(keys.verify(BODY, forged)).isFalse();
        }
        assertThat(api.calls).as("the first fetch, then none inside the interval").hasValue(1);

        clock.advance(INTERVAL.plusSeconds(1));
        for (int i = 0; i < 20; i++) {
            assertThat(keys.verify(BODY, forged)).isFalse();
        }
        assertThat(api.calls).hasValue(2);
        assertThat(keys.verify(BODY, Deliveries.sign(served, BODY))).isTrue();
    }

    @Test
    void aGarbledHeaderNeverCausesAFetch() {
        FakeApi api = new FakeApi(Deliveries.newKey());
        WebhookKeys keys = fetching(api, null);

        for (String garbled : new String[] {null, "", "abc", "zz".repeat(64), "ab".repeat(65), "\u0663".repeat(128)}) {
            assertThat(keys.verify(BODY, garbled)).isFalse();
        }
        assertThat(api.calls).hasValue(0);
    }

    @Test
    void aFailedFirstFetchIsUnavailableAndRetriedAfterABackoff() {
        String served = Deliveries.newKey();
        FakeApi api = new FakeApi(null);
        WebhookKeys keys = fetching(api, null);
        String signature = Deliveries.sign(served, BODY);

        assertThatThrownBy(() -> keys.verify(BODY, signature)).isInstanceOf(WebhookKeys.KeyUnavailableException.class);
        assertThatThrownBy(() -> keys.verify(BODY, signature)).isInstanceOf(WebhookKeys.KeyUnavailableException.class);
        assertThat(api.calls).as("no second call within the backoff").hasValue(1);

        api.key.set(served);
        clock.advance(WebhookKeys.FETCH_FAILURE_BACKOFF);
        assertThat(keys.verify(BODY, signature)).isTrue();
        assertThat(api.calls).hasValue(2);
    }

    @Test
    void aFailedRefreshKeepsTheKnownKey() {
        String served = Deliveries.newKey();
        FakeApi api = new FakeApi(served);
        WebhookKeys keys = fetching(api, null);
        assertThat(keys.verify(BODY, Deliveries.sign(served, BODY))).isTrue();

        api.key.set(null);
        clock.advance(INTERVAL);
        assertThat(keys.verify(BODY, Deliveries.sign(Deliveries.newKey(), BODY))).isFalse();

        assertThat(api.calls).hasValue(2);
        assertThat(keys.verify(BODY, Deliveries.sign(served, BODY))).isTrue();
    }

    @Test
    void aPreviousKeyIsAcceptedBesideAFetchedOne() {
        String served = Deliveries.newKey();
        String previous = Deliveries.newKey();
        FakeApi api = new FakeApi(served);
        WebhookKeys keys = fetching(api, previous);

        assertThat(keys.verify(BODY, Deliveries.sign(previous, BODY))).isTrue();
        assertThat(api.calls).as("the configured previous key verified: no fetch needed").hasValue(0);
        assertThat(keys.verify(BODY, Deliveries.sign(served, BODY))).isTrue();
        assertThat(api.calls).hasValue(1);
    }

    @Test
    void aServedKeyThatIsNotBase64IsUnavailableWithoutEchoingIt() {
        FakeApi api = new FakeApi("not*base64*secret");
        WebhookKeys keys = fetching(api, null);

        assertThatThrownBy(() -> keys.verify(BODY, Deliveries.sign(Deliveries.newKey(), BODY)))
                .isInstanceOf(WebhookKeys.KeyUnavailableException.class)
                .satisfies(failure -> assertThat(failure.getCause().getMessage()).doesNotContain("secret"));
    }
}
