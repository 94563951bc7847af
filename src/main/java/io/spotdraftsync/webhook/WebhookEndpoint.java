package io.spotdraftsync.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.spotdraftsync.logging.SampledLog;
import io.spotdraftsync.webhook.WebhookMetrics.Outcome;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /webhooks/spotdraft}: SpotDraft's webhook deliveries, verified and stored in the inbox before the
 * answer, so that the worker never misses an event that was answered 2xx.
 *
 * <p>In order: a {@code Content-Length} over {@code sync.webhook.max-body} is 413 before a byte is read; no
 * signature header is 401; the body is read up to {@code max-body} and no further (a chunked body without a
 * length included), 413 past it; a signature that no accepted key made is 401; a body that is not the documented
 * JSON is 400 with an RFC 9457 problem detail naming what is wrong; then one INSERT and 202 (stored) or 200 (a
 * duplicate, already stored). 503 when the key could not be fetched or the inbox could not be written: nothing
 * was stored, and the delivery can be sent again. Any content type is accepted; any method but POST is 405.
 *
 * <p>What a caller without the key can cost: bodies are read without blocking (Servlet non-blocking IO), so a body
 * that trickles in holds no request thread, and one that is refused unread is discarded without blocking one either.
 * A body still arriving takes one of {@code sync.webhook.max-concurrent-reads} slots (one more is 503 with
 * {@code Retry-After}; a body all there with its headers, as SpotDraft sends its 1 KB, needs none) and is 408 when
 * not in full within {@code sync.webhook.read-timeout}. Waiting for the key ({@code key-fetch-timeout}) and for the
 * inbox ({@code inbox-write-timeout}) is bounded too. Refusals are logged at most once a minute per caller address
 * and reason, with a count of the others ({@link SampledLog}). A 404 names no workspace.
 *
 * <p>A plain servlet beside Spring MVC's dispatcher, on purpose: nothing may read or parse the body before the
 * signature is checked on its raw bytes (the dispatcher parses a {@code multipart/form-data} body before any
 * handler runs, and the container parses a form-encoded one as soon as anything asks for a parameter), and a
 * delivery costs no handler mapping, argument resolution or message conversion. Its authentication is the
 * signature: a security filter chain added for other paths must leave this one open. Logs name the activity, the contract, the first 12
 * hex digits of the body's sha256 and the outcome; never a key, a signature or the body.
 */
public final class WebhookEndpoint extends HttpServlet {

