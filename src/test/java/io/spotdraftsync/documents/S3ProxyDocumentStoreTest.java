package io.spotdraftsync.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

import io.spotdraftsync.documents.DocumentProperties.UploadMode;
import io.spotdraftsync.testsupport.ChildS3Server;
import io.spotdraftsync.testsupport.GeneratedInputStream;
import io.spotdraftsync.testsupport.RecordingProxy;
import io.spotdraftsync.testsupport.S3ProxyServer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Against S3Proxy 2.6.0 (filesystem backend), a second S3 implementation beside S3Mock, as a user would point the
 * engine at it: the endpoint, path style and credentials, nothing else. And against stores that misbehave: a proxy in
 * front of S3Proxy that alters the bytes it forwards, or that refuses {@code If-None-Match}.
 */
@ExtendWith(OutputCaptureExtension.class)
class S3ProxyDocumentStoreTest {

    private static final long MIB = 1024 * 1024;
    private static final long THRESHOLD = 5 * MIB;
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    /** Checks signatures: the payload hash the SDK signs must be the body's. */
    @RegisterExtension
    static final S3ProxyServer S3PROXY = new S3ProxyServer();

    /** Behind the proxies of the misbehaving stores. */
    @RegisterExtension
    static final S3ProxyServer UNSIGNED = S3ProxyServer.withoutSignatureChecks();

    @TempDir
    Path spool;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private S3Client reader;
    private String bucket;

    @BeforeEach
    void createBucket() {
        bucket = "documents-" + BUCKETS.incrementAndGet();
        S3PROXY.createBucket(bucket);
        UNSIGNED.createBucket(bucket);
        reader = S3PROXY.newClient();
    }

    @AfterEach
    void closeReader() {
        reader.close();
    }

    @Test
    void singlePartAndMultipartDocumentsAreStoredByteForByteWithOnlyTheEndpointSet() throws Exception {
        try (S3DocumentStore store = store(S3PROXY.endpoint().toString(), null)) {
            ByteForByte.Tally tally = ByteForByte.storeAndReadBack("S3Proxy 2.6.0", store, reader, THRESHOLD,
                    1, 3_000, 700_000, 4 * MIB, 5 * MIB, 12 * MIB + 17);

            assertThat(tally).isEqualTo(new ByteForByte.Tally("S3Proxy 2.6.0", 4, 4, 2, 2));
            assertThat(reader.listMultipartUploads(list -> list.bucket(bucket)).uploads()).isEmpty();
            assertThat(Documents.files(spool)).isEmpty();
        }
    }

