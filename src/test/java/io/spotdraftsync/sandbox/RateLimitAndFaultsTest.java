package io.spotdraftsync.sandbox;

import static io.spotdraftsync.sandbox.SandboxHttp.V21;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The 10 requests/s limit over HTTP, and each injected fault as a client experiences it. */
class RateLimitAndFaultsTest {

    private static final String TYPES = V21 + "/contract_types/";

    private SpotDraftSandbox sandbox;
    private SandboxHttp http;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private void start(int requestsPerSecond, FaultSettings faults) {
        sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(20).requestsPerSecond(requestsPerSecond)
                .faults(faults).build());
        http = new SandboxHttp(sandbox);
    }

    @Test
    void moreThanTenRequestsInASecondGet429AndTheWindowStatisticCountsThemAll() {
        start(10, FaultSettings.none());
        // warms the client up on a path outside the rate limit, so that the 20 requests below are quick
        http.getAbsolute(sandbox.baseUrl() + "/_sandbox/stats");

        long started = System.nanoTime();
        List<HttpResponse<byte[]>> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            responses.add(http.get(TYPES));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        long ok = responses.stream().filter(r -> r.statusCode() == 200).count();
        long throttled = responses.stream().filter(r -> r.statusCode() == 429).count();
        assertThat(ok + throttled).isEqualTo(20);
        assertThat(ok).isGreaterThanOrEqualTo(10);
        SandboxStats stats = sandbox.stats();
        assertThat(stats.tooManyRequestsSent()).isEqualTo(throttled);
        assertThat(stats.requestsServed()).isEqualTo(20);
        assertThat(stats.requests("GET " + TYPES)).isEqualTo(20);
        assumeThat(elapsed).as("the 20 requests fit in one second on this machine").isLessThan(Duration.ofMillis(900));
        assertThat(ok).isEqualTo(10);
        assertThat(stats.maxRequestsInAnyOneSecondWindow()).isEqualTo(20);

        HttpResponse<byte[]> refused = responses.get(19);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(SandboxHttp.json(refused).path("status_code").intValue()).isEqualTo(429);
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(150))
                .until(() -> http.get(TYPES).statusCode() == 200);
    }

    @Test
    void theLimitCanBeLiftedAndRestoredAtRuntime() {
        start(2, FaultSettings.none());
        sandbox.setRequestsPerSecond(0);
        for (int i = 0; i < 30; i++) {
            assertThat(http.get(TYPES).statusCode()).isEqualTo(200);
        }
        sandbox.setRequestsPerSecond(1);
        http.get(TYPES);
        assertThat(http.get(TYPES).statusCode()).isEqualTo(429);
    }

    @Test
    void serverErrorsAre500502Or503WithTheErrorBodyButNotBeforeAuthentication() {
        start(0, FaultSettings.builder().serverErrorProbability(1).build());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            HttpResponse<byte[]> response = http.get(TYPES);
            statuses.add(response.statusCode());
            assertThat(SandboxHttp.json(response).path("status_code").intValue()).isEqualTo(response.statusCode());
        }
        assertThat(statuses).containsOnly(500, 502, 503).contains(500, 502, 503);
        assertThat(sandbox.stats().faultsInjected()).isEqualTo(30);

        assertThat(http.getWithHeaders(TYPES).statusCode()).as("credentials are checked first").isEqualTo(401);
        assertThat(http.getAbsolute(sandbox.baseUrl() + "/_sandbox/stats").statusCode())
                .as("the admin view never fails").isEqualTo(200);
    }

    @Test
    void aBurstOf429sLastsBurstLengthRequests() {
        start(0, FaultSettings.builder().tooManyRequestsBurstProbability(1).burstLength(3).build());
        assertThat(http.get(TYPES).statusCode()).isEqualTo(429);
        sandbox.setFaults(FaultSettings.none());
        assertThat(http.get(TYPES).statusCode()).as("new settings end the burst").isEqualTo(200);
        assertThat(sandbox.stats().tooManyRequestsSent()).isEqualTo(1);
        assertThat(sandbox.stats().faultsInjected()).isEqualTo(1);
    }

    @Test
    void latencyDelaysEveryApiAnswer() {
        start(0, FaultSettings.builder().latency(Duration.ofMillis(300)).build());
        long started = System.nanoTime();
        assertThat(http.get(TYPES).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aDroppedConnectionGivesNoResponseAtAll() {
        start(0, FaultSettings.builder().dropConnectionProbability(1).build());
        assertThatThrownBy(() -> http.sendOrFail(http.request(TYPES).GET())).isInstanceOf(IOException.class);
        // the JDK client retries an idempotent request once on a closed connection: both attempts were dropped
        assertThat(sandbox.stats().faultsInjected()).isPositive().isEqualTo(sandbox.stats().requestsServed());
    }

    @Test
    void aTruncatedBodyIsShorterThanItsContentLength() throws IOException {
        start(0, FaultSettings.builder().truncatedBodyProbability(1).build());
        String download = V21 + "/contracts/" + sandbox.contracts().get(0).compositeId() + "/download";
        assertThatThrownBy(() -> http.sendOrFail(http.request(download).POST(
                HttpRequest.BodyPublishers.noBody()))).isInstanceOf(IOException.class);

        RawResponse raw = rawGet(TYPES);
        assertThat(raw.status()).isEqualTo(200);
        assertThat((long) raw.body().length).isLessThan(raw.contentLength()).isPositive();
        assertThat(sandbox.stats().faultsInjected()).isEqualTo(2);
    }

    @Test
    void aPersistentFaultAnswersItsPathEveryTimeUntilCleared() {
        start(0, FaultSettings.none());
        String failing = sandbox.contracts().get(4).compositeId();
        String other = sandbox.contracts().get(5).compositeId();
        String keyPointers = V21 + "/contracts/%s/key_pointers";
        sandbox.failPathAlways(keyPointers.formatted(failing), 500);

        for (int attempt = 0; attempt < 12; attempt++) {
            HttpResponse<byte[]> refused = http.get(keyPointers.formatted(failing));
            assertThat(refused.statusCode()).as("attempt %d", attempt).isEqualTo(500);
            assertThat(SandboxHttp.json(refused).path("status_code").intValue()).isEqualTo(500);
        }
        assertThat(http.get(keyPointers.formatted(other)).statusCode()).as("another contract").isEqualTo(200);
        assertThat(http.postEmpty(V21 + "/contracts/" + failing + "/download_link").statusCode())
                .as("another path of the same contract").isEqualTo(200);
        assertThat(sandbox.stats().faultsInjected()).isEqualTo(12);
        assertThat(sandbox.stats().requests("GET " + keyPointers.formatted("{composite_id}"))).isEqualTo(13);

        sandbox.clearPathFaults();
        assertThat(http.get(keyPointers.formatted(failing)).statusCode()).isEqualTo(200);
    }

    @Test
    void aTransientPathFaultAnswersOnlyTheNextRequestsToItsPath() {
        start(0, FaultSettings.none());
        String keyPointers = V21 + "/contracts/" + sandbox.contracts().get(4).compositeId() + "/key_pointers";
        sandbox.failPathTimes(keyPointers, 503, 2);

        assertThat(http.get(keyPointers).statusCode()).isEqualTo(503);
        assertThat(http.get(keyPointers).statusCode()).isEqualTo(503);
        assertThat(http.get(keyPointers).statusCode()).as("past the fault").isEqualTo(200);
        assertThat(http.get(keyPointers).statusCode()).isEqualTo(200);
        assertThat(sandbox.stats().faultsInjected()).isEqualTo(2);
    }

    private record RawResponse(int status, long contentLength, byte[] body) {
    }

    /** A bare HTTP/1.1 exchange read to the end of the connection, to see exactly what the server sent. */
    private RawResponse rawGet(String path) throws IOException {
        try (Socket socket = new Socket(sandbox.baseUrl().getHost(), sandbox.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nclient-id: sandbox\r\n"
                    + "client-secret: sandbox-secret\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int headerEnd = text.indexOf("\r\n\r\n");
            Matcher status = Pattern.compile("^HTTP/1.1 (\\d{3})").matcher(text);
            Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(text.substring(0, headerEnd));
            assertThat(status.find()).isTrue();
            assertThat(length.find()).isTrue();
            byte[] body = text.substring(headerEnd + 4).getBytes(StandardCharsets.ISO_8859_1);
            return new RawResponse(Integer.parseInt(status.group(1)), Long.parseLong(length.group(1)), body);
        }
    }
}
