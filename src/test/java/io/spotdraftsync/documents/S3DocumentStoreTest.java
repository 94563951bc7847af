package io.spotdraftsync.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
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

import io.spotdraftsync.testsupport.GeneratedInputStream;
import io.spotdraftsync.testsupport.RecordingProxy;
import io.spotdraftsync.testsupport.S3MockServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Against Adobe S3Mock, a real S3 implementation, in its own process on loopback. */
@ExtendWith(OutputCaptureExtension.class)
class S3DocumentStoreTest {

    private static final long MIB = 1024 * 1024;
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @RegisterExtension
    static final S3MockServer S3 = new S3MockServer();

    @TempDir
    Path spool;

    private String bucket;
    private S3Client client;
    private SimpleMeterRegistry meters;
    private S3DocumentStore store;

    @BeforeEach
    void createStore() {
        bucket = "documents-" + BUCKETS.incrementAndGet();
        S3.createBucket(bucket);
        client = S3.newClient();
        meters = new SimpleMeterRegistry();
        // a small threshold and part, so that a 12 MiB document takes the multipart path in three parts
        DocumentProperties.S3 settings = new DocumentProperties.S3(null, S3.endpoint(), true, DataSize.ofMegabytes(5), DataSize.ofMegabytes(5), null);
        store = new S3DocumentStore(S3DocumentStore.client(settings, S3MockServer.credentials()),
                (DocumentLocation.S3) DocumentLocation.parse("s3://" + bucket + "/sync/documents"), settings, spool, meters);
    }

    @AfterEach
    void closeClients() {
        store.close();
        client.close();
    }

    @Test
    void theReadinessCheckIsAHeadBucketAndFailsForAMissingBucket() throws Exception {
        store.check();

        DocumentProperties.S3 settings = new DocumentProperties.S3(null, S3.endpoint(), true, DataSize.ofMegabytes(5), DataSize.ofMegabytes(5), null);
        try (S3DocumentStore missing = new S3DocumentStore(S3DocumentStore.client(settings, S3MockServer.credentials()),
                (DocumentLocation.S3) DocumentLocation.parse("s3://no-such-bucket-" + bucket), settings, spool, meters)) {
            assertThatIOException().isThrownBy(missing::check).withMessageContaining("HeadBucket of s3://no-such-bucket-" + bucket);
        }
    }

    @Test
    void aSmallDocumentIsOnePutUnderThePrefixedDeterministicKey() throws Exception {
        byte[] content = Documents.pdf("small");
        String sha256 = Documents.sha256(content);
        DocumentKey key = new DocumentKey("acme", "T-1", 11);

        StoredDocument stored = store.store(key, new ByteArrayInputStream(content));

        assertThat(stored).isEqualTo(new StoredDocument("sync/documents/acme/T-1/11-" + sha256 + ".pdf", sha256, content.length, true));
        HeadObjectResponse head = client.headObject(h -> h.bucket(bucket).key(stored.objectKey()));
        assertThat(head.contentLength()).isEqualTo(content.length);
        assertThat(head.contentType()).isEqualTo("application/pdf");
        assertThat(head.metadata()).containsEntry("sha256", sha256);
        assertThat(head.eTag()).doesNotContain("-");            // a single PUT, no multipart ETag
        assertThat(heldSha256(stored.objectKey())).isEqualTo(sha256);
        assertThat(store.exists(stored.objectKey())).isTrue();
        assertThat(store.describe()).isEqualTo("s3://" + bucket + "/sync/documents");
        assertThat(Documents.files(spool)).isEmpty();
    }

    @Test
    void aPutWithIfNoneMatchOnAnExistingKeyIs412AndCountsAsAlreadyStored() throws Exception {
        byte[] content = Documents.pdf("twice");
        DocumentKey key = new DocumentKey("acme", "T-2", 1);
        StoredDocument first = store.store(key, new ByteArrayInputStream(content));

        // the store's own PUT, as S3 sees it
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(S3Exception.class, () -> client.putObject(
                put -> put.bucket(bucket).key(first.objectKey()).ifNoneMatch("*"), RequestBody.fromString("other bytes"))))
                .extracting(S3Exception::statusCode).isEqualTo(412);

        StoredDocument second = store.store(key, new ByteArrayInputStream(content));

