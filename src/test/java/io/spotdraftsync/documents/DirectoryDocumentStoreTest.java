package io.spotdraftsync.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.spotdraftsync.testsupport.GeneratedInputStream;

class DirectoryDocumentStoreTest {

    private static final DocumentKey KEY = new DocumentKey("acme", "T-42", 7);

    @TempDir
    Path temp;

    private Path root;
    private Path spool;
    private SimpleMeterRegistry meters;
    private DirectoryDocumentStore store;

    @BeforeEach
    void createStore() {
        root = temp.resolve("documents");
        spool = temp.resolve("spool");
        meters = new SimpleMeterRegistry();
        store = new DirectoryDocumentStore(root, spool, meters);
    }

    @Test
    void theReadinessCheckCreatesTheRootLeavesNothingAndFailsWhereNoFileCanBeCreated() throws Exception {
        store.check();
        assertThat(root).isDirectory();
        assertThat(Documents.files(root)).isEmpty();
        assertThat(Documents.files(spool)).isEmpty();

        Files.delete(root);
        Files.writeString(root, "a file where the directory should be");
        assertThatIOException().isThrownBy(store::check);
        Files.delete(root);

        Files.delete(spool);
        Files.writeString(spool, "a file where the spool directory should be");
        assertThatIOException().isThrownBy(store::check);
    }

    @Test
    void aCopyOfTheWrongSizeIsReplacedAndAnIntactOneKept() throws Exception {
        byte[] content = Documents.pdf("the whole document");
        StoredDocument first = store.store(KEY, new ByteArrayInputStream(content));
        Path file = root.resolve(first.objectKey());
        assertThat(store.storedBytes(first.objectKey())).hasValue(content.length);
        assertThat(store.store(KEY, new ByteArrayInputStream(content)).newlyWritten()).isFalse();

        Files.write(file, java.util.Arrays.copyOf(content, 5));          // cut short
        assertThat(store.storedBytes(first.objectKey())).hasValue(5);
        StoredDocument repaired = store.store(KEY, new ByteArrayInputStream(content));

        assertThat(repaired.newlyWritten()).isTrue();
        assertThat(file).hasBinaryContent(content);
        assertThat(Documents.files(root)).containsExactly(first.objectKey());
        Files.delete(file);
        assertThat(store.storedBytes(first.objectKey())).isEmpty();
    }

    @Test
    void storesUnderWorkspaceContractAndVersionWithTheSha256() throws Exception {
        byte[] content = Documents.pdf("signed by both parties");
        String sha256 = Documents.sha256(content);

        StoredDocument stored = store.store(KEY, new ByteArrayInputStream(content));

        assertThat(stored).isEqualTo(new StoredDocument("acme/T-42/7-" + sha256 + ".pdf", sha256, content.length, true));
        assertThat(root.resolve(stored.objectKey())).hasBinaryContent(content);
        assertThat(Documents.files(root)).containsExactly("acme/T-42/7-" + sha256 + ".pdf");
        assertThat(store.exists(stored.objectKey())).isTrue();
        assertThat(store.exists("acme/T-42/7-" + "0".repeat(64) + ".pdf")).isFalse();
        assertThat(store.describe()).isEqualTo("file:" + root.toAbsolutePath());
        assertThat(Documents.files(spool)).isEmpty();
    }

    @Test
    void writesOnceAndKeepsTheExistingFile() throws Exception {
        byte[] content = Documents.pdf("version 7");
        StoredDocument first = store.store(KEY, new ByteArrayInputStream(content));
        Path file = root.resolve(first.objectKey());
        var modified = Files.getLastModifiedTime(file);
        var inode = Files.readAttributes(file, "unix:ino").get("ino");

        StoredDocument second = store.store(KEY, new ByteArrayInputStream(content));

        assertThat(second.newlyWritten()).isFalse();
        assertThat(second.objectKey()).isEqualTo(first.objectKey());
        assertThat(Files.readAttributes(file, "unix:ino").get("ino")).isEqualTo(inode);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
        assertThat(meters.get("sync.documents.stored").tag("outcome", "written").counter().count()).isEqualTo(1);
        assertThat(meters.get("sync.documents.stored").tag("outcome", "already_present").counter().count()).isEqualTo(1);
        assertThat(meters.get("sync.document.bytes").tag("store", "directory").counter().count()).isEqualTo(content.length);
    }

    @Test
    void concurrentWritersOfOneKeyLeaveOneIntactFile() throws Exception {
        int writers = 8;
        long size = 3L * 1024 * 1024;
        String expected = Documents.sha256(new GeneratedInputStream(size, 7));
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<StoredDocument>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Callable<StoredDocument> writer = () -> {
                    try (TemporaryDocument file = store.newTemporaryDocument()) {
                        file.write(new GeneratedInputStream(size, 7));
                        start.await(30, TimeUnit.SECONDS);      // all publish at once
                        return store.storeFile(KEY, file);
                    }
                };
                results.add(pool.submit(writer));
            }
            List<StoredDocument> stored = new ArrayList<>();
            for (Future<StoredDocument> result : results) {
                stored.add(result.get(60, TimeUnit.SECONDS));
            }

            assertThat(stored).filteredOn(StoredDocument::newlyWritten).hasSize(1);
            assertThat(stored).extracting(StoredDocument::objectKey).containsOnly(KEY.objectKey(expected));
            assertThat(Documents.files(root)).containsExactly(KEY.objectKey(expected));   // no temporary name left
            assertThat(Documents.sha256(Files.newInputStream(root.resolve(KEY.objectKey(expected))))).isEqualTo(expected);
            assertThat(Documents.files(spool)).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBrokenBodyLeavesNoFileAnywhere() {
        assertThatIOException().isThrownBy(() -> store.store(KEY, Documents.failingAfter(new byte[100_000])));

        assertThat(root).doesNotExist();
        assertThat(spool).isEmptyDirectory();
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFile() throws Exception {
        Files.createDirectories(root.resolve("acme"));
        Files.writeString(root.resolve("acme/T-42"), "a file where the contract's folder should be");

        assertThatIOException().isThrownBy(() -> store.store(KEY, new ByteArrayInputStream(Documents.pdf("x"))));

        assertThat(Documents.files(root)).containsExactly("acme/T-42");
        assertThat(spool).isEmptyDirectory();
    }

    @Test
    void findsAVersionWhateverItsSha256() throws Exception {
        assertThat(store.find(KEY)).isEmpty();
        StoredDocument stored = store.store(KEY, new ByteArrayInputStream(Documents.pdf("v7")));
        store.store(new DocumentKey("acme", "T-42", 70), new ByteArrayInputStream(Documents.pdf("v70")));

        assertThat(store.find(KEY)).contains(new StoredDocument(stored.objectKey(), stored.sha256(), stored.bytes(), false));
        assertThat(store.find(new DocumentKey("acme", "T-42", 8))).isEmpty();
        assertThat(store.find(new DocumentKey("acme", "T-43", 7))).isEmpty();
    }

    @Test
    void aKeyOutsideTheRootIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> store.exists("../outside.pdf"));
        assertThatIllegalArgumentException().isThrownBy(() -> store.exists("acme/../../outside.pdf"));
    }
}
