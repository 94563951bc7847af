package io.spotdraftsync.spotdraft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spotdraftsync.documents.DocumentProperties;
import io.spotdraftsync.documents.DocumentsConfiguration;
import io.spotdraftsync.documents.TemporaryDocument;
import io.spotdraftsync.spotdraft.model.DownloadLink;
import io.spotdraftsync.workspace.Workspaces;
import io.spotdraftsync.workspace.WorkspacesConfiguration;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

/**
 * Signed document URLs are checked like input: https only outside loopback, no private or link-local address
 * (checked on what the host resolves to, IPv4-mapped forms included) unless allowed, and no document larger than
 * {@code sync.documents.max-bytes}, on its declared length or while it streams. Each refusal fails the download at
 * once (never retried) with a reason naming the contract and the setting, and never the signed URL.
 */
class SignedDocumentDownloadPolicyTest {

    private static final String SIGNATURE = "X-Amz-Signature=secret-signature-4711";
    /** Large enough that socket buffers cannot hold it: a client that drained it would be seen. */
    private static final long BIG = 64L * 1024 * 1024;

    private HttpServer storage;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicBoolean sendingEnded = new AtomicBoolean();
    private final AtomicBoolean sendingBroke = new AtomicBoolean();

    @TempDir
    Path temp;

    @BeforeEach
    void start() throws IOException {
        storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storage.createContext("/small", exchange -> send(exchange, 1000, true));
        storage.createContext("/declared-big", exchange -> send(exchange, BIG, true));
        storage.createContext("/streamed-big", exchange -> send(exchange, BIG, false));
        storage.start();
    }

    @AfterEach
    void stop() {
        storage.stop(0);
    }