        assertThat(second).isEqualTo(new StoredDocument(first.objectKey(), first.sha256(), first.bytes(), false));
        assertThat(heldSha256(first.objectKey())).isEqualTo(first.sha256());
        assertThat(meters.get("sync.documents.stored").tag("store", "s3").tag("outcome", "written").counter().count()).isEqualTo(1);
        assertThat(meters.get("sync.documents.stored").tag("store", "s3").tag("outcome", "already_present").counter().count()).isEqualTo(1);
        assertThat(meters.get("sync.document.bytes").tag("store", "s3").counter().count()).isEqualTo(content.length);
        assertThat(Documents.files(spool)).isEmpty();
    }

    @Test
    void aDocumentAboveTheThresholdGoesUpInParts() throws Exception {
        long size = 12 * MIB;
        String sha256 = Documents.sha256(new GeneratedInputStream(size, 12));
        DocumentKey key = new DocumentKey("acme", "T-3", 5);

        StoredDocument stored = store.store(key, new GeneratedInputStream(size, 12));

        assertThat(stored).isEqualTo(new StoredDocument(prefixed(key.objectKey(sha256)), sha256, size, true));
        HeadObjectResponse head = client.headObject(h -> h.bucket(bucket).key(stored.objectKey()));
        assertThat(head.contentLength()).isEqualTo(size);
        assertThat(head.eTag()).endsWith("-3\"");               // 5 + 5 + 2 MiB
        assertThat(heldSha256(stored.objectKey())).isEqualTo(sha256);
        assertThat(client.listMultipartUploads(list -> list.bucket(bucket)).uploads()).isEmpty();
        assertThat(Documents.files(spool)).isEmpty();

        StoredDocument again = store.store(key, new GeneratedInputStream(size, 12));
        assertThat(again.newlyWritten()).isFalse();
    }

    @Test
    void aCompletionWithIfNoneMatchOnAnExistingKeyIsAlreadyStoredAndAbortsTheUpload() throws Exception {
        long size = 6 * MIB;
        DocumentKey key = new DocumentKey("acme", "T-4", 2);
        try (TemporaryDocument file = store.newTemporaryDocument()) {
            file.write(new GeneratedInputStream(size, 4));
            StoredDocument first = store.storeFile(key, file);
            assertThat(first.newlyWritten()).isTrue();

            // past the existence check, as a racing pod would be
            assertThat(store.multipartUpload(first.objectKey(), file, true)).isNull();

            assertThat(client.listMultipartUploads(list -> list.bucket(bucket)).uploads()).isEmpty();
            // Not checked here: that the stored object is intact after the abort. S3Mock (5.0.0 and its main branch)
            // unlinks the key on AbortMultipartUpload (MultipartService.abortMultipartUpload calls removeFromBucket),
            // so the object the 412 protected is gone from S3Mock afterwards; real S3 never touches it.
        }
    }

    @Test
    void findsAVersionWhateverItsSha256() throws Exception {
        DocumentKey key = new DocumentKey("acme", "T-5", 3);
        assertThat(store.find(key)).isEmpty();
        StoredDocument stored = store.store(key, new ByteArrayInputStream(Documents.pdf("v3")));
        store.store(new DocumentKey("acme", "T-5", 33), new ByteArrayInputStream(Documents.pdf("v33")));

        assertThat(store.find(key)).contains(new StoredDocument(stored.objectKey(), stored.sha256(), stored.bytes(), false));
        assertThat(store.find(new DocumentKey("acme", "T-5", 4))).isEmpty();
        assertThat(store.exists(prefixed(new DocumentKey("acme", "T-5", 4).objectKey("0".repeat(64))))).isFalse();
    }

    @Test
    void aBrokenBodyUploadsNothingAndLeavesNoTemporaryFile() throws Exception {
        assertThatIOException().isThrownBy(() -> store.store(new DocumentKey("acme", "T-6", 1), Documents.failingAfter(new byte[200_000])));

        assertThat(client.listObjectsV2(list -> list.bucket(bucket)).contents()).isEmpty();
        assertThat(Documents.files(spool)).isEmpty();
    }

    @Test
    void aMissingBucketIsAnIoErrorAndLeavesNoTemporaryFile() throws Exception {
        DocumentProperties.S3 settings = new DocumentProperties.S3(null, S3.endpoint(), true, DataSize.ofMegabytes(5), DataSize.ofMegabytes(5), null);
        try (S3DocumentStore nowhere = new S3DocumentStore(S3DocumentStore.client(settings, S3MockServer.credentials()),
                new DocumentLocation.S3("no-such-bucket", ""), settings, spool, meters)) {
            assertThatIOException().isThrownBy(() -> nowhere.store(new DocumentKey("acme", "T-7", 1), new GeneratedInputStream(7 * MIB, 1)))
                    .withMessageContaining("s3://no-such-bucket/acme/T-7/1-");
            assertThatIOException().isThrownBy(() -> nowhere.store(new DocumentKey("acme", "T-7", 1), new ByteArrayInputStream(Documents.pdf("x"))));
        }
        assertThat(Documents.files(spool)).isEmpty();
    }

    @Test
    void withOnlyTheEndpointSetDocumentsLandByteForByteAsContentLengthBodiesWithoutAwsChunkedFramingOrChecksums() throws Exception {
        try (RecordingProxy proxy = new RecordingProxy(S3.endpoint());
             S3DocumentStore viaProxy = storeAt(proxy.baseUrl(), null)) {
            ByteForByte.Tally tally = ByteForByte.storeAndReadBack("S3Mock 5.0.0", viaProxy, client, 5 * MIB,
                    1, 3_000, 700_000, 4 * MIB, 5 * MIB, 12 * MIB + 17);

            assertThat(tally).isEqualTo(new ByteForByte.Tally("S3Mock 5.0.0", 4, 4, 2, 2));
            List<RecordingProxy.Exchange> uploads = proxy.exchanges().stream().filter(exchange -> "PUT".equals(exchange.method())).toList();
            assertThat(uploads).hasSize(4 + 1 + 3);             // four PutObject, then one part and three parts
            for (RecordingProxy.Exchange upload : uploads) {
                Map<String, List<String>> headers = upload.requestHeaders();
                assertThat(headers.get("content-length")).containsExactly(String.valueOf(upload.requestBody().length));
                assertThat(headers).doesNotContainKeys("content-encoding", "transfer-encoding", "x-amz-decoded-content-length",
                        "x-amz-trailer", "x-amz-sdk-checksum-algorithm", "x-amz-checksum-sha256", "x-amz-checksum-crc32");
                // over plain HTTP the payload's hash, signed whole
                assertThat(headers.get("x-amz-content-sha256")).containsExactly(Documents.sha256(upload.requestBody()));
            }
        }
    }

    @Test
    void onAwsEachUploadCarriesTheDocumentsSha256AndPartsCarryTheirs() throws Exception {
        try (RecordingProxy proxy = new RecordingProxy(S3.endpoint());
             S3DocumentStore viaProxy = storeAt(proxy.baseUrl(), DocumentProperties.UploadMode.AWS)) {
            byte[] small = Documents.pdf("aws");
            StoredDocument single = viaProxy.store(new DocumentKey("acme", "T-1", 1), new ByteArrayInputStream(small));
            StoredDocument inParts = viaProxy.store(new DocumentKey("acme", "T-2", 1), new GeneratedInputStream(6 * MIB, 6));

            List<RecordingProxy.Exchange> uploads = proxy.exchanges().stream().filter(exchange -> "PUT".equals(exchange.method())).toList();
            assertThat(uploads).hasSize(3);
            assertThat(uploads.get(0).requestHeaders().get("x-amz-checksum-sha256"))
                    .containsExactly(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(single.sha256())));
            for (RecordingProxy.Exchange part : uploads.subList(1, 3)) {
                assertThat(part.rawQuery()).contains("partNumber");
                assertThat(part.requestHeaders().get("x-amz-sdk-checksum-algorithm")).containsExactly("SHA256");
            }
            assertThat(heldSha256(single.objectKey())).isEqualTo(single.sha256());
            assertThat(heldSha256(inParts.objectKey())).isEqualTo(inParts.sha256());
            // what the check after the upload compared: S3's own SHA-256 of the object
            assertThat(client.headObject(head -> head.bucket(bucket).key(single.objectKey()).checksumMode(ChecksumMode.ENABLED)).checksumSHA256())
                    .isEqualTo(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(single.sha256())));
            System.out.println("S3Mock's checksum of the multipart object: "
                    + client.headObject(head -> head.bucket(bucket).key(inParts.objectKey()).checksumMode(ChecksumMode.ENABLED)).checksumSHA256());
        }
    }

    @Test
    void aCopyOfTheWrongSizeIsReplacedByTheDownloadedBytes(CapturedOutput output) throws Exception {
        byte[] content = Documents.pdf("whole");
        DocumentKey key = new DocumentKey("acme", "T-3", 4);
        String objectKey = prefixed(key.objectKey(Documents.sha256(content)));
        // what a store that kept aws-chunked framing leaves behind
        client.putObject(put -> put.bucket(bucket).key(objectKey),
                RequestBody.fromString("2a;chunk-signature=0\r\n" + new String(content, StandardCharsets.US_ASCII)));
        assertThat(store.storedBytes(objectKey)).hasValue(content.length + 22L);

        StoredDocument stored = store.store(key, new ByteArrayInputStream(content));

        assertThat(stored.newlyWritten()).isTrue();
        assertThat(store.storedBytes(objectKey)).hasValue(content.length);
        assertThat(heldSha256(objectKey)).isEqualTo(stored.sha256());
        assertThat(output.getOut()).contains("holds " + (content.length + 22) + " bytes where contract T-3's document has "
                + content.length + ": replacing it with the downloaded bytes");
        assertThat(store.storedBytes(prefixed(new DocumentKey("acme", "T-3", 5).objectKey(stored.sha256())))).isEmpty();
    }

    private S3DocumentStore storeAt(java.net.URI endpoint, DocumentProperties.UploadMode mode) {
        DocumentProperties.S3 settings = new DocumentProperties.S3(null, endpoint, true, DataSize.ofMegabytes(5), DataSize.ofMegabytes(5), mode);
        return new S3DocumentStore(S3DocumentStore.client(settings, S3MockServer.credentials()),
                new DocumentLocation.S3(bucket, ""), settings, spool, meters);
    }

    private String heldSha256(String objectKey) {
        return Documents.sha256(client.getObject(get -> get.bucket(bucket).key(objectKey)));
    }

    private static String prefixed(String key) {
        return "sync/documents/" + key;
    }
}
