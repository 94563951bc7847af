package io.spotdraftsync.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys a delivery's signature may be made with, and where they come from.
 *
 * <ul>
 * <li>{@code sync.webhook.hmac-key} and {@code sync.webhook.previous-hmac-key}, when set, are always accepted.</li>
 * <li>When {@code hmac-key} is not set, SpotDraft's key is fetched from the API at the first delivery (one call,
 * from the workspace's request budget) and kept. When a well-formed signature then fails, the key is fetched
 * again, at most once per {@code key-refresh-interval}: a key SpotDraft rotated to is picked up, and the key
 * fetched before it is still accepted, so that deliveries signed before and after the rotation both pass.</li>
 * </ul>
 *
 * <p>A fetch runs on its own thread, never under a lock, one at a time: deliveries that need it meanwhile wait for
 * that one fetch, at most until {@code key-fetch-timeout} after it started. A fetch not done by then is given up
 * (its thread interrupted) and the deliveries waiting are {@link KeyUnavailableException unavailable} (503, to be
 * sent again); no new fetch starts before the given-up one has ended. Thread-safe. No key is ever logged.
 */
public final class WebhookKeys {

    private static final Logger log = LoggerFactory.getLogger(WebhookKeys.class);

    /** Fetched keys kept: the newest and the one before it. */
    private static final int FETCHED_KEYS_KEPT = 2;
    /** After a failed first fetch, the next delivery tries again only after this (or the refresh interval, if shorter). */
    static final Duration FETCH_FAILURE_BACKOFF = Duration.ofSeconds(5);

    /** No key could be had: the API did not give one (a delivery is then answered 503, to be sent again). */
    public static final class KeyUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final List<WebhookSignature> configured;
    private final Supplier<String> fetcher;
    private final Duration refreshInterval;
    private final Duration fetchTimeout;
    private final Clock clock;

    /** Newest first; empty until the first fetch succeeded. Written only by a fetch's thread (one at a time). */
    private volatile List<WebhookSignature> fetched = List.of();
    /** The latest fetch, running or ended. */
    private final AtomicReference<Fetch> latest = new AtomicReference<>();
    private volatile Instant lastFetchStart;
    private volatile Instant lastFailedFirstFetch;
    private final AtomicLong fetches = new AtomicLong();

    private WebhookKeys(List<WebhookSignature> configured, Supplier<String> fetcher, Duration refreshInterval,
            Duration fetchTimeout, Clock clock) {
        this.configured = List.copyOf(configured);
        this.fetcher = fetcher;
        this.refreshInterval = refreshInterval;
        this.fetchTimeout = fetchTimeout;
        this.clock = clock;
    }

    /**
     * @param fetcher SpotDraft's key (base64) from the API; called only when {@code hmac-key} is not set
     */
    public static WebhookKeys of(WebhookProperties properties, Supplier<String> fetcher, Clock clock) {
        List<WebhookSignature> configured = new ArrayList<>();
        if (properties.hmacKeyConfigured()) {
            configured.add(WebhookSignature.fromBase64Key(properties.hmacKey()));
        }
        if (properties.previousHmacKeyConfigured()) {
            configured.add(WebhookSignature.fromBase64Key(properties.previousHmacKey()));
        }
        return new WebhookKeys(configured, properties.hmacKeyConfigured() ? null : fetcher,
                properties.keyRefreshInterval(), properties.keyFetchTimeout(), clock);
    }

    /**
     * One workspace of {@code sync.workspaces}: its own keys ({@code webhook-hmac-key}, {@code webhook-previous-hmac-key},
     * base64) when configured, else fetched from its API.
     */
    public static WebhookKeys of(List<String> base64Keys, Supplier<String> fetcher, Duration refreshInterval,
            Duration fetchTimeout, Clock clock) {
        List<WebhookSignature> configured = base64Keys.stream().map(WebhookSignature::fromBase64Key).toList();
        return new WebhookKeys(configured, configured.isEmpty() ? fetcher : null, refreshInterval, fetchTimeout, clock);
    }

    /** True when the key comes from the API rather than from {@code sync.webhook.hmac-key}. */
    public boolean fetchesKey() {
        return fetcher != null;
    }

    /** Key fetches made so far (successful or not). */
    public long fetches() {
        return fetches.get();
    }

    /**
     * True when {@code signatureHeader} is the signature of {@code body} with an accepted key.
     *
     * @throws KeyUnavailableException when the key must come from the API and cannot be had in time
     */
    public boolean verify(byte[] body, String signatureHeader) {
        if (!WebhookSignature.wellFormed(signatureHeader)) {
            return false;
        }
        if (anyVerifies(configured, body, signatureHeader)) {
            return true;
        }
        if (fetcher == null) {
            return false;
        }
        List<WebhookSignature> known = fetched.isEmpty() ? firstKey() : fetched;
        if (anyVerifies(known, body, signatureHeader)) {
            return true;
        }
        List<WebhookSignature> refreshed = refreshIfDue(known);
        return refreshed != known && anyVerifies(refreshed, body, signatureHeader);
    }

    private static boolean anyVerifies(List<WebhookSignature> keys, byte[] body, String signatureHeader) {
        for (WebhookSignature key : keys) {
            if (key.verify(body, signatureHeader)) {
                return true;
            }
        }
        return false;
    }

