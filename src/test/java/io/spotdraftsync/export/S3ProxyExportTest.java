package io.spotdraftsync.export;

import static io.spotdraftsync.export.ExportEndToEndTest.count;
import static io.spotdraftsync.export.ExportEndToEndTest.readOnly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.spotdraftsync.jobs.Failures;
import io.spotdraftsync.reconcile.Finding;
import io.spotdraftsync.reconcile.ReconcileRunner;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.ChildS3Server;
import io.spotdraftsync.testsupport.ExportHarness;
import io.spotdraftsync.testsupport.RecordingProxy;
import io.spotdraftsync.testsupport.S3ProxyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The export job into S3Proxy 2.6.0 (filesystem backend, plain HTTP, signatures checked), a second S3 implementation
 * beside S3Mock, set up as a new user would: endpoint, path style and credentials only. Documents up to 12 MiB, so
 * that some go up in parts (5 MB threshold); and {@code reconcile --verify-documents} against it.
 */
class S3ProxyExportTest {

    private static final long MULTIPART_THRESHOLD = 5L * 1024 * 1024;
    private static final S3ProxyServer S3PROXY = new S3ProxyServer();
    private static final S3ProxyServer UNSIGNED = S3ProxyServer.withoutSignatureChecks();

    @BeforeAll
    static void startStores() {
        S3PROXY.start();
        UNSIGNED.start();
        System.setProperty("aws.accessKeyId", ChildS3Server.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", ChildS3Server.SECRET_KEY);
    }

    @AfterAll
    static void stopStores() {
        S3PROXY.close();
        UNSIGNED.close();
    }

    private static SpotDraftSandbox sandbox() {
        return SpotDraftSandbox.start(SandboxSettings.builder().contracts(30).seed(14).requestsPerSecond(0)
                .documentMinBytes(2_048).documentMaxBytes(12L * 1024 * 1024).build());
    }

    private static ExportHarness into(SpotDraftSandbox sandbox, Path work, java.net.URI endpoint, String bucket) {
        return ExportHarness.against(sandbox, work)
                .with("sync.documents.location", "s3://" + bucket + "/contracts")
                .with("sync.documents.s3.endpoint", endpoint)
                .with("sync.documents.s3.path-style", true)
                .with("sync.documents.s3.multipart-threshold", "5MB")
                .with("sync.documents.s3.part-size", "5MB");
    }

    @Test
    void everyDocumentLandsByteForByteAndASecondFullExportChangesNoObject(@TempDir Path work) throws Exception {
        S3PROXY.createBucket("exported");
        try (SpotDraftSandbox sandbox = sandbox(); S3Client s3 = S3PROXY.newClient()) {
            ExportHarness export = into(sandbox, work, S3PROXY.endpoint(), "exported");

            ExportRunner.Outcome first = export.run(true);

            assertThat(first.completed()).as(failure(first)).isTrue();
            assertThat(first.summary().documentsWritten()).isEqualTo(30);
            int singlePart = 0;
            int singlePartExact = 0;
            int multipart = 0;
            int multipartExact = 0;
            try (Connection warehouse = readOnly(work); Statement statement = warehouse.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT document_key, document_sha256, document_bytes FROM contracts")) {
                while (rows.next()) {
                    String key = rows.getString(1);
                    boolean exact = rows.getString(2).equals(sha256(s3.getObject(get -> get.bucket("exported").key(key))));
                    if (rows.getLong(3) >= MULTIPART_THRESHOLD) {
                        multipart++;
                        multipartExact += exact ? 1 : 0;
                    } else {
                        singlePart++;
                        singlePartExact += exact ? 1 : 0;
                    }
                }
            }
            System.out.printf("S3Proxy 2.6.0, export: %d of %d documents byte for byte (single-part %d of %d, multipart %d of %d)%n",
                    singlePartExact + multipartExact, singlePart + multipart, singlePartExact, singlePart, multipartExact, multipart);
            assertThat(singlePart + multipart).isEqualTo(30);
            assertThat(multipart).as("documents that went up in parts").isGreaterThanOrEqualTo(2);
            assertThat(singlePartExact).isEqualTo(singlePart);
            assertThat(multipartExact).isEqualTo(multipart);
            Map<String, S3Object> before = objects(s3, "exported");

            ExportRunner.Outcome second = export.run(true);

            assertThat(second.completed()).isTrue();
            assertThat(second.summary().contractsRead()).isEqualTo(30);
            assertThat(second.summary().documentsWritten()).isZero();
            assertThat(objects(s3, "exported")).as("every object as it was: key, size, ETag, last modified").isEqualTo(before);

            // one object altered behind the engine's back (a byte more), one deleted: reconcile --verify-documents
            List<String> keys = before.keySet().stream().filter(key -> key.endsWith(".pdf")).sorted().limit(2).toList();
            byte[] altered = s3.getObjectAsBytes(get -> get.bucket("exported").key(keys.get(0))).asByteArrayUnsafe();
            s3.putObject(put -> put.bucket("exported").key(keys.get(0)), RequestBody.fromBytes(Arrays.copyOf(altered, altered.length + 1)));
            s3.deleteObject(delete -> delete.bucket("exported").key(keys.get(1)));
            ReconcileRunner.Outcome verified;
            try (ConfigurableApplicationContext context = export.start()) {
                verified = context.getBean(ReconcileRunner.class).run(null, false, false, true, "test");
            }

            assertThat(verified.completed()).isTrue();
            assertThat(verified.summary().findings()).containsExactly(Map.entry(Finding.DOCUMENT_MISMATCH, 2));
            for (String key : keys) {
                assertThat(sha256(s3.getObject(get -> get.bucket("exported").key(key)))).as(key).isEqualTo(before.get(key).key()
                        .replaceAll("^.*/\\d+-|\\.pdf$", ""));
            }
        }
    }

    @Test
    void aStoreThatAltersTheBytesFailsTheRunWithAnErrorNamingTheContractTheEndpointAndTheSetting(@TempDir Path work) throws Exception {
        UNSIGNED.createBucket("altered");
        RecordingProxy.Tamper appendOneByte = new RecordingProxy.Tamper() {
            @Override
            public byte[] forwardedBody(String method, String rawQuery, byte[] body) {
                boolean upload = "PUT".equals(method) && (rawQuery == null || rawQuery.contains("partNumber"));
                return upload ? Arrays.copyOf(body, body.length + 1) : body;
            }
        };
        try (SpotDraftSandbox sandbox = sandbox(); RecordingProxy altering = new RecordingProxy(UNSIGNED.endpoint(), appendOneByte)) {
            ExportRunner.Outcome run = into(sandbox, work, altering.baseUrl(), "altered").run(true);

            assertThat(run.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
            String message = failure(run);
            System.out.println("The run failed with: " + message);
            assertThat(message).containsPattern("does not hold contract [TH]-\\d+'s document")
                    .contains("at " + altering.baseUrl(), "were sent", "sync.documents.s3.upload-mode", "sync.documents.s3.endpoint");
            assertThat(count(work, "SELECT count(*) FROM contracts")).as("no document recorded as stored").isZero();
            // the contracts of the chunk still in flight when it failed finish their upload and its check in the background
            try (S3Client s3 = UNSIGNED.newClient()) {
                await("no altered copy left for a later run to find").atMost(Duration.ofSeconds(60))
                        .until(() -> objects(s3, "altered").keySet().stream().noneMatch(key -> key.endsWith(".pdf")));
            }
            assertThat(count(work, "SELECT count(*) FROM sync_runs WHERE outcome = 'FAILED' AND message LIKE '%does not hold contract%'"))
                    .isEqualTo(1);
        }
    }

    private static String failure(ExportRunner.Outcome outcome) {
        return outcome.execution().getAllFailureExceptions().stream().findFirst().map(Failures::rootMessage).orElse("no failure");
    }

    private static Map<String, S3Object> objects(S3Client s3, String bucket) {
        return s3.listObjectsV2Paginator(list -> list.bucket(bucket)).contents().stream()
                .collect(Collectors.toMap(S3Object::key, Function.identity()));
    }

    private static String sha256(InputStream in) throws IOException, java.security.NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
