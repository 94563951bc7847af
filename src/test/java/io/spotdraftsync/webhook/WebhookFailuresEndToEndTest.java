package io.spotdraftsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.spotdraftsync.sandbox.SandboxContract;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.ExportHarness;
import io.spotdraftsync.testsupport.RecordingProxy;
import io.spotdraftsync.warehouse.StoredContract;
import io.spotdraftsync.warehouse.Warehouse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A contract whose key pointers always answer 500, announced by webhook together with 20 other changes: the others
 * land within the usual time, and over two minutes of the worker's clock (moved forward by the test from one
 * attempt to the next, with the default waits: 5 s, doubled after each attempt) the failing contract costs at most
 * 30 API calls (with the default retries: {@code sync.webhook.per-call-attempts} per call) and then rests as
 * {@code failed}, shown by {@code GET /api/status}. The admin API then retries one
 * failed event (it loads once the fault is gone) and discards the other (it costs nothing more).
 */
class WebhookFailuresEndToEndTest {

    private static final String KEY_POINTERS = "/api/v2.1/public/contracts/%s/key_pointers";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WINDOW = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The system clock plus an offset the test moves forward: the worker's time, without waiting for it. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }

        void advanceTo(Instant target) {
            offset.updateAndGet(current -> {
                Duration ahead = Duration.between(Instant.now().plus(current), target);
                return ahead.isNegative() ? current : current.plus(ahead);
            });
        }
    }

    @Test
    void aContractThatAlwaysFailsNeitherBlocksOthersNorSpendsTheBudgetWithoutEnd(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(80).seed(53)
                .requestsPerSecond(0).build());
                RecordingProxy api = new RecordingProxy(sandbox.baseUrl())) {
            // every API call goes through the proxy, which keeps them, so that the calls naming a contract can be counted;
            // the default retries: a webhook's run tries each call sync.webhook.per-call-attempts (3) times, so an attempt
            // of a failing contract costs about 5 calls (listing, 3 key pointers, download link)
            ExportHarness harness = ExportHarness.against(sandbox, work).with("spotdraft.base-url", api.baseUrl());
            assertThat(harness.run(true).completed()).isTrue();

            List<SandboxContract> contracts = sandbox.contracts();
            SandboxContract failing = contracts.get(10);
            SandboxContract abandoned = contracts.get(11);
            List<SandboxContract> others = contracts.subList(30, 50);
            sandbox.failPathAlways(KEY_POINTERS.formatted(failing.compositeId()), 500);
            sandbox.failPathAlways(KEY_POINTERS.formatted(abandoned.compositeId()), 500);

            MovableClock clock = new MovableClock();
            try (ConfigurableApplicationContext serve = harness.startServe(
                    context -> context.getBeanFactory().registerSingleton("workerClock", clock))) {
                JdbcTemplate jobs = serve.getBean(JdbcTemplate.class);
                WebhookWorkers workers = serve.getBean(WebhookWorkers.class);
                Warehouse warehouse = serve.getBean(Warehouse.class);
                sandbox.registerWebhookTarget(ExportHarness.webhookUrl(serve));
                int callsBefore = api.exchanges().size();
                Instant start = clock.instant();

                sandbox.renameContract(failing.compositeId());
                sandbox.renameContract(abandoned.compositeId());
                others.forEach(contract -> sandbox.renameContract(contract.compositeId()));

                // the 20 others land within the usual time (debounce, one run), the failing ones do not hold them back
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> others.stream().allMatch(contract -> sandbox.contract(contract.compositeId()).name()
                                .equals(storedName(warehouse, contract.compositeId()))));
                Instant landed = Instant.now();
                Instant lastDelivery = jobs.queryForObject("SELECT max(received_at) FROM webhook_inbox", OffsetDateTime.class)
                        .toInstant();
                Duration landedAfter = Duration.between(lastDelivery, landed);
                assertThat(landedAfter).as("last delivery to the warehouse").isLessThan(Duration.ofSeconds(10));
                assertThat(jobs.queryForObject("SELECT count(*) FROM webhook_inbox WHERE status = 'done'", Long.class))
                        .isGreaterThanOrEqualTo(20);

                // two minutes of the worker's time: from each attempt, straight to the next one's due time
                List<Long> attemptsAt = new ArrayList<>();
                int round = 1;
                while (true) {
                    int expected = round;
                    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() ->
                            events(jobs, failing, abandoned).stream().allMatch(event -> event.failed() || event.attempts() >= expected));
                    attemptsAt.add(Duration.between(start, clock.instant()).toSeconds());
                    List<Event> events = events(jobs, failing, abandoned);
                    if (events.stream().allMatch(Event::failed)) {
                        break;
                    }
                    Instant next = events.stream().filter(event -> !event.failed()).map(Event::nextAttemptAt)
                            .max(Instant::compareTo).orElseThrow();
                    assertThat(next).as("attempt %d is due within the two minutes", round + 1).isBefore(start.plus(WINDOW));
                    clock.advanceTo(next);
                    workers.wake(null);
                    round++;
                }
                assertThat(events(jobs, failing, abandoned)).allSatisfy(event -> {
                    assertThat(event.failed()).isTrue();
                    assertThat(event.attempts()).isEqualTo(5);
                    assertThat(event.lastError()).contains("key_pointers").contains("500");
                });
                assertThat(Duration.between(start, clock.instant())).as("set aside within two minutes").isLessThan(WINDOW);

                // the rest of the two minutes, and more: a failed event costs nothing
                clock.advanceTo(start.plus(WINDOW).plusSeconds(30));
                workers.wake(null);
                long callsAtRest = calls(api, callsBefore, failing);
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                        .until(() -> calls(api, callsBefore, failing) == callsAtRest);
                long failingCalls = calls(api, callsBefore, failing);
                long abandonedCalls = calls(api, callsBefore, abandoned);
                System.out.printf("webhook failures: with the default retries, %s cost %d API calls and %s %d over two minutes "
                        + "of the worker's clock (at most 30)%n", failing.compositeId(), failingCalls, abandoned.compositeId(),
                        abandonedCalls);
                assertThat(failingCalls).as("API calls naming %s over two minutes", failing.compositeId()).isLessThanOrEqualTo(30);
                assertThat(abandonedCalls).isLessThanOrEqualTo(30);
                assertThat(events(jobs, failing, abandoned)).allMatch(Event::failed);

                // the status shows them, and the admin API retries one and discards the other
                Admin admin = new Admin(ExportHarness.port(serve), ExportHarness.ADMIN_TOKEN);
                JsonNode inbox = admin.send("GET", "/api/status").json().get("workspaces").get(0).get("webhookInbox");
                assertThat(inbox.get("failed").asLong()).isEqualTo(2);
                assertThat(inbox.get("pending").asLong()).isZero();
                List<Long> shownFailed = new ArrayList<>();
                inbox.get("failedEvents").forEach(event -> {
                    shownFailed.add(event.get("id").asLong());
                    assertThat(event.get("attempts").asInt()).isEqualTo(5);
                    assertThat(event.get("lastError").asString()).contains("500");
                });
                long failingEvent = events(jobs, failing).get(0).id();
                long abandonedEvent = events(jobs, abandoned).get(0).id();
                assertThat(shownFailed).contains(failingEvent, abandonedEvent);
                assertThat(admin.send("GET", "/api/webhook-events").json().get("events")).hasSize(2);
                long doneEvent = jobs.queryForObject("SELECT min(id) FROM webhook_inbox WHERE status = 'done'", Long.class);

                assertThat(new Admin(ExportHarness.port(serve), null).send("POST", "/api/webhook-events/" + failingEvent + "/retry")
                        .status()).as("no token").isEqualTo(401);
                Answer notFailed = admin.send("POST", "/api/webhook-events/" + doneEvent + "/discard");
                assertThat(notFailed.status()).isEqualTo(409);
                assertThat(notFailed.json().get("type").asString()).endsWith("/webhook-event-not-failed");
                assertThat(admin.send("POST", "/api/webhook-events/999999999/retry").status()).isEqualTo(404);
                assertThat(admin.send("GET", "/api/webhook-events?status=maybe").status()).isEqualTo(400);

                Answer discarded = admin.send("POST", "/api/webhook-events/" + abandonedEvent + "/discard");
                assertThat(discarded.status()).isEqualTo(200);
                assertThat(discarded.json().get("status").asString()).isEqualTo("discarded");

                sandbox.clearPathFaults();
                Answer retried = admin.send("POST", "/api/webhook-events/" + failingEvent + "/retry");
                assertThat(retried.status()).isEqualTo(200);
                assertThat(retried.json().get("attempts").asInt()).isZero();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                        events(jobs, failing).stream().allMatch(event -> event.status().equals("done"))
                                && sandbox.contract(failing.compositeId()).name().equals(storedName(warehouse, failing.compositeId())));
                assertThat(calls(api, callsBefore, abandoned)).as("a discarded event costs nothing").isEqualTo(abandonedCalls);
                assertThat(admin.send("GET", "/api/status").json().get("workspaces").get(0).get("webhookInbox").get("failed")
                        .asLong()).isZero();

                System.out.printf("webhook failures: 20 other changes landed %.1f s after the last delivery; %s cost %d API calls "
                        + "(%s %d) in 2 minutes of the worker's clock, attempts at +%s s, then rested as failed; retried by "
                        + "the admin API once the fault was gone, it loaded%n", landedAfter.toMillis() / 1000.0,
                        failing.compositeId(), failingCalls, abandoned.compositeId(), abandonedCalls,
                        attemptsAt.stream().map(String::valueOf).toList());
            }
        }
    }

    private record Event(long id, String status, int attempts, Instant nextAttemptAt, String lastError) {
        boolean failed() {
            return status.equals("failed");
        }
    }

    private static List<Event> events(JdbcTemplate jobs, SandboxContract... contracts) {
        List<Event> events = new ArrayList<>();
        for (SandboxContract contract : contracts) {
            events.addAll(jobs.query("SELECT id, status, attempts, next_attempt_at, last_error FROM webhook_inbox "
                    + "WHERE contract_id = ? ORDER BY id", (row, index) -> new Event(row.getLong("id"), row.getString("status"),
                            row.getInt("attempts"), row.getObject("next_attempt_at", OffsetDateTime.class) == null ? null
                                    : row.getObject("next_attempt_at", OffsetDateTime.class).toInstant(), row.getString("last_error")),
                    contract.numericId()));
        }
        assertThat(events).as("events of %s", Arrays.stream(contracts).map(SandboxContract::compositeId).toList()).isNotEmpty();
        return events;
    }

    /**
     * API calls since {@code from} that name the contract: in their path (its composite id, or its number where the
     * API takes the number) or in a {@code filter__contract_id[$in]} listing (shared with the contracts listed with it:
     * counted in full).
     */
    private static long calls(RecordingProxy api, int from, SandboxContract contract) {
        List<RecordingProxy.Exchange> exchanges = api.exchanges();
        return exchanges.subList(from, exchanges.size()).stream().filter(exchange -> {
            List<String> segments = Arrays.asList(exchange.path().split("/"));
            if (segments.contains(contract.compositeId()) || (segments.contains(String.valueOf(contract.numericId()))
                    && exchange.path().contains("/contracts/"))) {
                return true;
            }
            String query = exchange.rawQuery() == null ? "" : URLDecoder.decode(exchange.rawQuery(), StandardCharsets.UTF_8);
            return Arrays.asList(query.split("[&=,]")).contains(contract.compositeId());
        }).count();
    }

    /** Read through the application's own warehouse: a second DuckDB connection in this process would disturb its loads. */
    private static String storedName(Warehouse warehouse, String contractId) {
        return warehouse.storedContract(ServeContext.WORKSPACE, contractId).map(StoredContract::contractName).orElse(null);
    }

    private record Answer(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** The admin API over HTTP, with a bearer token (null: none). */
    private record Admin(int port, String token) {
        Answer send(String method, String path) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        }
    }
}