    public static final String PATH = "/webhooks/spotdraft";

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);
    private static final URI INSTANCE = URI.create(PATH);
    private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final byte[] STORED = "{\"outcome\":\"stored\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DUPLICATE = "{\"outcome\":\"duplicate\"}".getBytes(StandardCharsets.UTF_8);
    private static final String RETRY_AFTER_SECONDS = "5";
    /** The container's own limit on an exchange, beyond ours: reading, then the key and inbox waits, all bounded. */
    private static final Duration CONTAINER_TIMEOUT_MARGIN = Duration.ofMinutes(5);
    /**
     * A refused body of at most this length is read to its end (and dropped, without a thread) before the connection
     * closes, so that a client that sends its whole body before reading the answer still gets the answer; a body
     * declared longer is cut off at once, a chunked one once this much of it was dropped (2 MiB: what Tomcat itself
     * swallows of a refused body by default).
     */
    private static final long DRAIN_LIMIT_BYTES = 2 * 1024 * 1024;

    /** Problem details as RFC 9457 lays them out: extension members at the top level. */
    private static final JsonMapper PROBLEMS = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .build();

    /** Swallows what is left of a body that was refused unread, without a thread waiting for it. */
    private static final ReadListener DISCARD = new ReadListener() {
        @Override
        public void onDataAvailable() {
            // nothing to read: the answer is given
        }

        @Override
        public void onAllDataRead() {
            // nothing to do
        }

        @Override
        public void onError(Throwable failure) {
            // the caller went away after its answer
        }
    };

    /** One workspace's receiving side: the keys its deliveries are signed with, and its delivery counters. */
    public record Receiver(String workspace, WebhookKeys keys, WebhookMetrics metrics) {
    }

    /**
     * What reading a delivery may cost before its signature is checked.
     *
     * @param maxBody            {@code sync.webhook.max-body}, bytes
     * @param maxConcurrentReads {@code sync.webhook.max-concurrent-reads}: bodies still arriving at once
     * @param readTimeout        {@code sync.webhook.read-timeout}: a body not in full by then is 408
     */
    public record Limits(int maxBody, int maxConcurrentReads, Duration readTimeout) {

        public static Limits of(WebhookProperties properties) {
            return new Limits(properties.maxBodyBytes(), properties.maxConcurrentReads(), properties.readTimeout());
        }
    }

    private final transient java.util.Map<String, Receiver> receivers;
    private final transient WebhookInbox inbox;
    private final transient Clock clock;
    private final transient Limits limits;
    private final transient Semaphore readSlots;
    private final transient SampledLog refusals;
    private final transient ScheduledThreadPoolExecutor readDeadlines;
    private final transient AtomicBoolean blockingReadsLogged = new AtomicBoolean();

    /** One workspace: deliveries to {@value #PATH} and to {@value #PATH}/{workspace}. */
    public WebhookEndpoint(WebhookKeys keys, WebhookInbox inbox, WebhookMetrics metrics, String workspace, Limits limits,
            Clock clock) {
        this(java.util.List.of(new Receiver(workspace, keys, metrics)), inbox, limits, clock);
    }

    /**
     * Each workspace at {@value #PATH}/{workspace}; {@value #PATH} alone is the only workspace's when there is one,
     * and names none (404) when there are several: a delivery must never land in the wrong workspace's inbox.
     */
    public WebhookEndpoint(java.util.List<Receiver> receivers, WebhookInbox inbox, Limits limits, Clock clock) {
        java.util.Map<String, Receiver> byName = new java.util.LinkedHashMap<>();
        receivers.forEach(receiver -> byName.put(receiver.workspace(), receiver));
        this.receivers = java.util.Collections.unmodifiableMap(byName);
        this.inbox = inbox;
        this.limits = limits;
        this.clock = clock;
        this.readSlots = new Semaphore(limits.maxConcurrentReads());
        this.refusals = new SampledLog(log, "Webhook deliveries refused", SampledLog.DEFAULT_PERIOD, clock);
        this.readDeadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "webhook-read-deadline");
            thread.setDaemon(true);
            return thread;
        });
        readDeadlines.setRemoveOnCancelPolicy(true);
    }

    /** The receiving side of each workspace, by name. */
    public java.util.Map<String, Receiver> receivers() {
        return receivers;
    }

    @Override
    public void destroy() {
        readDeadlines.shutdownNow();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Exchange exchange = request.isAsyncSupported() ? new AsyncExchange(request, response)
                : new BlockingExchange(request, response);
        if (!"POST".equals(request.getMethod())) {
            exchange.answer(() -> {
                response.setHeader("Allow", "POST");
                problem(response, HttpStatus.METHOD_NOT_ALLOWED, "Webhook deliveries are POSTed; " + request.getMethod()
                        + " is not supported here", null);
            });
            return;
        }
        String named = request.getPathInfo() == null || request.getPathInfo().equals("/") ? null
                : request.getPathInfo().substring(1);
        Receiver receiver = named != null ? receivers.get(named)
                : receivers.size() == 1 ? receivers.values().iterator().next() : null;
        if (receiver == null) {
            refusals.warn(exchange.source, "unknown-workspace", "Webhook delivery refused (unknown-workspace) from {}: {}",
                    exchange.source, named == null ? "no workspace in the path" : "no workspace of that name");
            // the names of the workspaces are nobody's business but the operator's
            exchange.answer(() -> problem(response, HttpStatus.NOT_FOUND, named == null
                    ? "Several workspaces receive webhooks here: POST to " + PATH + "/{workspace}, with the workspace's "
                            + "name as configured"
                    : "No workspace of that name receives webhooks here", null));
            return;
        }
        WebhookMetrics metrics = receiver.metrics();
        long declaredLength = request.getContentLengthLong();
        if (declaredLength > limits.maxBody()) {
            exchange.answer(() -> tooLarge(response, metrics, exchange.source, "Content-Length " + declaredLength));
            return;
        }
        String signature = request.getHeader(WebhookSignature.HEADER);
        if (signature == null || signature.isBlank()) {
            exchange.answer(() -> {
                metrics.count(Outcome.INVALID_SIGNATURE);
                refusals.warn(exchange.source, "no-signature", "Webhook delivery refused (invalid-signature) from {}: no {} header",
                        exchange.source, WebhookSignature.HEADER);
                problem(response, HttpStatus.UNAUTHORIZED, "The " + WebhookSignature.HEADER + " header is missing", null);
            });
            return;
        }
        exchange.read(receiver, signature);
    }

    /** Writes an answer. */
    @FunctionalInterface
    private interface Answer {
        void write() throws IOException;
    }

    /** One request, answered once. */
    private abstract class Exchange {
        final HttpServletResponse response;
        final String source;
        final Instant receivedAt;

        Exchange(HttpServletRequest request, HttpServletResponse response) {
            this.response = response;
            this.source = request.getRemoteAddr();
            this.receivedAt = clock.instant();
        }

        abstract void answer(Answer answer) throws IOException;

        /** Reads the body and answers: {@link #deliver} once it is all there, a refusal otherwise. */
        abstract void read(Receiver receiver, String signature) throws IOException;
    }

    /**
     * Servlet non-blocking IO: the body is read as it arrives, by whichever container thread has bytes for it, so that
     * no thread waits for a slow sender; the container then also discards what is left of a refused body without one.
     */
    private final class AsyncExchange extends Exchange implements ReadListener, AsyncListener {
        private final AsyncContext async;
        private final ServletInputStream in;
        private final AtomicBoolean answered = new AtomicBoolean();
        private final AtomicBoolean holdsSlot = new AtomicBoolean();
        private volatile boolean listening;
        private volatile boolean draining;
        private final AtomicBoolean completed = new AtomicBoolean();
        private final long declaredLength;
        private long drained;
        private Receiver receiver;
        private String signature;
        private ByteArrayOutputStream body;
        private final byte[] buffer = new byte[8192];
        private volatile ScheduledFuture<?> deadline;

        AsyncExchange(HttpServletRequest request, HttpServletResponse response) throws IOException {
            super(request, response);
            this.async = request.startAsync(request, response);
            async.setTimeout(limits.readTimeout().plus(CONTAINER_TIMEOUT_MARGIN).toMillis());
            async.addListener(this);
            this.in = request.getInputStream();
            this.declaredLength = request.getContentLengthLong();
        }

        @Override
        void read(Receiver receiver, String signature) {
            this.receiver = receiver;
            this.signature = signature;
            this.body = new ByteArrayOutputStream(Math.min(limits.maxBody() + 1, 16 * 1024));
            deadline = readDeadlines.schedule(this::tooSlow, limits.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
            listening = true;
            in.setReadListener(this);
        }

        @Override
        public void onDataAvailable() throws IOException {
            if (draining) {
                int read;
                while (in.isReady() && (read = in.read(buffer)) >= 0) {
                    // dropped: the answer is given; a chunked body past the limit is cut off
                    drained += read;
                    if (drained > DRAIN_LIMIT_BYTES) {
                        completeOnce();
                        return;
                    }
                }
                return;
            }
            while (!answered.get() && in.isReady()) {
                int read = in.read(buffer);
                if (read < 0) {
                    return;
                }
                body.write(buffer, 0, read);
                if (body.size() > limits.maxBody()) {
                    answer(() -> tooLarge(response, receiver.metrics(), source, "more than " + limits.maxBody() + " bytes read"));
                    return;
                }
            }
            if (!answered.get() && !in.isFinished() && holdsSlot.compareAndSet(false, true) && !readSlots.tryAcquire()) {
                // the rest is still on its way, and as many bodies as allowed are already waiting for theirs
                holdsSlot.set(false);
                answer(() -> busy(response, receiver.metrics(), source));
            }
        }

        @Override
        public void onAllDataRead() {
            if (draining) {
                completeOnce();
                return;
            }
            answer(() -> deliver(response, receiver, signature, source, receivedAt, body.toByteArray()));
        }

        @Override
        public void onError(Throwable failure) {
            if (draining) {
                completeOnce();
                return;
            }
            // the sender went away or broke the framing mid-body: there is nobody left to answer
            log.debug("Webhook delivery not read to its end: {}", failure.toString());
            answer(() -> response.setStatus(HttpStatus.BAD_REQUEST.value()));
        }

        private void tooSlow() {
            if (draining) {
                completeOnce();
                return;
            }
            answer(() -> {
                WebhookMetrics metrics = receiver.metrics();
                metrics.count(Outcome.TOO_SLOW);
                refusals.warn(source, "too-slow", "Webhook delivery refused (too-slow) from {}: {} bytes of the body "
                        + "received in {} ms (sync.webhook.read-timeout)", source, body.size(), limits.readTimeout().toMillis());
                problem(response, HttpStatus.REQUEST_TIMEOUT, "The body was not received in full within "
                        + limits.readTimeout().toMillis() + " ms (sync.webhook.read-timeout)", null);
            });
        }

        /** The first answer wins; whatever comes after it (the deadline, an error, more bytes) is ignored. */
        @Override
        void answer(Answer answer) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            stopReading();
            boolean drain = false;
            try {
                boolean unread = !in.isFinished();
                drain = unread && declaredLength <= DRAIN_LIMIT_BYTES;
                if (unread) {
                    response.setHeader("Connection", "close");
                }
                answer.write();
                if (drain) {
                    response.flushBuffer();
                    draining = true;
                    deadline = readDeadlines.schedule(this::tooSlow, limits.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
                }
                if (!listening) {
                    listening = true;
                    in.setReadListener(drain ? this : DISCARD);
                } else if (drain && in.isReady()) {
                    onDataAvailable();
                }
            } catch (IOException | RuntimeException failure) {
                log.debug("Webhook answer not sent: {}", failure.toString());
                drain = false;
            } finally {
                if (!drain || in.isFinished()) {
                    completeOnce();
                }
            }
        }

        private void completeOnce() {
            if (completed.compareAndSet(false, true)) {
                async.complete();
            }
        }

        private void stopReading() {
            ScheduledFuture<?> pending = deadline;
            if (pending != null) {
                pending.cancel(false);
            }
            if (holdsSlot.compareAndSet(true, false)) {
                readSlots.release();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            stopReading();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            tooSlow();
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not restarted
        }
    }

    /**
     * When a filter in front of this servlet does not support async, the body is read by blocking on it: a body still
     * arriving then holds its request thread, and takes a slot for as long as that.
     */
    private final class BlockingExchange extends Exchange {
        private final HttpServletRequest request;

        BlockingExchange(HttpServletRequest request, HttpServletResponse response) {
            super(request, response);
            this.request = request;
        }

        @Override
        void answer(Answer answer) throws IOException {
            answer.write();
        }

        @Override
        void read(Receiver receiver, String signature) throws IOException {
            if (blockingReadsLogged.compareAndSet(false, true)) {
                log.warn("Webhook bodies are read blocking (something in front of the receiver does not support async "
                        + "requests): each body still arriving holds a request thread, at most sync.webhook.max-concurrent-reads");
            }
            if (!readSlots.tryAcquire()) {
                busy(response, receiver.metrics(), source);
                return;
            }
            byte[] body;
            try {
                // at most one byte more than allowed: enough to know it is too large, whatever the framing
                body = request.getInputStream().readNBytes(limits.maxBody() + 1);
            } catch (IOException unreadable) {
                // the sender went away or broke the framing mid-body: there is nobody left to answer
                log.debug("Webhook delivery not read to its end: {}", unreadable.toString());
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                return;
            } finally {
                readSlots.release();
            }
            if (body.length > limits.maxBody()) {
                tooLarge(response, receiver.metrics(), source, "more than " + limits.maxBody() + " bytes read");
                return;
            }
            deliver(response, receiver, signature, source, receivedAt, body);
        }
    }

    /** A body read in full: verified, parsed, stored, answered. */
    private void deliver(HttpServletResponse response, Receiver receiver, String signature, String source,
            Instant receivedAt, byte[] body) throws IOException {
        WebhookMetrics metrics = receiver.metrics();
        boolean verified;
        try {
            verified = receiver.keys().verify(body, signature);
        } catch (WebhookKeys.KeyUnavailableException noKey) {
            unavailable(response, metrics, source, body, "the signing key could not be fetched from SpotDraft",
                    "The webhook signing key could not be fetched from SpotDraft; send again later");
            return;
        }
        if (!verified) {
            metrics.count(Outcome.INVALID_SIGNATURE);
            refusals.warn(source, "invalid-signature", "Webhook delivery refused (invalid-signature) from {}: {} bytes, "
                    + "body sha256 {}", source, body.length, hashPrefix(body));
            problem(response, HttpStatus.UNAUTHORIZED, "The " + WebhookSignature.HEADER
                    + " header is not the signature of this body with the workspace's webhook key", null);
            return;
        }
        WebhookPayload payload;
        try {
            payload = WebhookPayload.parse(body);
        } catch (WebhookPayload.Malformed malformed) {
            metrics.count(Outcome.MALFORMED);
            log.warn("Webhook delivery refused (malformed: {}): {} bytes, body sha256 {}", malformed.getMessage(),
                    body.length, hashPrefix(body));
            problem(response, HttpStatus.BAD_REQUEST, malformed.getMessage(), malformed.pointer());
            return;
        }
        WebhookInbox.Recorded recorded;
        try {
            recorded = inbox.record(receiver.workspace(), payload.contractId(), payload.activity(), payload.activityAt(), body,
                    receivedAt);
        } catch (RuntimeException inboxDown) {
            // a database error, a commit that did not come in time, a writer that died: not stored, to be sent again
            unavailable(response, metrics, source, body, "the inbox could not be written (" + inboxDown.getClass().getSimpleName()
                    + ")", "The delivery could not be stored; send again later");
            return;
        }
        boolean stored = recorded == WebhookInbox.Recorded.NEW;
        metrics.count(stored ? Outcome.VALID : Outcome.DUPLICATE);
        if (!payload.knownActivity()) {
            log.info("Webhook delivery with an activity this version does not know ({}): contract {}, body sha256 {}, {}",
                    payload.activity(), payload.contractId(), hashPrefix(body), stored ? "stored" : "duplicate");
        } else if (log.isDebugEnabled()) {
            log.debug("Webhook delivery {}: contract {}, body sha256 {}, {}", payload.activity(), payload.contractId(),
                    hashPrefix(body), stored ? "stored" : "duplicate");
        }
        response.setStatus(stored ? HttpServletResponse.SC_ACCEPTED : HttpServletResponse.SC_OK);
        write(response, MediaType.APPLICATION_JSON_VALUE, stored ? STORED : DUPLICATE);
    }

    private void tooLarge(HttpServletResponse response, WebhookMetrics metrics, String source, String what) throws IOException {
        metrics.count(Outcome.TOO_LARGE);
        refusals.warn(source, "too-large", "Webhook delivery refused (too-large) from {}: {}, more than sync.webhook.max-body "
                + "({} bytes)", source, what, limits.maxBody());
        problem(response, HttpStatus.CONTENT_TOO_LARGE, "The body is larger than " + limits.maxBody()
                + " bytes (sync.webhook.max-body)", null);
    }

    private void busy(HttpServletResponse response, WebhookMetrics metrics, String source) throws IOException {
        metrics.count(Outcome.BUSY);
        refusals.warn(source, "busy", "Webhook delivery refused (busy) from {}: {} bodies are being received already "
                + "(sync.webhook.max-concurrent-reads)", source, limits.maxConcurrentReads());
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        problem(response, HttpStatus.SERVICE_UNAVAILABLE, "Too many webhook bodies are being received at once; send "
                + "again later", null);
    }

    private void unavailable(HttpServletResponse response, WebhookMetrics metrics, String source, byte[] body, String why,
            String detail) throws IOException {
        metrics.count(Outcome.UNAVAILABLE);
        refusals.warn(source, "unavailable", "Webhook delivery not stored (unavailable: {}) from {}: {} bytes, body sha256 {}",
                why, source, body.length, hashPrefix(body));
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        problem(response, HttpStatus.SERVICE_UNAVAILABLE, detail, null);
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String detail, String pointer)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(INSTANCE);
        if (pointer != null) {
            problem.setProperty("pointer", pointer);
        }
        response.setStatus(status.value());
        write(response, PROBLEM_JSON.toString(), PROBLEMS.writeValueAsBytes(problem));
    }

    private static void write(HttpServletResponse response, String contentType, byte[] bytes) throws IOException {
        response.setContentType(contentType);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Enough of the body's sha256 to find the delivery in the inbox ({@code body_sha256}); never the body. */
    private static String hashPrefix(byte[] body) {
        return WebhookInbox.sha256(body).substring(0, 12);
    }
}
