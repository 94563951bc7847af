package io.spotdraftsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.GeneratedInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /webhooks/spotdraft} of the real {@code serve} context, over HTTP: what is answered, what is stored,
 * what is counted. The key is configured ({@code sync.webhook.hmac-key}), with a previous one for rotation.
 */
class WebhookReceiverTest {

    private static final String KEY = Deliveries.newKey();
    private static final String PREVIOUS_KEY = Deliveries.newKey();
    /** The default of sync.webhook.max-body. */
    private static final int MAX_BODY = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong CONTRACT_IDS = new AtomicLong(1000);

    @TempDir
    static Path work;
    private static SpotDraftSandbox sandbox;
    private static ServeContext serve;

    @BeforeAll
    static void start() {
        sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(5).seed(11).requestsPerSecond(0).build());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("sync.webhook.hmac-key", KEY);
        properties.put("sync.webhook.previous-hmac-key", PREVIOUS_KEY);
        serve = ServeContext.start(sandbox, work, properties);
    }

    @AfterAll
    static void stop() {
        if (serve != null) {
            serve.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @BeforeEach
    void emptyInbox() {
        serve.clearInbox();
    }

    private static long newContractId() {
        return CONTRACT_IDS.incrementAndGet();
    }

    private static HttpResponse<String> postSigned(byte[] body) throws Exception {
        return serve.post(body, Deliveries.sign(KEY, body));
    }

    @Test
    void aValidSignedEventIsStoredOnceBeforeThe202() throws Exception {
        long contract = newContractId();
        Instant at = Instant.parse("2026-01-05T10:00:00Z");
        byte[] body = Deliveries.event("CONTRACT_EXECUTED", contract, at);
        double validBefore = serve.deliveries("valid");

        HttpResponse<String> response = postSigned(body);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("stored");
        Map<String, Object> row = serve.jdbc().queryForMap("SELECT * FROM webhook_inbox");
        assertThat(row).containsEntry("WORKSPACE", ServeContext.WORKSPACE).containsEntry("CONTRACT_ID", contract)
                .containsEntry("ACTIVITY", "CONTRACT_EXECUTED").containsEntry("STATUS", "pending")
                .containsEntry("BODY", new String(body, StandardCharsets.UTF_8))
                .containsEntry("BODY_SHA256", WebhookInbox.sha256(body));
        assertThat(((OffsetDateTime) row.get("ACTIVITY_AT")).toInstant()).isEqualTo(at);
        assertThat(serve.bean(WebhookInbox.class).pending(ServeContext.WORKSPACE, 10)).singleElement()
                .satisfies(event -> {
                    assertThat(event.contractId()).isEqualTo(contract);
                    assertThat(event.activityAt()).isEqualTo(at);
                });
        assertThat(serve.deliveries("valid")).isEqualTo(validBefore + 1);
    }

    @Test
    void theSameBodyTwiceIsStoredOnceAndBothAreAnswered2xx() throws Exception {
        byte[] body = Deliveries.event("CONTRACT_CREATED", newContractId(), Instant.parse("2026-01-05T10:00:01Z"));
        double duplicatesBefore = serve.deliveries("duplicate");

        assertThat(postSigned(body).statusCode()).isEqualTo(202);
        HttpResponse<String> again = postSigned(body);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        assertThat(serve.rows()).isEqualTo(1);
        assertThat(serve.deliveries("duplicate")).isEqualTo(duplicatesBefore + 1);
    }

    @Test
    void theSameContractActivityAndTimeInAnotherBodyIsADuplicate() throws Exception {
        long contract = newContractId();
        Instant at = Instant.parse("2026-01-05T10:00:02Z");
        byte[] first = Deliveries.event("CONTRACT_SIGNED", contract, at, "Acme NDA");
        byte[] renamed = Deliveries.event("CONTRACT_SIGNED", contract, at, "Acme NDA (signed copy)");
        // the same instant written with an offset is the same time
        byte[] offset = new String(first, StandardCharsets.UTF_8).replace("2026-01-05T10:00:02Z", "2026-01-05T12:00:02+02:00")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(postSigned(first).statusCode()).isEqualTo(202);
        assertThat(postSigned(renamed).statusCode()).isEqualTo(200);
        assertThat(postSigned(offset).statusCode()).isEqualTo(200);
        assertThat(serve.rows()).isEqualTo(1);

        byte[] later = Deliveries.event("CONTRACT_SIGNED", contract, at.plusSeconds(1));
        byte[] otherActivity = Deliveries.event("CONTRACT_EXECUTED", contract, at);
        assertThat(postSigned(later).statusCode()).isEqualTo(202);
        assertThat(postSigned(otherActivity).statusCode()).isEqualTo(202);
        assertThat(serve.rows()).isEqualTo(3);
    }

    @Test
    void aWrongSignatureIs401AndStoresNothing() throws Exception {
        byte[] body = Deliveries.event("CONTRACT_EXECUTED", newContractId(), Instant.parse("2026-01-05T10:00:03Z"));
        byte[] other = Deliveries.event("CONTRACT_EXECUTED", newContractId(), Instant.parse("2026-01-05T10:00:03Z"));
        double refusedBefore = serve.deliveries("invalid-signature");

        HttpResponse<String> otherKey = serve.post(body, Deliveries.sign(Deliveries.newKey(), body));
        HttpResponse<String> otherBody = serve.post(body, Deliveries.sign(KEY, other));
        char[] flipped = Deliveries.sign(KEY, body).toCharArray();
        flipped[77] = flipped[77] == '0' ? '1' : '0';
        HttpResponse<String> oneDigitOff = serve.post(body, new String(flipped));
        HttpResponse<String> notHex = serve.post(body, "sha512=" + Deliveries.sign(KEY, body));

        for (HttpResponse<String> response : Arrays.asList(otherKey, otherBody, oneDigitOff, notHex)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(problem(response).path("detail").asString()).contains(WebhookSignature.HEADER);
        }
        assertThat(serve.rows()).isZero();
        assertThat(serve.deliveries("invalid-signature")).isEqualTo(refusedBefore + 4);
    }

    @Test
    void aMissingOrBlankSignatureHeaderIs401() throws Exception {
        byte[] body = Deliveries.event("CONTRACT_EXECUTED", newContractId(), Instant.parse("2026-01-05T10:00:04Z"));

        HttpResponse<String> missing = serve.post(body, null);
        HttpResponse<String> blank = serve.post(body, " ");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(problem(missing).path("detail").asString()).contains("missing");
        assertThat(blank.statusCode()).isEqualTo(401);
        assertThat(serve.rows()).isZero();
    }

    @Test
    void aKeyFromPreviousHmacKeyIsAcceptedDuringARotation() throws Exception {
        byte[] body = Deliveries.event("CONTRACT_VOIDED", newContractId(), Instant.parse("2026-01-05T10:00:05Z"));

        HttpResponse<String> response = serve.post(body, Deliveries.sign(PREVIOUS_KEY, body));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(serve.rows()).isEqualTo(1);
        // the key is configured: a failed signature fetches nothing from the API
        assertThat(serve.bean(WebhookEndpoint.class).receivers().values().iterator().next().keys().fetchesKey()).isFalse();
        assertThat(sandbox.stats().requests("GET /api/v2.1/public/webhooks/hmac_key/")).isZero();
    }

    static Stream<Arguments> malformedBodies() {
        String event = new String(Deliveries.event("CONTRACT_EXECUTED", 7, Instant.parse("2026-01-05T10:00:06Z")),
                StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("not JSON", "activity=CONTRACT_EXECUTED&contract_id=7", "not valid JSON", null),
                Arguments.of("truncated JSON", event.substring(0, 40), "not valid JSON", null),
                Arguments.of("an array", "[" + event + "]", "not an object", null),
                Arguments.of("a string", "\"CONTRACT_EXECUTED\"", "not an object", null),
                Arguments.of("empty", "", "empty", null),
                Arguments.of("activity missing", event.replace("\"activity\":\"CONTRACT_EXECUTED\",", ""),
                        "activity is missing", "/activity"),
                Arguments.of("activity a number", event.replace("\"CONTRACT_EXECUTED\"", "12"),
                        "activity must be a string", "/activity"),
                Arguments.of("contract_id a string", event.replace("\"contract_id\":7", "\"contract_id\":\"7\""),
                        "contract_id must be an integer", "/contract_id"),
                Arguments.of("contract_id a decimal", event.replace("\"contract_id\":7", "\"contract_id\":7.5"),
                        "contract_id must be an integer", "/contract_id"),
                Arguments.of("contract_id beyond 64 bits", event.replace("\"contract_id\":7", "\"contract_id\":92233720368547758070"),
                        "out of range", "/contract_id"),
                Arguments.of("timestamp not an instant", event.replace("2026-01-05T10:00:06Z", "last Tuesday"),
                        "activity_data.timestamp is not an ISO-8601 instant", "/activity_data/timestamp"),
                Arguments.of("timestamp without offset", event.replace("2026-01-05T10:00:06Z", "2026-01-05T10:00:06"),
                        "activity_data.timestamp is not an ISO-8601 instant", "/activity_data/timestamp"),
                Arguments.of("timestamp a number", event.replace("\"2026-01-05T10:00:06Z\"", "1767607206"),
                        "activity_data.timestamp must be an ISO-8601 instant string", "/activity_data/timestamp"),
                Arguments.of("activity_data a string", event.replaceFirst("\"activity_data\":\\{", "\"activity_data\":\"x\",\"y\":{"),
                        "activity_data must be an object", "/activity_data"),
                Arguments.of("a field twice", event.replace("{\"activity\":", "{\"activity\":\"CONTRACT_DELETED\",\"activity\":"),
                        "field given twice", null),
                Arguments.of("not UTF-8", "{\"activity\":\"CONTRACT_\u00ff\"}", "not UTF-8", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void aSignedBodyThatIsNotTheDocumentedJsonIs400WithAProblemDetail(String name, String text, String detail,
            String pointer) throws Exception {
        byte[] body = name.equals("not UTF-8") ? text.getBytes(StandardCharsets.ISO_8859_1) : text.getBytes(StandardCharsets.UTF_8);
        double malformedBefore = serve.deliveries("malformed");

        HttpResponse<String> response = postSigned(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = problem(response);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.path("instance").asString()).isEqualTo(WebhookEndpoint.PATH);
        assertThat(problem.path("detail").asString()).contains(detail);
        if (pointer == null) {
            assertThat(problem.has("pointer")).isFalse();
        } else {
            assertThat(problem.path("pointer").asString()).isEqualTo(pointer);
        }
        assertThat(serve.rows()).isZero();
        assertThat(serve.deliveries("malformed")).isEqualTo(malformedBefore + 1);
    }

    @Test
    void theProblemDetailNeverQuotesTheBody() throws Exception {
        byte[] body = "{\"activity\": SECRET-CONTRACT-TEXT}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = postSigned(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("SECRET");
    }

    @Test
    void anActivityThisVersionDoesNotKnowIsStored() throws Exception {
        byte[] body = Deliveries.event("CONTRACT_TELEPORTED", newContractId(), Instant.parse("2026-01-05T10:00:07Z"));

        HttpResponse<String> response = postSigned(body);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(serve.jdbc().queryForObject("SELECT activity FROM webhook_inbox", String.class))
                .isEqualTo("CONTRACT_TELEPORTED");
    }

    @Test
    void anEventWithoutContractIdOrTimestampIsStoredByItsBody() throws Exception {
        byte[] body = "{\"activity\":\"COUNTER_PARTY_CREATED\",\"counterparty_id\":4}".getBytes(StandardCharsets.UTF_8);

        assertThat(postSigned(body).statusCode()).isEqualTo(202);
        assertThat(postSigned(body).statusCode()).isEqualTo(200);

        Map<String, Object> row = serve.jdbc().queryForMap("SELECT contract_id, activity_at FROM webhook_inbox");
        assertThat(row.get("CONTRACT_ID")).isNull();
        assertThat(row.get("ACTIVITY_AT")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz", "application/octet-stream", ""})
    void anyContentTypeIsAcceptedAndTheBodyIsReadRaw(String contentType) throws Exception {
        byte[] body = Deliveries.event("CONTRACT_DATA_UPDATED", newContractId(), Instant.parse("2026-01-05T10:00:08Z"));

        HttpResponse<String> response = serve.post(body, Deliveries.sign(KEY, body), contentType.isEmpty() ? null : contentType);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(serve.rows()).isEqualTo(1);
    }

    @Test
    void aBodyOfExactlyMaxBodyIsAccepted() throws Exception {
        byte[] body = Deliveries.padded(Deliveries.event("CONTRACT_CREATED", newContractId(), Instant.parse("2026-01-05T10:00:09Z")),
                MAX_BODY);

        HttpResponse<String> response = postSigned(body);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(serve.rows()).isEqualTo(1);
    }

    @Test
    void aBodyOverMaxBodyIs413WithContentLengthAndChunked() throws Exception {
        byte[] body = Deliveries.padded(Deliveries.event("CONTRACT_CREATED", newContractId(), Instant.parse("2026-01-05T10:00:10Z")),
                MAX_BODY + 1);
        String signature = Deliveries.sign(KEY, body);
        double tooLargeBefore = serve.deliveries("too-large");

        HttpResponse<String> withLength = serve.post(body, signature);
        HttpResponse<String> chunked = serve.send(serve.request(signature, "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());

        assertThat(withLength.statusCode()).isEqualTo(413);
        assertThat(problem(withLength).path("detail").asString()).contains("sync.webhook.max-body");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(serve.rows()).isZero();
        assertThat(serve.deliveries("too-large")).isEqualTo(tooLargeBefore + 2);
    }

    @Test
    void aHugeContentLengthIsRefusedBeforeTheBodyIsSent() throws Exception {
        try (Socket socket = new Socket(serve.endpoint().getHost(), serve.endpoint().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + WebhookEndpoint.PATH + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\n" + WebhookSignature.HEADER + ": " + "ab".repeat(64) + "\r\n"
                    + "Content-Length: 10737418240\r\n\r\n{\"activity\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            // nothing more is sent: the answer comes from the header alone
            assertThat(RawHttp.statusLine(socket.getInputStream())).isEqualTo("HTTP/1.1 413 ");
        }
        assertThat(serve.rows()).isZero();
    }

    @Test
    void anEndlessChunkedBodyIsRefusedAfterMaxBodyWithoutReadingTheRest() throws Exception {
        long endless = 256L * 1024 * 1024;
        AtomicLong sent = new AtomicLong();
        try (Socket socket = new Socket(serve.endpoint().getHost(), serve.endpoint().getPort())) {
            socket.setSoTimeout(20_000);
            Thread writer = new Thread(() -> writeChunked(socket, new GeneratedInputStream(endless, 5), sent));
            writer.setDaemon(true);
            writer.start();

            String status = RawHttp.statusLine(socket.getInputStream());
            long sentWhenAnswered = sent.get();

            assertThat(status).isEqualTo("HTTP/1.1 413 ");
            assertThat(sentWhenAnswered).as("bytes the client had sent when the 413 came").isLessThan(endless / 4);
        }
        assertThat(serve.rows()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void methodsOtherThanPostAre405(String method) throws Exception {
        HttpResponse<String> response = serve.send(serve.request(null, null)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(problem(response).path("status").asInt()).isEqualTo(405);
    }

    @Test
    void eventsSentAtOnceAreEachStoredOnce() throws Exception {
        int events = 40;
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < events * 2; i++) {
                byte[] body = Deliveries.event("CONTRACT_DATA_UPDATED", 50_000 + i % events, Instant.parse("2026-01-05T10:00:11Z"));
                futures.add(senders.submit(() -> postSigned(body).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get(30, TimeUnit.SECONDS));
            }

            assertThat(statuses).allMatch(status -> status == 200 || status == 202);
            assertThat(statuses).filteredOn(status -> status == 202).hasSize(events);
            // stored before the answer: no waiting needed
            assertThat(serve.rows()).isEqualTo(events);
        } finally {
            senders.shutdownNow();
        }
    }

    private static JsonNode problem(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static void writeChunked(Socket socket, InputStream body, AtomicLong sent) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + WebhookEndpoint.PATH + " HTTP/1.1\r\nHost: localhost\r\n"
                    + WebhookSignature.HEADER + ": " + "ab".repeat(64) + "\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            int read;
            while ((read = body.read(chunk)) > 0) {
                out.write((Integer.toHexString(read) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk, 0, read);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                sent.addAndGet(read);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException closedByTheServer) {
            // expected: the server stops reading after max-body and closes the connection
        }
    }
}
