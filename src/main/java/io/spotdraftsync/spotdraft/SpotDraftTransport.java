package io.spotdraftsync.spotdraft;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.spotdraftsync.spotdraft.model.ApiError;

import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.net.URIBuilder;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to one SpotDraft workspace: budget before every attempt, retries of transient faults, error
 * mapping, metrics. Redirects are never followed. Log lines carry method, path, status, attempt and
 * timing, never headers, bodies or signed URLs.
 */
final class SpotDraftTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpotDraftTransport.class);
    private static final int MAX_ERROR_TEXT = 300;
    private static final String BUDGETED = "spotdraft.budgeted-endpoint";

    /** What one attempt made of a response; {@code null} entity for bodiless answers. */
    @FunctionalInterface
    interface ResponseReader<T> {
        T read(InputStream body, long contentLength) throws IOException;
    }

    private final SpotDraftProperties settings;
    private final URI baseUrl;
    private final RequestBudget budget;
    private final ClientMetrics metrics;
    private final RequestRateHistory requestRate = new RequestRateHistory();
    private final JsonMapper json;
    private final CloseableHttpClient http;
    private final RetryBackoff backoff;
    private final Retries retries;
    private final Map<Integer, Retries> narrowerRetries = new ConcurrentHashMap<>();
    private final Retry singleAttempt;
    private final SignedUrlTargets signedUrls;

    SpotDraftTransport(SpotDraftProperties settings, RequestBudget budget, MeterRegistry registry, JsonMapper json,
            DownloadPolicy downloads) {
        this.settings = settings;
        this.signedUrls = new SignedUrlTargets(downloads, settings.allowInsecureHttp());
        this.baseUrl = settings.apiBaseUrl();
        this.budget = budget;
        this.metrics = new ClientMetrics(registry, settings.workspace());
        this.json = json;
        this.backoff = new RetryBackoff(settings.retry());
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.readTimeout()))
                        .setValidateAfterInactivity(Timeout.ofSeconds(2))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.readTimeout()))
                        .setConnectionRequestTimeout(Timeout.ofMinutes(5))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("spotdraft-sync")
                // the budget is taken once the connection is open, right before the request is written, so
                // that connection set-up time never bunches requests together at SpotDraft's end
                .addExecInterceptorAfter(ChainElement.CONNECT.name(), "spotdraft-budget", this::spendBudget)
                .build();
        this.retries = retries(settings.retry().maxAttempts(), "spotdraft-" + settings.workspace());
        this.singleAttempt = retry("spotdraft-" + settings.workspace() + "-once", true, 1);
    }

    /**
     * The retry policies of one per-call attempt budget: calls that may be repeated, and calls that are repeated only
     * when SpotDraft certainly did not act on them (creations).
     *
     * @param maxAttempts attempts of one call, the first included
     */
    record Retries(int maxAttempts, Retry repeatable, Retry onlyUnprocessed) {
        Retry forEndpoint(Endpoint endpoint) {
            return endpoint.repeatable() ? repeatable : onlyUnprocessed;
        }
    }

    private Retries retries(int maxAttempts, String name) {
        return new Retries(maxAttempts, retry(name, true, maxAttempts), retry(name + "-create", false, maxAttempts));
    }

    /** The policies of {@code spotdraft.retry.max-attempts}: every call's, unless a narrower budget is asked for. */
    Retries defaultRetries() {
        return retries;
    }

    /**
     * A budget of at most {@code maxAttempts} attempts per call (never more than {@code spotdraft.retry.max-attempts}),
     * with the same backoff; one set of policies per budget, shared by every client view that asks for it.
     */
    Retries retries(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a call needs at least one attempt, not " + maxAttempts);
        }
        int attempts = Math.min(maxAttempts, retries.maxAttempts());
        return attempts == retries.maxAttempts() ? retries : narrowerRetries.computeIfAbsent(attempts,
                narrower -> retries(narrower, "spotdraft-" + settings.workspace() + "-" + narrower + "-attempts"));
    }

    private Retry retry(String name, boolean repeatable, int maxAttempts) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .retryOnException(failure -> failure instanceof TransientFailure fault
                        && (repeatable || fault.requestNotProcessed()))
                .intervalBiFunction((attempt, outcome) -> backoff
                        .delay(attempt, outcome.isLeft() && outcome.getLeft() instanceof TransientFailure fault
                                ? fault.retryAfter : null)
                        .toMillis())
                .build();
        Retry created = Retry.of(name, config);
        created.getEventPublisher().onRetry(event -> {
            metrics.retried();
            log.warn("SpotDraft {} failed ({}); retry {} of {} in {} ms", describe(event.getLastThrowable()),
                    outcomeOf(event.getLastThrowable()), event.getNumberOfRetryAttempts(), maxAttempts - 1,
                    event.getWaitInterval().toMillis());
        });
        return created;
    }

    ClientCounters counters() {
        return metrics.snapshot();
    }

    URI baseUrl() {
        return baseUrl;
    }

    RequestRateHistory requestRate() {
        return requestRate;
    }

    /**
     * One API call: budget, attempt, retries (as {@code retries} allows), error mapping. {@code body} must be repeatable
     * (or null).
     */
    <T> T call(Endpoint endpoint, String id, Map<String, String> query, HttpEntity body, ResponseReader<T> reader,
            Retries retries) {
        return call(endpoint, id, query, body, reader, retries.forEndpoint(endpoint), !endpoint.repeatable());
    }

    /** One attempt only (budget and error mapping as usual): a probe that must not turn into several requests. */
    <T> T callOnce(Endpoint endpoint, String id, Map<String, String> query, ResponseReader<T> reader) {
        return call(endpoint, id, query, null, reader, singleAttempt, false);
    }

    private <T> T call(Endpoint endpoint, String id, Map<String, String> query, HttpEntity body, ResponseReader<T> reader,
            Retry policy, boolean onlyUnprocessed) {
        URI uri = uri(endpoint, id, query);
        String label = endpoint.method() + " " + uri.getRawPath();
        return withRetries(endpoint.describe(), label, policy, onlyUnprocessed, () -> {
            HttpUriRequestBase request = new HttpUriRequestBase(endpoint.method(), uri);
            request.setHeader("client-id", settings.clientId());
            request.setHeader("client-secret", settings.clientSecret());
            if (settings.userEmail() != null && !settings.userEmail().isBlank()) {
                request.setHeader("user-email", settings.userEmail());
            }
            request.setHeader("Accept", "application/json, application/pdf");
            if (body != null) {
                request.setEntity(body);
            }
            HttpClientContext context = HttpClientContext.create();
            context.setAttribute(BUDGETED, endpoint);
            long started = System.nanoTime();
            try {
                T result = http.execute(request, context, response -> handle(endpoint, label, response, reader));
                metrics.requestCompleted(endpoint, "200", System.nanoTime() - started);
                return result;
            } catch (TransientFailure failure) {
                metrics.requestCompleted(endpoint, failure.status == 0 ? "io_error" : String.valueOf(failure.status),
                        System.nanoTime() - started);
                throw failure;
            } catch (SpotDraftApiException failure) {
                metrics.requestCompleted(endpoint, String.valueOf(failure.status()), System.nanoTime() - started);
                throw failure;
            } catch (SpotDraftException failure) {
                metrics.requestCompleted(endpoint, "unusable", System.nanoTime() - started);
                throw failure;
            } catch (IOException failure) {
                metrics.requestCompleted(endpoint, "io_error", System.nanoTime() - started);
                throw TransientFailure.io(failure);
            }
        });
    }

    /**
     * A signed storage URL from {@code download_link}: not a SpotDraft API call, so no budget and no
     * credentials; transient faults are retried. The URL never appears in a message. Its host is resolved and
     * checked, and the connection goes to the checked address; the document's size is bounded
     * ({@link DownloadPolicy}): a refusal is a {@link DocumentRefusedException}, never retried.
     */
    <T> T fetchSignedUrl(String contractId, String signedUrl, DocumentReader<T> reader, Retries retries) {
        URI uri;
        try {
            uri = new URI(signedUrl);
        } catch (URISyntaxException | NullPointerException malformed) {
            throw new SpotDraftResponseException(Endpoint.DOWNLOAD_LINK.describe(),
                    "The download link of " + contractId + " is not a valid URL", null);
        }
        String label = "signed document URL of " + contractId;
        return withRetries(label, label, retries.repeatable(), false, () -> {
            HttpUriRequestBase request = new HttpUriRequestBase("GET", uri);
            DocumentReader<T> limited = signedUrls.limited(contractId, reader, request::cancel);
            try {
                // resolved at each attempt, and checked before any connection is opened
                HttpHost target = signedUrls.target(contractId, uri);
                return http.execute(target, request, response -> {
                    int status = response.getCode();
                    if (status >= 200 && status < 300) {
                        return readBody(response, limited::read, label);
                    }
                    if (status == 429 || status >= 500) {
                        throw new TransientFailure(status, retryAfter(response), null);
                    }
                    throw new SpotDraftApiException(label, status, null, null,
                            "Storage answered " + status + " for the " + label
                                    + (status == 403 ? " (the link probably expired; ask for a new one)" : ""));
                });
            } catch (IOException failure) {
                throw TransientFailure.io(failure);
            }
        });
    }

    /** Exec-chain step after CONNECT: API requests (marked in their context) wait for the budget here. */
    private ClassicHttpResponse spendBudget(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        if (scope.clientContext.getAttribute(BUDGETED) != null) {
            try {
                metrics.budgetWaited(budget.acquire());
                // counted when the budget lets it go: the moment the budget's one-second windows are about
                requestRate.record();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the request budget");
            }
        }
        return chain.proceed(request, scope);
    }

    private <T> T handle(Endpoint endpoint, String label, ClassicHttpResponse response, ResponseReader<T> reader) throws IOException {
        int status = response.getCode();
        if (status >= 200 && status < 300) {
            return readBody(response, reader, label);
        }
        if (status >= 300 && status < 400) {
            Header location = response.getFirstHeader("Location");
            throw new SpotDraftResponseException(endpoint.describe(), "SpotDraft answered " + status + " to " + label
                    + (location == null ? "" : " (redirect to " + pathOnly(location.getValue()) + ")")
                    + ": redirects are not followed. The likely cause is a wrong trailing slash in the path or an http:// base URL;"
                    + " check spotdraft.base-url (" + baseUrl + ")", null);
        }
        if (status == 429 || status >= 500 || status == 408) {
            throw new TransientFailure(status, retryAfter(response), null);
        }
        ApiError error = readError(response);
        String code = error == null ? null : error.code();
        String text = error == null ? null : truncate(error.text());
        if (status == 401) {
            throw new SpotDraftAuthenticationException(endpoint.describe(), status, code, text,
                    "SpotDraft rejected the credentials (401" + (text == null ? "" : ": " + text) + ") for " + label
                            + ": check spotdraft.client-id and spotdraft.client-secret"
                            + (settings.userEmail() == null ? "" : " and spotdraft.user-email")
                            + ", and that they belong to the workspace at " + baseUrl);
        }
        throw new SpotDraftApiException(endpoint.describe(), status, code, text,
                "SpotDraft answered " + status + (code == null ? "" : " " + code) + " to " + label
                        + (text == null ? "" : ": " + text));
    }

    private <T> T readBody(ClassicHttpResponse response, ResponseReader<T> reader, String label) throws IOException {
        HttpEntity entity = response.getEntity();
        try (InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent()) {
            return reader.read(body, entity == null ? 0 : entity.getContentLength());
        } catch (JacksonException malformed) {
            IOException io = ioCause(malformed);
            if (io != null) {
                throw io;
            }
            throw new SpotDraftResponseException(label, "Malformed response to " + label
                    + ": not the documented JSON (" + truncate(malformed.getOriginalMessage()) + ")", null);
        }
    }

    private ApiError readError(ClassicHttpResponse response) {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return null;
        }
        try (InputStream body = entity.getContent()) {
            byte[] head = body.readNBytes(16 * 1024);
            try {
                return json.readValue(head, ApiError.class);
            } catch (JacksonException notJson) {
                return new ApiError(new String(head, StandardCharsets.UTF_8).strip(), null, null, null);
            }
        } catch (IOException unreadable) {
            return null;
        }
    }

    private <T> T withRetries(String endpointName, String label, Retry policy, boolean onlyUnprocessed,
            CheckedSupplier<T> attempt) {
        try {
            return policy.executeCheckedSupplier(() -> {
                try {
                    return attempt.get();
                } catch (TransientFailure failure) {
                    throw failure.describing(label);
                }
            });
        } catch (TransientFailure last) {
            String why = onlyUnprocessed && !last.requestNotProcessed()
                    ? " The request may have been processed; it was not repeated, to avoid creating a duplicate."
                    : "";
            throw new SpotDraftUnavailableException(endpointName, label + " failed after "
                    + (last.requestNotProcessed() || !onlyUnprocessed
                            ? attempts(policy.getRetryConfig().getMaxAttempts()) : "one attempt")
                    + ": " + last.outcome() + "." + why, last.getCause());
        } catch (SpotDraftException failure) {
            throw failure;
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable unexpected) {
            throw new SpotDraftException(endpointName, label + " failed: " + unexpected, unexpected);
        }
    }

    private static String attempts(int count) {
        return count == 1 ? "one attempt" : count + " attempts";
    }

    private URI uri(Endpoint endpoint, String id, Map<String, String> query) {
        try {
            URIBuilder builder = new URIBuilder(baseUrl.toString() + endpoint.path(id));
            query.forEach(builder::addParameter);
            return builder.build();
        } catch (URISyntaxException impossible) {
            throw new IllegalArgumentException("Cannot build the URL of " + endpoint.describe() + " on " + baseUrl, impossible);
        }
    }

    private static Duration retryAfter(ClassicHttpResponse response) {
        Header header = response.getFirstHeader("Retry-After");
        if (header == null || header.getValue() == null) {
            return null;
        }
        String value = header.getValue().trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(Instant.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException neither) {
                return null;
            }
        }
    }

    private static IOException ioCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private static String pathOnly(String location) {
        try {
            URI uri = URI.create(location);
            return (uri.getScheme() == null ? "" : uri.getScheme() + "://" + uri.getHost()) + uri.getRawPath();
        } catch (IllegalArgumentException unparseable) {
            return "an unparseable location";
        }
    }

    private static String truncate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "...";
    }

    private static String describe(Throwable failure) {
        return failure instanceof TransientFailure fault && fault.label != null ? fault.label : "request";
    }

    private static String outcomeOf(Throwable failure) {
        return failure instanceof TransientFailure fault ? fault.outcome() : String.valueOf(failure);
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /** A fault worth another attempt: 408, 429, 5xx, or an I/O failure (status 0). */
    static final class TransientFailure extends RuntimeException {
        final int status;
        final Duration retryAfter;
        final String label;
        private final boolean connectFailed;

        TransientFailure(int status, Duration retryAfter, IOException cause) {
            this(status, retryAfter, cause, null);
        }

        private TransientFailure(int status, Duration retryAfter, IOException cause, String label) {
            super(null, cause, false, false);
            this.status = status;
            this.retryAfter = retryAfter;
            this.label = label;
            this.connectFailed = cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof org.apache.hc.client5.http.ConnectTimeoutException
                    || cause instanceof org.apache.hc.client5.http.HttpHostConnectException;
        }

        static TransientFailure io(IOException cause) {
            if (cause instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                throw new SpotDraftException("request", "Interrupted", cause);
            }
            return new TransientFailure(0, null, cause);
        }

        TransientFailure describing(String requestLabel) {
            return new TransientFailure(status, retryAfter, (IOException) getCause(), requestLabel);
        }

        /** True when SpotDraft certainly did not act on the request: no connection, or an explicit refusal. */
        boolean requestNotProcessed() {
            return connectFailed || status == 429 || status == 503;
        }

        String outcome() {
            if (status != 0) {
                return "HTTP " + status;
            }
            Throwable cause = getCause();
            return cause == null ? "I/O failure" : cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + truncate(cause.getMessage()));
        }
    }
}
