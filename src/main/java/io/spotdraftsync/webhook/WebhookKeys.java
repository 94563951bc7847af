package io.spotdraftsync.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * Thread-safe. Concurrent first deliveries make one fetch; the others wait for it. No key is ever logged.
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
    private final Clock clock;
    private final Object fetchLock = new Object();

    /** Newest first; empty until the first fetch succeeded. */
    private volatile List<WebhookSignature> fetched = List.of();
    private volatile Instant lastFetch;
    private volatile Instant lastFailedFirstFetch;
    private volatile long fetches;

    private WebhookKeys(List<WebhookSignature> configured, Supplier<String> fetcher, Duration refreshInterval,
            Clock clock) {
        this.configured = List.copyOf(configured);
        this.fetcher = fetcher;
        this.refreshInterval = refreshInterval;
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
                properties.keyRefreshInterval(), clock);
    }

    /**
     * One workspace of {@code sync.workspaces}: its own keys ({@code webhook-hmac-key}, {@code webhook-previous-hmac-key},
     * base64) when configured, else fetched from its API.
     */
    public static WebhookKeys of(List<String> base64Keys, Supplier<String> fetcher, Duration refreshInterval, Clock clock) {
        List<WebhookSignature> configured = base64Keys.stream().map(WebhookSignature::fromBase64Key).toList();
        return new WebhookKeys(configured, configured.isEmpty() ? fetcher : null, refreshInterval, clock);
    }

    /** True when the key comes from the API rather than from {@code sync.webhook.hmac-key}. */
    public boolean fetchesKey() {
        return fetcher != null;
    }

    /** Key fetches made so far (successful or not). */
    public long fetches() {
        return fetches;
    }

    /**
     * True when {@code signatureHeader} is the signature of {@code body} with an accepted key.
     *
     * @throws KeyUnavailableException when the key must come from the API and cannot be had
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
        List<WebhookSignature> known = fetched.isEmpty() ? firstFetch() : fetched;
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

    private List<WebhookSignature> firstFetch() {
        synchronized (fetchLock) {
            if (!fetched.isEmpty()) {
                return fetched;
            }
            Instant now = clock.instant();
            Duration backoff = refreshInterval.compareTo(FETCH_FAILURE_BACKOFF) < 0 ? refreshInterval : FETCH_FAILURE_BACKOFF;
            if (lastFailedFirstFetch != null && now.isBefore(lastFailedFirstFetch.plus(backoff))) {
                throw new KeyUnavailableException("The webhook signing key could not be fetched from SpotDraft "
                        + "(the last attempt failed moments ago)", null);
            }
            try {
                WebhookSignature key = fetch();
                fetched = List.of(key);
                lastFetch = now;
                log.info("Fetched SpotDraft's webhook signing key from the API");
                return fetched;
            } catch (RuntimeException failure) {
                lastFailedFirstFetch = now;
                log.warn("The webhook signing key could not be fetched from SpotDraft: {}", failure.getMessage());
                throw new KeyUnavailableException("The webhook signing key could not be fetched from SpotDraft", failure);
            }
        }
    }

    /** Fetches the key again when the last fetch is older than the interval; the keys to accept now. */
    private List<WebhookSignature> refreshIfDue(List<WebhookSignature> known) {
        synchronized (fetchLock) {
            if (fetched != known) {
                // another delivery refreshed while this one waited
                return fetched;
            }
            Instant now = clock.instant();
            if (lastFetch != null && now.isBefore(lastFetch.plus(refreshInterval))) {
                return known;
            }
            lastFetch = now;
            try {
                WebhookSignature key = fetch();
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
            } catch (RuntimeException failure) {
                log.warn("The webhook signing key could not be fetched again from SpotDraft (the known key is still "
                        + "used; next try in {}): {}", refreshInterval, failure.getMessage());
                return known;
            }
        }
    }

    private WebhookSignature fetch() {
        fetches++;
        String base64 = fetcher.get();
        try {
            return WebhookSignature.fromBase64Key(base64);
        } catch (IllegalArgumentException invalid) {
            // the message says what is wrong without the key
            throw new IllegalStateException("SpotDraft served a webhook key that cannot be used: " + invalid.getMessage());
        }
    }
}