    /** {@code length} bytes, with a Content-Length or chunked; records how far the sending got. */
    private void send(HttpExchange exchange, long length, boolean declared) throws IOException {
        requests.incrementAndGet();
        exchange.sendResponseHeaders(200, declared ? length : 0);
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < length; sent += block.length) {
                out.write(block, 0, (int) Math.min(block.length, length - sent));
                bytesSent.addAndGet(Math.min(block.length, length - sent));
            }
        } catch (IOException brokenByTheClient) {
            sendingBroke.set(true);
        } finally {
            sendingEnded.set(true);
        }
    }

    @Test
    void privateLinkLocalAndMappedAddressesAreRefusedWithoutAnyRequest() {
        try (SpotDraftClient client = client(DownloadPolicy.DEFAULT)) {
            for (String host : List.of("10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.10", "169.254.169.254",
                    "100.100.100.200", "0.0.0.0", "[fd00:ec2::254]", "[fc00::1]", "[fe80::1]", "[::ffff:10.0.0.1]",
                    "[::ffff:a9fe:a9fe]", "[64:ff9b::a9fe:a9fe]")) {
                assertThatThrownBy(() -> client.download("T-9", link("https://" + host + "/doc.pdf?" + SIGNATURE), ignored()))
                        .as(host)
                        .isInstanceOf(DocumentRefusedException.class)
                        .hasMessageContaining("The signed document URL of T-9 was refused")
                        .hasMessageContaining("sync.documents.allow-private-download-hosts=true")
                        .hasMessageNotContaining(SIGNATURE);
            }
        }
    }

    @Test
    void aHostNameIsJudgedByEveryAddressItResolvesTo() {
        DnsResolver dns = fakeDns(Map.of("storage.example.com", List.of("10.0.0.7"),
                "mixed.example.com", List.of("93.184.216.34", "192.168.0.9")));
        try (SpotDraftClient client = client(new DownloadPolicy(false, DownloadPolicy.DEFAULT_MAX_BYTES, dns))) {
            assertThatThrownBy(() -> client.download("T-9", link("https://storage.example.com/doc.pdf?" + SIGNATURE), ignored()))
                    .isInstanceOf(DocumentRefusedException.class)
                    .hasMessageContaining("storage.example.com (10.0.0.7) is a private (10.0.0.0/8) address");
            assertThatThrownBy(() -> client.download("T-9", link("https://mixed.example.com/doc.pdf?" + SIGNATURE), ignored()))
                    .isInstanceOf(DocumentRefusedException.class)
                    .hasMessageContaining("mixed.example.com (192.168.0.9) is a private (192.168.0.0/16) address");
        }
    }

    @Test
    void allowPrivateDownloadHostsConnectsToTheAddressThatWasChecked() throws Exception {
        DnsResolver dns = fakeDns(Map.of("storage.internal", List.of("10.0.0.7")));
        SignedUrlTargets refusing = new SignedUrlTargets(new DownloadPolicy(false, 100, dns), false);
        SignedUrlTargets allowing = new SignedUrlTargets(new DownloadPolicy(true, 100, dns), false);
        URI uri = URI.create("https://storage.internal/doc.pdf?" + SIGNATURE);

        assertThatThrownBy(() -> refusing.target("T-9", uri)).isInstanceOf(DocumentRefusedException.class);
        HttpHost target = allowing.target("T-9", uri);

        // pinned: the connection goes to the checked address, TLS still checks the host name
        assertThat(target.getAddress()).isEqualTo(InetAddress.getByName("10.0.0.7"));
        assertThat(target.getHostName()).isEqualTo("storage.internal");
        assertThat(target.getPort()).isEqualTo(443);
    }

    @Test
    void plainHttpIsRefusedOutsideLoopbackAndAcceptedOnIt() throws Exception {
        DnsResolver dns = fakeDns(Map.of("storage.example.com", List.of("93.184.216.34"),
                "sandbox.test", List.of("127.0.0.1")));
        try (SpotDraftClient client = client(new DownloadPolicy(false, DownloadPolicy.DEFAULT_MAX_BYTES, dns))) {
            assertThatThrownBy(() -> client.download("T-9", link("http://storage.example.com/doc.pdf?" + SIGNATURE), ignored()))
                    .isInstanceOf(DocumentRefusedException.class)
                    .hasMessageContaining("plain http to storage.example.com (93.184.216.34)")
                    .hasMessageContaining("https only")
                    .hasMessageNotContaining(SIGNATURE);
            assertThatThrownBy(() -> client.download("T-9", link("ftp://storage.example.com/doc.pdf"), ignored()))
                    .isInstanceOf(DocumentRefusedException.class).hasMessageContaining("not an https URL");
            assertThat(requests).hasValue(0);

            // loopback, where the sandbox serves: by address and by a name that resolves there
            int port = storage.getAddress().getPort();
            DocumentReader<Integer> size = (body, length) -> body.readAllBytes().length;
            assertThat(client.download("T-9", link("http://127.0.0.1:" + port + "/small"), size)).isEqualTo(1000);
            assertThat(client.download("T-9", link("http://sandbox.test:" + port + "/small"), size)).isEqualTo(1000);
        }
        // spotdraft.allow-insecure-http=true: plain http anywhere (a sandbox on another machine)
        SignedUrlTargets insecure = new SignedUrlTargets(new DownloadPolicy(false, 100, dns), true);
        assertThat(insecure.target("T-9", URI.create("http://storage.example.com/doc.pdf")).getAddress())
                .isEqualTo(InetAddress.getByName("93.184.216.34"));
    }

    @Test
    void aDocumentDeclaredLargerThanMaxBytesIsRefusedBeforeItsBodyIsRead() {
        AtomicBoolean readerCalled = new AtomicBoolean();
        try (SpotDraftClient client = client(DownloadPolicy.of(false, 4096))) {
            assertThatThrownBy(() -> client.download("T-9", link(url("/declared-big")), (body, length) -> {
                readerCalled.set(true);
                return body.readAllBytes();
            }))
                    .isInstanceOf(DocumentRefusedException.class)
                    .hasMessageContaining("The document of T-9 was refused: it is " + BIG + " bytes (its declared length), "
                            + "more than sync.documents.max-bytes (4096 bytes)");
        }
        assertThat(readerCalled).isFalse();
        assertThat(requests).as("a refusal is not retried").hasValue(1);
        // the connection was dropped rather than read to its end
        await().atMost(Duration.ofSeconds(30)).untilTrue(sendingEnded);
        assertThat(sendingBroke).isTrue();
        System.out.printf("declared %d bytes, max 4096: refused, 1 request, server sent %d bytes before the drop%n", BIG, bytesSent.get());
        assertThat(bytesSent.get()).isLessThan(BIG);
    }

    @Test
    void aDocumentStreamingPastMaxBytesIsStoppedThere() throws Exception {
        long max = 256 * 1024;
        try (SpotDraftClient client = client(DownloadPolicy.of(false, max));
             TemporaryDocument file = TemporaryDocument.create(temp)) {
            assertThatThrownBy(() -> client.download("T-9", link(url("/streamed-big")), file::read))
                    .isInstanceOf(DocumentRefusedException.class)
                    .hasMessageContaining("The document of T-9 was refused: it went past sync.documents.max-bytes ("
                            + max + " bytes) while being read");

            assertThat(file.isComplete()).isFalse();
            assertThat(Files.size(file.path())).as("nothing past the limit was written").isLessThanOrEqualTo(max);
        }
        assertThat(requests).as("a refusal is not retried").hasValue(1);
        await().atMost(Duration.ofSeconds(30)).untilTrue(sendingEnded);
        assertThat(sendingBroke).isTrue();
        System.out.printf("chunked %d bytes, max %d: refused, 1 request, server sent %d bytes before the drop%n", BIG, max, bytesSent.get());
        assertThat(bytesSent.get()).isLessThan(BIG);
    }

    @Test
    void aDocumentOfExactlyMaxBytesIsKept() throws Exception {
        try (SpotDraftClient client = client(DownloadPolicy.of(false, 1000));
             TemporaryDocument file = TemporaryDocument.create(temp)) {
            client.download("T-9", link(url("/small")), file::read);

            assertThat(file.bytes()).isEqualTo(1000);
        }
    }

    @Test
    void theDocumentSettingsReachEveryWorkspaceClient() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(WorkspacesConfiguration.class, DocumentsConfiguration.class)
                .withPropertyValues("spotdraft.base-url=" + url(""), "spotdraft.client-id=a", "spotdraft.client-secret=b",
                        "sync.documents.location=file:" + temp.resolve("documents"), "sync.documents.max-bytes=512B")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    SpotDraftClient client = started.getBean(Workspaces.class).resolve(null).client();
                    assertThatThrownBy(() -> client.download("T-9", link(url("/small")), ignored()))
                            .isInstanceOf(DocumentRefusedException.class)
                            .hasMessageContaining("1000 bytes (its declared length), more than sync.documents.max-bytes (512 bytes)");
                    assertThatThrownBy(() -> client.download("T-9", link("https://10.1.2.3/doc.pdf"), ignored()))
                            .isInstanceOf(DocumentRefusedException.class);
                });
    }

    @Test
    void theDownloadSettingsDefaultToPublicHostsAndTwoGigabytesAndNothingIsRefusedNamingTheProperty() {
        ApplicationContextRunner documents = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(DocumentsConfiguration.class)
                .withPropertyValues("sync.documents.location=file:" + temp.resolve("documents"));
        documents.run(started -> {
            DocumentProperties properties = started.getBean(DocumentProperties.class);
            assertThat(properties.allowPrivateDownloadHosts()).isFalse();
            assertThat(properties.maxBytes().toBytes()).isEqualTo(2L * 1024 * 1024 * 1024).isEqualTo(DownloadPolicy.DEFAULT_MAX_BYTES);
        });
        documents.withPropertyValues("sync.documents.max-bytes=0").run(started ->
                assertThat(started.getStartupFailure()).hasStackTraceContaining("sync.documents.max-bytes must be at least 1B"));
    }

    @Test
    void addressRangesAreClassified() throws Exception {
        Map<String, AddressRanges.Kind> expected = Map.ofEntries(
                Map.entry("127.0.0.1", AddressRanges.Kind.LOOPBACK), Map.entry("127.8.9.10", AddressRanges.Kind.LOOPBACK),
                Map.entry("::1", AddressRanges.Kind.LOOPBACK), Map.entry("::ffff:127.0.0.1", AddressRanges.Kind.LOOPBACK),
                Map.entry("10.255.0.1", AddressRanges.Kind.INTERNAL), Map.entry("172.15.255.255", AddressRanges.Kind.PUBLIC),
                Map.entry("172.16.0.0", AddressRanges.Kind.INTERNAL), Map.entry("172.31.255.255", AddressRanges.Kind.INTERNAL),
                Map.entry("172.32.0.0", AddressRanges.Kind.PUBLIC), Map.entry("192.168.255.1", AddressRanges.Kind.INTERNAL),
                Map.entry("192.169.0.1", AddressRanges.Kind.PUBLIC), Map.entry("169.254.169.254", AddressRanges.Kind.INTERNAL),
                Map.entry("8.8.8.8", AddressRanges.Kind.PUBLIC), Map.entry("fc00::", AddressRanges.Kind.INTERNAL),
                Map.entry("fdff:ffff::1", AddressRanges.Kind.INTERNAL), Map.entry("fe80::1", AddressRanges.Kind.INTERNAL),
                Map.entry("::", AddressRanges.Kind.INTERNAL), Map.entry("::a9fe:a9fe", AddressRanges.Kind.INTERNAL),
                Map.entry("64:ff9b::a00:1", AddressRanges.Kind.INTERNAL), Map.entry("64:ff9b::808:808", AddressRanges.Kind.PUBLIC),
                Map.entry("2002:a00:1::", AddressRanges.Kind.INTERNAL), Map.entry("2606:4700::1111", AddressRanges.Kind.PUBLIC));
        for (Map.Entry<String, AddressRanges.Kind> entry : expected.entrySet()) {
            assertThat(AddressRanges.classify(InetAddress.getByName(entry.getKey())).kind()).as(entry.getKey())
                    .isEqualTo(entry.getValue());
        }
        // an IPv4-mapped address given as 16 bytes, whatever the resolver hands over
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 1};
        assertThat(AddressRanges.classify(java.net.Inet6Address.getByAddress(null, mapped, -1)).kind())
                .isEqualTo(AddressRanges.Kind.INTERNAL);
    }

    // ------------------------------------------------------------------------------------------------

    private SpotDraftClient client(DownloadPolicy policy) {
        SpotDraftProperties properties = SpotDraftProperties.of(URI.create(url("")), "id", "secret")
                .withRetry(new SpotDraftProperties.Retry(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(1)));
        return SpotDraftClient.create(properties, new LocalRequestBudget(1000, Duration.ZERO), new SimpleMeterRegistry(), policy);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + storage.getAddress().getPort() + path;
    }

    private static DownloadLink link(String url) {
        return new DownloadLink(url, "contract.pdf", 3L);
    }

    private static DocumentReader<Object> ignored() {
        return (body, length) -> {
            throw new AssertionError("a refused URL is never read");
        };
    }

    /** Names answered from a table, as DNS would; anything else is unknown. */
    private static DnsResolver fakeDns(Map<String, List<String>> table) {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                List<String> addresses = table.get(host);
                if (addresses == null) {
                    return InetAddress.getAllByName(host);
                }
                InetAddress[] resolved = new InetAddress[addresses.size()];
                for (int i = 0; i < resolved.length; i++) {
                    resolved[i] = InetAddress.getByAddress(host, InetAddress.getByName(addresses.get(i)).getAddress());
                }
                return resolved;
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
    }
}
