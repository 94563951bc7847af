package io.spotdraftsync.spotdraft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spotdraftsync.spotdraft.model.ExecutedContractImport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Error mapping and retry decisions, against a scripted HTTP server: each request takes the next answer. */
class SpotDraftClientErrorsTest {

    private record Answer(int status, String body, String header, String headerValue) {
        static Answer of(int status, String body) {
            return new Answer(status, body, null, null);
        }
    }

    private HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private SpotDraftClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        SpotDraftProperties properties = SpotDraftProperties.of(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "id", "the-secret")
                .withRequestsPerSecond(1000)
                .withRetry(new SpotDraftProperties.Retry(4, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(2)));
        client = SpotDraftClient.create(properties, new LocalRequestBudget(1000, Duration.ZERO), new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        Answer next;
        synchronized (script) {
            next = script.isEmpty() ? Answer.of(500, "{}") : script.poll();
        }
        if (next.status() < 0) {
            exchange.close(); // drop the connection without answering
            return;
        }
        byte[] body = next.body().getBytes(StandardCharsets.UTF_8);
        if (next.header() != null) {
            exchange.getResponseHeaders().add(next.header(), next.headerValue());
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(next.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void then(Answer... answers) {
        synchronized (script) {
            script.addAll(java.util.List.of(answers));
        }
    }

    @Test
    void retriesServerErrorsAndRateLimitsThenSucceeds() {
        then(Answer.of(503, "{}"), new Answer(429, "{\"detail\":\"slow down\"}", "Retry-After", "0"), Answer.of(502, ""),
                Answer.of(200, "[{\"id\":1,\"name\":\"NDA\"}]"));
        assertThat(client.contractTypes()).singleElement().satisfies(type -> assertThat(type.name()).isEqualTo("NDA"));
        assertThat(requests).hasValue(4);
        ClientCounters counters = client.counters();
        assertThat(counters.calls()).isEqualTo(4);
        assertThat(counters.retries()).isEqualTo(3);
        assertThat(counters.tooManyRequests()).isEqualTo(1);
    }

    @Test
    void givesUpAfterTheLastAttemptNamingTheEndpointAndTheLastFault() {
        then(Answer.of(500, "{}"), Answer.of(500, "{}"), Answer.of(500, "{}"), Answer.of(503, "{}"));
        assertThatThrownBy(() -> client.contractTypes())
                .isInstanceOf(SpotDraftUnavailableException.class)
                .hasMessageContaining("GET /api/v2.1/public/contract_types/")
                .hasMessageContaining("4 attempts")
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void aViewWithFewerAttemptsPerCallGivesUpSoonerAndStillRetriesATransientFault() {
        SpotDraftClient view = client.withCallAttempts(2);
        assertThat(view.callAttempts()).isEqualTo(2);
        assertThat(client.callAttempts()).as("the client itself keeps spotdraft.retry.max-attempts").isEqualTo(4);

        then(Answer.of(500, "{}"), Answer.of(500, "{}"));
        assertThatThrownBy(view::contractTypes).isInstanceOf(SpotDraftUnavailableException.class)
                .hasMessageContaining("2 attempts");
        assertThat(requests).hasValue(2);

        requests.set(0);
        then(Answer.of(503, "{}"), Answer.of(200, "[{\"id\":1,\"name\":\"NDA\"}]"));
        assertThat(view.contractTypes()).singleElement().satisfies(type -> assertThat(type.name()).isEqualTo("NDA"));
        assertThat(requests).as("one retry").hasValue(2);
        assertThat(client.counters().calls()).as("one client's counters, whichever view called").isEqualTo(4);

        // a create is still repeated only when SpotDraft certainly did not act on it
        requests.set(0);
        then(new Answer(-1, "", null, null));
        assertThatThrownBy(() -> view.importExecutedContract(new ExecutedContractImport("n", "f.pdf", "JVBERi0=", 1L, 1L, null, null)))
                .isInstanceOf(SpotDraftUnavailableException.class).hasMessageContaining("may have been processed");
        assertThat(requests).hasValue(1);

        // closing a view closes nothing: the client's connections are the view's
        view.close();
        requests.set(0);
        then(Answer.of(200, "[]"));
        assertThat(client.contractTypes()).isEmpty();
        assertThat(requests).hasValue(1);
    }

    @Test
    void aViewNeverRetriesMoreThanTheClientAndNeedsOneAttempt() {
        assertThat(client.withCallAttempts(9)).as("capped at spotdraft.retry.max-attempts: the client itself").isSameAs(client);
        assertThat(client.withCallAttempts(4)).isSameAs(client);
        assertThat(client.withCallAttempts(3).withCallAttempts(9)).isSameAs(client);
        assertThatThrownBy(() -> client.withCallAttempts(0)).isInstanceOf(IllegalArgumentException.class);

        then(Answer.of(500, "{}"), Answer.of(500, "{}"));
        assertThatThrownBy(() -> client.withCallAttempts(1).contractTypes()).hasMessageContaining("one attempt");
        assertThat(requests).hasValue(1);
    }

    @Test
    void otherClientErrorsAreNotRetriedAndCarryStatusCodeAndMessage() {
        then(Answer.of(404, "{\"detail\":\"Not found.\",\"status_code\":404,\"code\":\"NOT_FOUND\",\"message\":\"No contract T-9\"}"));
        assertThatThrownBy(() -> client.status("T-9"))
                .isInstanceOfSatisfying(SpotDraftApiException.class, failure -> {
                    assertThat(failure.status()).isEqualTo(404);
                    assertThat(failure.code()).isEqualTo("NOT_FOUND");
                    assertThat(failure.apiMessage()).isEqualTo("No contract T-9");
                    assertThat(failure.getMessage()).contains("GET /api/v2.1/public/contracts/T-9/status");
                });
        assertThat(requests).hasValue(1);
    }

    @Test
    void wrongCredentialsNameTheCredentialPropertiesAndNeverTheSecret() {
        then(Answer.of(401, "{\"detail\":\"Invalid credentials\",\"status_code\":401}"));
        assertThatThrownBy(() -> client.contractTypes())
                .isInstanceOf(SpotDraftAuthenticationException.class)
                .hasMessageContaining("spotdraft.client-id")
                .hasMessageContaining("spotdraft.client-secret")
                .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain("the-secret"));
        assertThat(requests).hasValue(1);
    }

    @Test
    void aRedirectIsAnErrorThatNamesTheLikelyMistake() {
        then(new Answer(302, "", "Location", "/api/v2.1/public/contract_types"));
        assertThatThrownBy(() -> client.contractTypes())
                .isInstanceOf(SpotDraftResponseException.class)
                .hasMessageContaining("302")
                .hasMessageContaining("trailing slash")
                .hasMessageContaining("redirect to /api/v2.1/public/contract_types");
    }

    @Test
    void aMalformedBodyNamesTheEndpoint() {
        then(Answer.of(200, "{\"page\":1,\"results\":\"not a list\"}"));
        assertThatThrownBy(() -> client.listContracts(ContractFilter.none(), 1))
                .isInstanceOf(SpotDraftResponseException.class)
                .hasMessageContaining("Malformed response to GET /api/v2.1/public/contracts/");
        assertThat(requests).hasValue(1);
    }

    @Test
    void aDroppedConnectionIsRetriedForReadsButNotForACreate() {
        then(new Answer(-1, "", null, null), Answer.of(200, "[]"));
        assertThat(client.organizationEntities()).isEmpty();
        assertThat(requests).hasValue(2);

        requests.set(0);
        then(new Answer(-1, "", null, null), Answer.of(201, "{\"id\":\"H-1\"}"));
        assertThatThrownBy(() -> client.importExecutedContract(new ExecutedContractImport("n", "f.pdf", "JVBERi0=", 1L, 1L, null, null)))
                .isInstanceOf(SpotDraftUnavailableException.class)
                .hasMessageContaining("may have been processed");
        assertThat(requests).hasValue(1);
    }

    @Test
    void aCreateRefusedWith429IsRetried() {
        then(Answer.of(429, "{}"), Answer.of(201, "{\"id\":\"H-5\",\"contract_status\":\"EXECUTED\"}"));
        assertThat(client.importExecutedContract(new ExecutedContractImport("n", "f.pdf", "JVBERi0=", 1L, 1L, null, null)).id())
                .isEqualTo("H-5");
        assertThat(requests).hasValue(2);
    }
}
