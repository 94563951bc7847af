package io.spotdraftsync.webhook;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The webhook receiver ({@code POST /webhooks/spotdraft}) and the worker that drains its inbox.
 *
 * <p>Keys are never logged, also not through {@link #toString()}, and a bad key fails the start with a
 * message that names the property without echoing the value.
 *
 * @param hmacKey            SpotDraft's webhook signing key, base64, as {@code GET /api/v2.1/public/webhooks/hmac_key/}
 *                           serves it; when unset or empty, the receiver fetches it from the API at the first delivery,
 *                           and again (at most once per {@code keyRefreshInterval}) when a signature fails
 * @param previousHmacKey    also accepted, so that a key rotation does not drop the deliveries signed before it
 * @param maxBody            larger bodies are refused with 413, before and while they are read (SpotDraft's are about 1 KB)
 * @param keyRefreshInterval a fetched key is fetched again, after a failed signature, at most this often
 * @param debounce           (worker) events are gathered for this long from the first one (longer while they still stream in)
 * @param maxDelay           (worker) an event waits at most this long, however many keep arriving
 * @param maxContractsPerRun (worker) contracts exported by one targeted run
 * @param retryDelay         (worker) wait before an event whose run failed is tried again; doubled after each failed
 *                           attempt, up to {@code maxRetryDelay}; also the wait while another run holds the lock
 * @param maxConcurrentReads bodies still arriving at once (each waits without holding a request thread); one more is
 *                           answered 503 with {@code Retry-After}; a body all there with its headers needs none
 * @param readTimeout        a body not received in full within this is answered 408 and its connection closed
 * @param keyFetchTimeout    the fetch of the key from the API is given up after this; deliveries wait for it at most
 *                           this long, then are answered 503 with {@code Retry-After}
 * @param inboxWriteTimeout  a delivery whose inbox row is not committed within this is answered 503 with
 *                           {@code Retry-After}
 * @param maxAttempts        (worker) failed attempts after which an event is set aside as {@code failed}
 * @param perCallAttempts    (worker) attempts of one API call in a webhook run, the first included, at most
 *                           {@code spotdraft.retry.max-attempts}: the event's own attempts ({@code maxAttempts}, with
 *                           their growing waits) are its retry, so a contract that keeps failing costs few calls;
 *                           list-based export and reconcile runs keep {@code spotdraft.retry.max-attempts}
 * @param maxRetryDelay      (worker) the longest wait between two attempts of an event
 * @param retention          (worker) finished events (done, discarded) are deleted this long after they finished,
 *                           except the newest event of each contract (de-duplication of a re-sent latest event)
 */
@ConfigurationProperties("sync.webhook")
@Validated
public record WebhookProperties(
        String hmacKey,
        String previousHmacKey,
        @DefaultValue("64KB") @NotNull(message = "sync.webhook.max-body must be set") DataSize maxBody,
        @DefaultValue("5m") @NotNull(message = "sync.webhook.key-refresh-interval must be set") Duration keyRefreshInterval,
        @DefaultValue("2s") @NotNull(message = "sync.webhook.debounce must be set") Duration debounce,
        @DefaultValue("10s") @NotNull(message = "sync.webhook.max-delay must be set") Duration maxDelay,
        @DefaultValue("200")
        @Min(value = 1, message = "sync.webhook.max-contracts-per-run must be between 1 and 1000")
        @Max(value = 1000, message = "sync.webhook.max-contracts-per-run must be between 1 and 1000") int maxContractsPerRun,
        @DefaultValue("5s") @NotNull(message = "sync.webhook.retry-delay must be set") Duration retryDelay,
        @DefaultValue("64")
        @Min(value = 1, message = "sync.webhook.max-concurrent-reads must be between 1 and 10000")
        @Max(value = 10_000, message = "sync.webhook.max-concurrent-reads must be between 1 and 10000") int maxConcurrentReads,
        @DefaultValue("10s") @NotNull(message = "sync.webhook.read-timeout must be set") Duration readTimeout,
        @DefaultValue("5s") @NotNull(message = "sync.webhook.key-fetch-timeout must be set") Duration keyFetchTimeout,
        @DefaultValue("5s") @NotNull(message = "sync.webhook.inbox-write-timeout must be set") Duration inboxWriteTimeout,
        @DefaultValue("5")
        @Min(value = 1, message = "sync.webhook.max-attempts must be between 1 and 100")
        @Max(value = 100, message = "sync.webhook.max-attempts must be between 1 and 100") int maxAttempts,
        @DefaultValue("3")
        @Min(value = 1, message = "sync.webhook.per-call-attempts must be between 1 and 10")
        @Max(value = 10, message = "sync.webhook.per-call-attempts must be between 1 and 10") int perCallAttempts,
        @DefaultValue("10m") @NotNull(message = "sync.webhook.max-retry-delay must be set") Duration maxRetryDelay,
        @DefaultValue("30d") @NotNull(message = "sync.webhook.retention must be set") Duration retention) {

    /** The largest {@code max-body} allowed. */
    public static final DataSize MAX_BODY_LIMIT = DataSize.ofMegabytes(16);

    /** True when the key is configured, false when the receiver fetches it from the API. */
    public boolean hmacKeyConfigured() {
        return hmacKey != null && !hmacKey.isBlank();
    }

    public boolean previousHmacKeyConfigured() {
        return previousHmacKey != null && !previousHmacKey.isBlank();
    }

    @AssertTrue(message = "sync.webhook.hmac-key must be the base64 key that SpotDraft serves at "
            + "GET /api/v2.1/public/webhooks/hmac_key/ (the value given is not valid base64, or decodes to nothing); "
            + "leave it unset or empty to fetch the key from the API")
    public boolean isHmacKeyValid() {
        return !hmacKeyConfigured() || validKey(hmacKey);
    }

    @AssertTrue(message = "sync.webhook.previous-hmac-key must be a base64 key like sync.webhook.hmac-key "
            + "(the value given is not valid base64, or decodes to nothing)")
    public boolean isPreviousHmacKeyValid() {
        return !previousHmacKeyConfigured() || validKey(previousHmacKey);
    }

    @AssertTrue(message = "sync.webhook.max-body must be more than 0 and at most 16MB")
    public boolean isMaxBodyValid() {
        return maxBody == null || (maxBody.toBytes() > 0 && maxBody.compareTo(MAX_BODY_LIMIT) <= 0);
    }

    @AssertTrue(message = "sync.webhook.key-refresh-interval must be more than 0")
    public boolean isKeyRefreshIntervalValid() {
        return keyRefreshInterval == null || positive(keyRefreshInterval);
    }

    @AssertTrue(message = "sync.webhook.debounce must be more than 0")
    public boolean isDebounceValid() {
        return debounce == null || positive(debounce);
    }

    @AssertTrue(message = "sync.webhook.max-delay must be at least sync.webhook.debounce")
    public boolean isMaxDelayValid() {
        return maxDelay == null || debounce == null || maxDelay.compareTo(debounce) >= 0;
    }

    @AssertTrue(message = "sync.webhook.retry-delay must not be negative")
    public boolean isRetryDelayValid() {
        return retryDelay == null || !retryDelay.isNegative();
    }

    @AssertTrue(message = "sync.webhook.read-timeout must be more than 0")
    public boolean isReadTimeoutValid() {
        return readTimeout == null || positive(readTimeout);
    }

    @AssertTrue(message = "sync.webhook.key-fetch-timeout must be more than 0")
    public boolean isKeyFetchTimeoutValid() {
        return keyFetchTimeout == null || positive(keyFetchTimeout);
    }

    @AssertTrue(message = "sync.webhook.inbox-write-timeout must be more than 0")
    public boolean isInboxWriteTimeoutValid() {
        return inboxWriteTimeout == null || positive(inboxWriteTimeout);
    }

    @AssertTrue(message = "sync.webhook.max-retry-delay must be at least sync.webhook.retry-delay")
    public boolean isMaxRetryDelayValid() {
        return maxRetryDelay == null || retryDelay == null || maxRetryDelay.compareTo(retryDelay) >= 0;
    }

    @AssertTrue(message = "sync.webhook.retention must be at least 1h (de-duplication needs the recent events)")
    public boolean isRetentionValid() {
        return retention == null || retention.compareTo(Duration.ofHours(1)) >= 0;
    }

    /**
     * How long an event waits after its {@code attempts}-th failed attempt: {@code retryDelay}, doubled after each
     * further attempt, at most {@code maxRetryDelay}.
     */
    public Duration delayAfterAttempt(int attempts) {
        Duration delay = retryDelay;
        for (int attempt = 1; attempt < attempts && delay.compareTo(maxRetryDelay) < 0; attempt++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }

    /** {@code max-body} in bytes (at most 16MB, so an int). */
    public int maxBodyBytes() {
        return (int) maxBody.toBytes();
    }

    private static boolean validKey(String base64) {
        try {
            WebhookSignature.fromBase64Key(base64);
            return true;
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    /** Keys never reach a log line. */
    @Override
    public String toString() {
        return "WebhookProperties[hmacKey=" + (hmacKeyConfigured() ? "****" : "unset (fetched from the API)")
                + ", previousHmacKey=" + (previousHmacKeyConfigured() ? "****" : "unset")
                + ", maxBody=" + maxBody + ", keyRefreshInterval=" + keyRefreshInterval + ", debounce=" + debounce
                + ", maxDelay=" + maxDelay + ", maxContractsPerRun=" + maxContractsPerRun
                + ", retryDelay=" + retryDelay + ", maxConcurrentReads=" + maxConcurrentReads + ", readTimeout=" + readTimeout
                + ", keyFetchTimeout=" + keyFetchTimeout + ", inboxWriteTimeout=" + inboxWriteTimeout
                + ", maxAttempts=" + maxAttempts + ", perCallAttempts=" + perCallAttempts + ", maxRetryDelay=" + maxRetryDelay + ", retention=" + retention + "]";
    }
}