    /** The key of the first fetch: the one running, else a new one unless the last failed moments ago. */
    private List<WebhookSignature> firstKey() {
        Fetch fetch = latest.get();
        if (fetch == null || !fetch.running) {
            if (!fetched.isEmpty()) {
                return fetched;
            }
            Duration backoff = refreshInterval.compareTo(FETCH_FAILURE_BACKOFF) < 0 ? refreshInterval : FETCH_FAILURE_BACKOFF;
            Instant failed = lastFailedFirstFetch;
            if (failed != null && clock.instant().isBefore(failed.plus(backoff))) {
                throw new KeyUnavailableException("The webhook signing key could not be fetched from SpotDraft "
                        + "(the last attempt failed moments ago)", null);
            }
            fetch = start(fetch);
        }
        try {
            return fetch.await();
        } catch (KeyUnavailableException unavailable) {
            throw unavailable;
        } catch (RuntimeException failure) {
            throw new KeyUnavailableException("The webhook signing key could not be fetched from SpotDraft", failure);
        }
    }

    /** Fetches the key again when the last fetch is older than the interval; the keys to accept now. */
    private List<WebhookSignature> refreshIfDue(List<WebhookSignature> known) {
        if (fetched != known) {
            // another delivery refreshed meanwhile
            return fetched;
        }
        Fetch fetch = latest.get();
        if (fetch == null || !fetch.running) {
            Instant started = lastFetchStart;
            if (started != null && clock.instant().isBefore(started.plus(refreshInterval))) {
                return known;
            }
            fetch = start(fetch);
        }
        try {
            return fetch.await();
        } catch (KeyUnavailableException unavailable) {
            throw unavailable;
        } catch (RuntimeException failure) {
            // logged by the fetch; the known key is still used
            return known;
        }
    }

    /** Starts a fetch after {@code ended}, unless another delivery just did: then that one. */
    private Fetch start(Fetch ended) {
        Fetch next = new Fetch(fetched.isEmpty());
        if (!latest.compareAndSet(ended, next)) {
            return latest.get();
        }
        lastFetchStart = clock.instant();
        next.thread.start();
        return next;
    }

    /** One call of the API for the key, on its own thread. */
    private final class Fetch {
        private final boolean first;
        private final long deadline = System.nanoTime() + fetchTimeout.toNanos();
        private final CompletableFuture<List<WebhookSignature>> keys = new CompletableFuture<>();
        private final AtomicBoolean givenUp = new AtomicBoolean();
        private final Thread thread;
        /** Until the call has returned, also after it was given up: no second call meanwhile. */
        private volatile boolean running = true;

        Fetch(boolean first) {
            this.first = first;
            this.thread = new Thread(this::run, "webhook-key-fetch");
            thread.setDaemon(true);
        }

        private void run() {
            List<WebhookSignature> now;
            try {
                now = keep(fetch());
            } catch (Throwable failure) {
                if (givenUp.get()) {
                    // the deliveries have had their answer; an interrupted call ends here
                    log.debug("A given-up fetch of the webhook signing key ended: {}", failure.toString());
                } else if (first) {
                    lastFailedFirstFetch = clock.instant();
                    log.warn("The webhook signing key could not be fetched from SpotDraft: {}", failure.getMessage());
                } else {
                    log.warn("The webhook signing key could not be fetched again from SpotDraft (the known key is still "
                            + "used; next try in {}): {}", refreshInterval, failure.getMessage());
                }
                running = false;
                keys.completeExceptionally(failure);
                return;
            }
            running = false;
            keys.complete(now);
        }

        /** The keys to accept, waiting at most until this fetch's deadline. */
        List<WebhookSignature> await() {
            try {
                return keys.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException failed) {
                throw failed.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(failed.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new KeyUnavailableException("Interrupted while waiting for the webhook signing key", interrupted);
            } catch (TimeoutException slow) {
                giveUp();
                throw new KeyUnavailableException("The webhook signing key was not fetched from SpotDraft within "
                        + fetchTimeout.toMillis() + " ms (sync.webhook.key-fetch-timeout)", null);
            }
        }

        private void giveUp() {
            if (givenUp.compareAndSet(false, true)) {
                if (first) {
                    lastFailedFirstFetch = clock.instant();
                }
                log.warn("The webhook signing key was not fetched from SpotDraft within {} ms "
                        + "(sync.webhook.key-fetch-timeout): given up; deliveries meanwhile are answered 503",
                        fetchTimeout.toMillis());
                thread.interrupt();
            }
        }
    }

    /** Keeps a fetched key beside the one before it; the keys to accept now. */
    private List<WebhookSignature> keep(WebhookSignature key) {
        List<WebhookSignature> known = fetched;
        if (known.isEmpty()) {
            fetched = List.of(key);
            log.info("Fetched SpotDraft's webhook signing key from the API");
            return fetched;
        }
        if (key.sameKey(known.get(0))) {
            log.info("A webhook signature failed; SpotDraft's webhook signing key is unchanged");
            return known;
        }
        List<WebhookSignature> keys = new ArrayList<>(FETCHED_KEYS_KEPT);
        keys.add(key);
        keys.addAll(known.subList(0, Math.min(known.size(), FETCHED_KEYS_KEPT - 1)));
        fetched = List.copyOf(keys);
        log.info("SpotDraft's webhook signing key changed; the previous one is still accepted");
        return fetched;
    }

    private WebhookSignature fetch() {
        fetches.incrementAndGet();
        String base64 = fetcher.get();
        try {
            return WebhookSignature.fromBase64Key(base64);
        } catch (IllegalArgumentException invalid) {
            // the message says what is wrong without the key
            throw new IllegalStateException("SpotDraft served a webhook key that cannot be used: " + invalid.getMessage());
        }
    }
}
