package io.spotdraftsync.documents;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Path;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.util.unit.DataSize;

import io.spotdraftsync.testsupport.GeneratedInputStream;
import io.spotdraftsync.testsupport.S3MockServer;

/**
 * Stores one generated document of the given size with the default settings (16 MiB threshold and parts),
 * in its own JVM so that the caller can cap the heap ({@code -Xmx256m}). Prints one {@code RESULT} line;
 * exits 0 on success.
 *
 * <p>Arguments: endpoint, bucket, size in bytes, seed, temporary directory.
 */
public final class LargeDocumentUpload {

    private LargeDocumentUpload() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String bucket = args[1];
        long size = Long.parseLong(args[2]);
        long seed = Long.parseLong(args[3]);
        Path temporaryDirectory = Path.of(args[4]);

        DocumentProperties.S3 settings = new DocumentProperties.S3(null, endpoint, true, DataSize.ofMegabytes(16), DataSize.ofMegabytes(16), null);
        try (S3DocumentStore store = new S3DocumentStore(S3DocumentStore.client(settings, S3MockServer.credentials()),
                new DocumentLocation.S3(bucket, "large/"), settings, temporaryDirectory, new SimpleMeterRegistry())) {
            // the two halves of store(key, body), timed apart: spooling (generate, sha256, write) and uploading
            long started = System.nanoTime();
            StoredDocument stored;
            long spooled;
            try (TemporaryDocument file = store.newTemporaryDocument()) {
                file.write(new GeneratedInputStream(size, seed));
                spooled = System.nanoTime();
                stored = store.storeFile(new DocumentKey("bench", "T-1", 1), file);
            }
            long finished = System.nanoTime();
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).mapToLong(LargeDocumentUpload::peak).sum();
            System.out.printf("RESULT key=%s sha256=%s bytes=%d newlyWritten=%s totalMillis=%d totalMiBps=%.1f"
                            + " spoolMillis=%d spoolMiBps=%.1f uploadMillis=%d uploadMiBps=%.1f maxHeap=%d peakHeapPoolsSum=%d%n",
                    stored.objectKey(), stored.sha256(), stored.bytes(), stored.newlyWritten(),
                    (finished - started) / 1_000_000, rate(stored.bytes(), finished - started),
                    (spooled - started) / 1_000_000, rate(stored.bytes(), spooled - started),
                    (finished - spooled) / 1_000_000, rate(stored.bytes(), finished - spooled),
                    Runtime.getRuntime().maxMemory(), peakHeap);
        }
    }

    private static double rate(long bytes, long nanos) {
        return bytes / 1_048_576.0 / (nanos / 1e9);
    }

    private static long peak(MemoryPoolMXBean pool) {
        return pool.getPeakUsage() == null ? 0 : pool.getPeakUsage().getUsed();
    }
}