    @Test
    void theAwsUploadModeIsWhatS3ProxyRefusesAndTheErrorSaysWhichSettingToChange() throws Exception {
        try (S3DocumentStore store = store(S3PROXY.endpoint().toString(), UploadMode.AWS)) {
            // x-amz-checksum-sha256 is the header S3Proxy does not implement; If-None-Match it accepts (and ignores)
            assertThatIOException().isThrownBy(() -> store.store(new DocumentKey("acme", "T-1", 1), new ByteArrayInputStream(Documents.pdf("aws"))))
                    .withMessageContaining("A header you provided implies functionality that is not implemented")
                    .withMessageContaining("sync.documents.s3.upload-mode=plain");
        }
        assertThat(reader.listObjectsV2(list -> list.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void s3ProxyIgnoresIfNoneMatchSoASecondStoreRewritesTheSameBytes() throws Exception {
        try (S3DocumentStore store = store(S3PROXY.endpoint().toString(), null)) {
            byte[] content = Documents.pdf("twice");
            StoredDocument first = store.store(new DocumentKey("acme", "T-1", 1), new ByteArrayInputStream(content));

            StoredDocument second = store.store(new DocumentKey("acme", "T-1", 1), new ByteArrayInputStream(content));

            // no 412: the conditional PUT went through over the existing key, with the same bytes (its key names their sha256)
            assertThat(second.newlyWritten()).isTrue();
            assertThat(Documents.sha256(reader.getObject(get -> get.bucket(bucket).key(first.objectKey())))).isEqualTo(first.sha256());
        }
    }

    @Test
    void aStoreThatAltersTheBytesFailsTheStoreNamingTheContractTheEndpointAndTheSetting() throws Exception {
        RecordingProxy.Tamper appendOneByte = new RecordingProxy.Tamper() {
            @Override
            public byte[] forwardedBody(String method, String rawQuery, byte[] body) {
                // PutObject and UploadPart: a store that keeps one byte more than it was sent
                boolean upload = "PUT".equals(method) && (rawQuery == null || rawQuery.contains("partNumber"));
                return upload ? Arrays.copyOf(body, body.length + 1) : body;
            }
        };
        try (RecordingProxy altering = new RecordingProxy(UNSIGNED.endpoint(), appendOneByte);
             S3DocumentStore store = store(altering.baseUrl().toString(), null)) {
            for (long size : new long[] {20_000, 7 * MIB}) {
                String contract = "T-" + size;
                assertThatIOException().isThrownBy(() -> store.store(new DocumentKey("acme", contract, 1), new GeneratedInputStream(size, size)))
                        .withMessageContaining("contract " + contract + "'s document")
                        .withMessageContaining("at " + altering.baseUrl())
                        .withMessageContaining("holds " + (size + (size < THRESHOLD ? 1 : 2)) + " bytes where " + size + " were sent")
                        .withMessageContaining("sync.documents.s3.upload-mode")
                        .withMessageContaining("sync.documents.s3.endpoint");
            }
            assertThat(meters.find(DocumentMetrics.STORED).counters()).isEmpty();
            try (S3Client unsignedReader = UNSIGNED.newClient()) {
                assertThat(unsignedReader.listObjectsV2(list -> list.bucket(bucket)).contents()).as("no altered copy left under a key")
                        .noneMatch(object -> object.key().endsWith(".pdf"));
            }
            assertThat(Documents.files(spool)).isEmpty();
        }
    }

    @Test
    void aStoreThatChangesAByteInPlaceIsCaughtByTheEtag() throws Exception {
        RecordingProxy.Tamper flipLastByte = new RecordingProxy.Tamper() {
            @Override
            public byte[] forwardedBody(String method, String rawQuery, byte[] body) {
                if (!"PUT".equals(method) || rawQuery != null || body.length == 0) {
                    return body;
                }
                byte[] altered = body.clone();
                altered[altered.length - 1] ^= 1;
                return altered;
            }
        };
        try (RecordingProxy altering = new RecordingProxy(UNSIGNED.endpoint(), flipLastByte);
             S3DocumentStore store = store(altering.baseUrl().toString(), null)) {
            assertThatIOException().isThrownBy(() -> store.store(new DocumentKey("acme", "T-9", 1), new ByteArrayInputStream(Documents.pdf("flipped"))))
                    .withMessageContaining("returns the ETag")
                    .withMessageContaining("where the MD5 of the bytes sent is");
        }
    }

    @Test
    void aStoreThatRefusesIfNoneMatchGetsHeadObjectThenPutObjectAfterOneWarning(CapturedOutput output) throws Exception {
        byte[] notImplemented = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NotImplemented</Code><Message>A header you provided"
                + " implies functionality that is not implemented</Message></Error>").getBytes(StandardCharsets.UTF_8);
        RecordingProxy.Tamper refuseConditionalWrites = new RecordingProxy.Tamper() {
            @Override
            public RecordingProxy.Answer answerInstead(String method, String rawQuery, Map<String, List<String>> headers) {
                return headers.containsKey("if-none-match") ? new RecordingProxy.Answer(501, "application/xml", notImplemented) : null;
            }
        };
        try (RecordingProxy refusing = new RecordingProxy(UNSIGNED.endpoint(), refuseConditionalWrites);
             S3DocumentStore store = store(refusing.baseUrl().toString(), null);
             S3Client unsignedReader = UNSIGNED.newClient()) {
            byte[] small = Documents.pdf("fallback");
            StoredDocument first = store.store(new DocumentKey("acme", "T-1", 1), new ByteArrayInputStream(small));
            StoredDocument inParts = store.store(new DocumentKey("acme", "T-2", 1), new GeneratedInputStream(6 * MIB, 2));
            StoredDocument again = store.store(new DocumentKey("acme", "T-1", 1), new ByteArrayInputStream(small));

            assertThat(first.newlyWritten()).isTrue();
            assertThat(inParts.newlyWritten()).isTrue();
            assertThat(again.newlyWritten()).isFalse();
            for (StoredDocument stored : List.of(first, inParts)) {
                assertThat(Documents.sha256(unsignedReader.getObject(get -> get.bucket(bucket).key(stored.objectKey())))).isEqualTo(stored.sha256());
            }
            List<RecordingProxy.Exchange> conditional = refusing.exchanges().stream()
                    .filter(exchange -> exchange.requestHeaders().containsKey("if-none-match")).toList();
            assertThat(conditional).as("detected once, on the first write").hasSize(1);
            List<RecordingProxy.Exchange> writes = refusing.exchanges().stream()
                    .filter(exchange -> "PUT".equals(exchange.method()) && exchange.rawQuery() == null && exchange.status() == 200).toList();
            assertThat(writes).as("the second store of T-1 found it with a HeadObject").hasSize(1);
            assertThat(output.getOut().lines().filter(line -> line.contains("refuses conditional writes"))).singleElement()
                    .satisfies(line -> assertThat(line).contains("WARN", refusing.baseUrl().toString(), "501 NotImplemented",
                            "two writers of one key", "same bytes"));
        }
    }

    private S3DocumentStore store(String endpoint, UploadMode mode) {
        DocumentProperties.S3 settings = new DocumentProperties.S3(null, java.net.URI.create(endpoint), true,
                DataSize.ofBytes(THRESHOLD), DataSize.ofBytes(THRESHOLD), mode);
        return new S3DocumentStore(S3DocumentStore.client(settings, ChildS3Server.credentials()),
                new DocumentLocation.S3(bucket, ""), settings, spool, meters);
    }
}
