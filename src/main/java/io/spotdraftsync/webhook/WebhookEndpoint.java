package io.spotdraftsync.webhook;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.spotdraftsync.webhook.WebhookMetrics.Outcome;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
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
 * <p>A plain servlet beside Spring MVC's dispatcher, on purpose: nothing may read or parse the body before the
 * signature is checked on its raw bytes (the dispatcher parses a {@code multipart/form-data} body before any
 * handler runs, and the container parses a form-encoded one as soon as anything asks for a parameter), and a
 * delivery costs no handler mapping, argument resolution or message conversion. Its authentication is the
 * signature: a security filter chain added for other paths must leave this one open. Logs name the activity, the contract, the first 12 hex digits of the body's sha256 and the
 * outcome; never a key, a signature or the body.
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

    /** Problem details as RFC 9457 lays them out: extension members at the top level. */
    private static final JsonMapper PROBLEMS = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .build();

    /** One workspace's receiving side: the keys its deliveries are signed with, and its delivery counters. */
    public record Receiver(String workspace, WebhookKeys keys, WebhookMetrics metrics) {
    }

    private final transient java.util.Map<String, Receiver> receivers;
    private final transient WebhookInbox inbox;
    private final transient Clock clock;
    private final int maxBody;

    /** One workspace: deliveries to {@value #PATH} and to {@value #PATH}/{workspace}. */
    public WebhookEndpoint(WebhookKeys keys, WebhookInbox inbox, WebhookMetrics metrics, String workspace,
            int maxBody, Clock clock) {
        this(java.util.List.of(new Receiver(workspace, keys, metrics)), inbox, maxBody, clock);
    }

    /**
     * Each workspace at {@value #PATH}/{workspace}; {@value #PATH} alone is the only workspace's when there is one,
     * and names none (404) when there are several: a delivery must never land in the wrong workspace's inbox.
     */
    public WebhookEndpoint(java.util.List<Receiver> receivers, WebhookInbox inbox, int maxBody, Clock clock) {
        java.util.Map<String, Receiver> byName = new java.util.LinkedHashMap<>();
        receivers.forEach(receiver -> byName.put(receiver.workspace(), receiver));
        this.receivers = java.util.Collections.unmodifiableMap(byName);
        this.inbox = inbox;
        this.maxBody = maxBody;
        this.clock = clock;
    }

    /** The receiving side of each workspace, by name. */
    public java.util.Map<String, Receiver> receivers() {
        return receivers;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            problem(response, HttpStatus.METHOD_NOT_ALLOWED, "Webhook deliveries are POSTed; " + request.getMethod()
                    + " is not supported here", null);
            return;
        }
        String named = request.getPathInfo() == null || request.getPathInfo().equals("/") ? null
                : request.getPathInfo().substring(1);
        Receiver receiver = named != null ? receivers.get(named)
                : receivers.size() == 1 ? receivers.values().iterator().next() : null;
        if (receiver == null) {
            log.warn("Webhook delivery refused (unknown-workspace): {}", named == null ? "no workspace in the path"
                    : "no workspace of that name");
            problem(response, HttpStatus.NOT_FOUND, named == null
                    ? "Several workspaces receive webhooks here: POST to " + PATH + "/{workspace} (one of "
                            + String.join(", ", receivers.keySet()) + ")"
                    : "No workspace of that name receives webhooks here (" + String.join(", ", receivers.keySet()) + ")", null);
            return;
        }
        receive(request, response, receiver);
    }

    private void receive(HttpServletRequest request, HttpServletResponse response, Receiver receiver) throws IOException {
        WebhookMetrics metrics = receiver.metrics();
        Instant receivedAt = clock.instant();
        long declaredLength = request.getContentLengthLong();
        if (declaredLength > maxBody) {
            tooLarge(response, metrics, "Content-Length " + declaredLength);
            return;
        }
        String signature = request.getHeader(WebhookSignature.HEADER);
        if (signature == null || signature.isBlank()) {
            metrics.count(Outcome.INVALID_SIGNATURE);
            log.warn("Webhook delivery refused (invalid-signature): no {} header", WebhookSignature.HEADER);
            problem(response, HttpStatus.UNAUTHORIZED, "The " + WebhookSignature.HEADER + " header is missing", null);
            return;
        }
        byte[] body;
        try {
            // at most one byte more than allowed: enough to know it is too large, whatever the framing
            body = request.getInputStream().readNBytes(maxBody + 1);
        } catch (IOException unreadable) {
            // the sender went away or broke the framing mid-body: there is nobody left to answer
            log.debug("Webhook delivery not read to its end: {}", unreadable.toString());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return;
        }
        if (body.length > maxBody) {
            tooLarge(response, metrics, "more than " + maxBody + " bytes read");
            return;
        }
        boolean verified;
        try {
            verified = receiver.keys().verify(body, signature);
        } catch (WebhookKeys.KeyUnavailableException noKey) {
            unavailable(response, metrics, body, "the signing key could not be fetched from SpotDraft",
                    "The webhook signing key could not be fetched from SpotDraft; send again later");
            return;
        }
        if (!verified) {
            metrics.count(Outcome.INVALID_SIGNATURE);
            log.warn("Webhook delivery refused (invalid-signature): {} bytes, body sha256 {}", body.length, hashPrefix(body));
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
        } catch (DataAccessException inboxDown) {
            unavailable(response, metrics, body, "the inbox could not be written (" + inboxDown.getClass().getSimpleName() + ")",
                    "The delivery could not be stored; send again later");
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

    private void tooLarge(HttpServletResponse response, WebhookMetrics metrics, String what) throws IOException {
        metrics.count(Outcome.TOO_LARGE);
        log.warn("Webhook delivery refused (too-large): {}, more than sync.webhook.max-body ({} bytes)", what, maxBody);
        problem(response, HttpStatus.CONTENT_TOO_LARGE, "The body is larger than " + maxBody
                + " bytes (sync.webhook.max-body)", null);
    }

    private void unavailable(HttpServletResponse response, WebhookMetrics metrics, byte[] body, String why, String detail)
            throws IOException {
        metrics.count(Outcome.UNAVAILABLE);
        log.warn("Webhook delivery not stored (unavailable: {}): {} bytes, body sha256 {}", why, body.length, hashPrefix(body));
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
