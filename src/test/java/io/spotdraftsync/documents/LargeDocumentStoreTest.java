package io.spotdraftsync.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.spotdraftsync.testsupport.GeneratedInputStream;
import io.spotdraftsync.testsupport.S3MockServer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A 1 GiB document stored to S3Mock from a JVM with a 256 MiB heap: the store must stream, never hold a
 * document whole. Slow (a minute or more, gigabytes of disk), so only with {@code -DlargeTests=true}; the
 * child's {@code RESULT} line (throughput, peak heap) is in {@code target/large-document-upload.log}. A benchmark
 * may change the heap with {@code -DlargeTests.heap=64m}.
 */
@Tag("large")
@EnabledIfSystemProperty(named = "largeTests", matches = "true")
class LargeDocumentStoreTest {

    private static final long SIZE = 1024L * 1024 * 1024;
    private static final long SEED = 20240601;

    @RegisterExtension
    static final S3MockServer S3 = new S3MockServer();

    @TempDir
    Path spool;

    @Test
    void aGibibyteDocumentStoresUnderA256MegabyteHeap() throws Exception {
        S3.createBucket("large");
        String expected = Documents.sha256(new GeneratedInputStream(SIZE, SEED));
        Path log = Path.of("target", "large-document-upload.log").toAbsolutePath();

        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + System.getProperty("largeTests.heap", "256m"), "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"),
                LargeDocumentUpload.class.getName(),
                S3.endpoint().toString(), "large", String.valueOf(SIZE), String.valueOf(SEED), spool.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = child.waitFor(15, TimeUnit.MINUTES);
        if (!finished) {
            child.destroyForcibly();
        }

        String output = Files.readString(log);
        assertThat(finished).as("finished in time").isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        String result = output.lines().filter(line -> line.startsWith("RESULT ")).findFirst().orElseThrow();
        System.out.println(result);
        String key = "large/bench/T-1/1-" + expected + ".pdf";
        assertThat(result).contains("key=" + key, "sha256=" + expected, "bytes=" + SIZE, "newlyWritten=true");
        try (S3Client client = S3.newClient()) {
            assertThat(client.headObject(head -> head.bucket("large").key(key)).contentLength()).isEqualTo(SIZE);
            assertThat(Documents.sha256(client.getObject(get -> get.bucket("large").key(key)))).isEqualTo(expected);
        }
        assertThat(Documents.files(spool)).isEmpty();
    }
}
