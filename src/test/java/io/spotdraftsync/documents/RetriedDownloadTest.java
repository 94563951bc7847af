package io.spotdraftsync.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.spotdraftsync.spotdraft.LocalRequestBudget;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.SpotDraftProperties;
import io.spotdraftsync.spotdraft.model.DownloadLink;

/** The SpotDraft client's retrying download writing into a {@link TemporaryDocument}, then the store. */
class RetriedDownloadTest {

    private final byte[] document = Documents.pdf("x".repeat(200_000));
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer storage;
    private SpotDraftClient client;

    @TempDir
    Path temp;

    @BeforeEach
    void start() throws IOException {
        storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storage.createContext("/signed", this::serve);
        storage.start();
        SpotDraftProperties properties = SpotDraftProperties.of(URI.create("http://127.0.0.1:" + storage.getAddress().getPort()), "id", "secret")
                .withRetry(new SpotDraftProperties.Retry(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(1)));
        client = SpotDraftClient.create(properties, new LocalRequestBudget(1000, Duration.ZERO), new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        client.close();
        storage.stop(0);
    }

    /** The first attempt declares the whole length, sends a third of it and drops the connection. */
    private void serve(HttpExchange exchange) throws IOException {
        boolean first = requests.incrementAndGet() == 1;
        exchange.sendResponseHeaders(200, document.length);
        OutputStream out = exchange.getResponseBody();
        if (first) {
            out.write(Arrays.copyOf(document, document.length / 3));
            out.flush();
            exchange.close();
            return;
        }
        out.write(document);
        out.close();
    }

    @Test
    void aDroppedFirstAttemptLeavesNothingOfItselfInTheStoredDocument() throws Exception {
        DirectoryDocumentStore store = new DirectoryDocumentStore(temp.resolve("documents"), temp.resolve("spool"));
        DocumentKey key = new DocumentKey("acme", "T-9", 3);
        DownloadLink link = new DownloadLink("http://127.0.0.1:" + storage.getAddress().getPort() + "/signed?X-Amz-Signature=secret",
                "contract.pdf", 3L);

        StoredDocument stored;
        try (TemporaryDocument file = store.newTemporaryDocument()) {
            client.download("T-9", link, file::read);
            stored = store.storeFile(key, file);
        }

        assertThat(requests).hasValue(2);
        assertThat(stored.sha256()).isEqualTo(Documents.sha256(document));
        assertThat(Files.readAllBytes(temp.resolve("documents").resolve(stored.objectKey()))).isEqualTo(document);
        assertThat(Documents.files(temp.resolve("spool"))).isEmpty();
    }
}
