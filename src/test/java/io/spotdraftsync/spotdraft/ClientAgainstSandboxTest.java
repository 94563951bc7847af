package io.spotdraftsync.spotdraft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spotdraftsync.sandbox.FaultSettings;
import io.spotdraftsync.sandbox.SandboxContract;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.spotdraft.model.DownloadLink;
import io.spotdraftsync.spotdraft.model.WebhookRegistration;
import io.spotdraftsync.webhook.WebhookSignature;

import org.junit.jupiter.api.Test;

/** The client against the sandbox: completeness, fault tolerance, the rate budget, credentials, webhooks. */
class ClientAgainstSandboxTest {

    private static final SpotDraftProperties.Retry FAST_RETRY =
            new SpotDraftProperties.Retry(10, Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofSeconds(2));

    private static SpotDraftClient client(SpotDraftSandbox sandbox, int requestsPerSecond) {
        SpotDraftProperties properties = SpotDraftProperties.of(sandbox.baseUrl(), "sandbox", "sandbox-secret")
                .withRequestsPerSecond(requestsPerSecond).withRetry(FAST_RETRY);
        return SpotDraftClient.create(properties,
                new LocalRequestBudget(requestsPerSecond, properties.rateLimitMargin()), new SimpleMeterRegistry());
    }

    private static Set<String> liveIds(SpotDraftSandbox sandbox) {
        return sandbox.contracts().stream().filter(contract -> !contract.deleted()).map(SandboxContract::compositeId)
                .collect(Collectors.toSet());
    }

    @Test
    void readsEveryOneOf2500ContractsExactlyOnceWithinTheBudget() {
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(2_500).seed(11).build());
                SpotDraftClient client = client(sandbox, 10)) {
            List<String> ids = client.contracts(ContractFilter.none()).stream().map(ContractListItem::id).toList();

            assertThat(ids).hasSize(2_500).doesNotHaveDuplicates();
            assertThat(Set.copyOf(ids)).isEqualTo(liveIds(sandbox));
            assertThat(client.counters().calls()).isEqualTo(25);
            assertThat(sandbox.stats().tooManyRequestsSent()).isZero();
            assertThat(sandbox.stats().maxRequestsInAnyOneSecondWindow()).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void readsEveryPageDespite20PercentServerErrorsAndDroppedConnections() {
        FaultSettings faults = FaultSettings.builder().serverErrorProbability(0.10).dropConnectionProbability(0.10).build();
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder()
                        .contracts(2_500).seed(12).requestsPerSecond(0).faults(faults).build());
                SpotDraftClient client = client(sandbox, 1_000)) {
            List<String> ids = client.contracts(ContractFilter.none()).stream().map(ContractListItem::id).toList();

            assertThat(ids).hasSize(2_500).doesNotHaveDuplicates();
            assertThat(Set.copyOf(ids)).isEqualTo(liveIds(sandbox));
            assertThat(sandbox.stats().faultsInjected()).isPositive();
            assertThat(client.counters().retries()).isEqualTo(client.counters().calls() - 25);
        }
    }

    @Test
    void threeHundredCallsAsFastAsPossibleNeverExceedTenInAnyOneSecondWindow() throws Exception {
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(10).seed(13).build());
                SpotDraftClient client = client(sandbox, 10)) {
            sandbox.resetStats();
            ExecutorService callers = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    calls.add(callers.submit(client::contractTypes));
                }
                for (Future<?> call : calls) {
                    call.get();
                }
            } finally {
                callers.shutdownNow();
            }
            assertThat(sandbox.stats().requestsServed()).as("requests served, %s", sandbox.stats()).isEqualTo(300);
            assertThat(sandbox.stats().maxRequestsInAnyOneSecondWindow()).isBetween(9L, 10L);
            assertThat(sandbox.stats().tooManyRequestsSent()).isZero();
            assertThat(client.counters().tooManyRequests()).isZero();
        }
    }

    @Test
    void wrongCredentialsGiveAnErrorNamingTheCredentialProperties() {
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(5).build());
                SpotDraftClient client = SpotDraftClient.create(
                        SpotDraftProperties.of(sandbox.baseUrl(), "sandbox", "not-the-secret"),
                        new LocalRequestBudget(10, Duration.ZERO), new SimpleMeterRegistry())) {
            assertThatThrownBy(() -> client.listContracts(ContractFilter.none(), 1))
                    .isInstanceOf(SpotDraftAuthenticationException.class)
                    .hasMessageContaining("spotdraft.client-id")
                    .hasMessageContaining("spotdraft.client-secret")
                    .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain("not-the-secret"));
            assertThat(client.counters().calls()).isEqualTo(1);
        }
    }

    @Test
    void documentsStreamIdenticallyFromDownloadAndFromTheSignedLinkWhichSpendsNoBudget() {
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(20).seed(14)
                        .requestsPerSecond(0).faults(FaultSettings.builder().truncatedBodyProbability(0.3).build()).build());
                SpotDraftClient client = client(sandbox, 1_000)) {
            SandboxContract contract = sandbox.contracts().stream().filter(each -> !each.deleted()).findFirst().orElseThrow();

            String viaApi = client.download(contract.compositeId(), ClientAgainstSandboxTest::sha256);
            long callsBefore = client.counters().calls();
            DownloadLink link = client.downloadLink(contract.compositeId());
            String viaLink = client.download(contract.compositeId(), link, ClientAgainstSandboxTest::sha256);

            assertThat(viaApi).isEqualTo(contract.documentSha256());
            assertThat(viaLink).isEqualTo(contract.documentSha256());
            assertThat(link.currentVersionId()).isEqualTo(contract.currentVersionId());
            assertThat(client.counters().calls() - callsBefore).as("only download_link is an API call").isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void webhookSignaturesFromTheSandboxVerifyWithTheKeyItServes() throws IOException {
        List<byte[]> bodies = Collections.synchronizedList(new ArrayList<>());
        List<String> signatures = Collections.synchronizedList(new ArrayList<>());
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhooks/spotdraft", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            signatures.add(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(30).seed(15).build());
                SpotDraftClient client = client(sandbox, 10)) {
            URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/spotdraft");
            WebhookRegistration.Created created = client.registerWebhook(
                    new WebhookRegistration.Request("warehouse sync", url.toString(),
                            WebhookRegistration.SYNC_ACTIVITIES, null));
            assertThat(created.id()).isNotNull();

            sandbox.mutate(5);
            await().atMost(Duration.ofSeconds(10)).until(() -> bodies.size() >= 5);

            WebhookSignature signature = WebhookSignature.fromBase64Key(client.webhookHmacKey());
            for (int i = 0; i < bodies.size(); i++) {
                assertThat(signature.verify(bodies.get(i), signatures.get(i))).isTrue();
            }
            byte[] tampered = bodies.get(0).clone();
            tampered[tampered.length / 2] ^= 1;
            assertThat(signature.verify(tampered, signatures.get(0))).isFalse();
        } finally {
            receiver.stop(0);
        }
    }

    private static String sha256(InputStream body, long length) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = body.read(buffer)) != -1; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
