package io.spotdraftsync.documents;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Documents as files under a directory, {@code {root}/{workspace}/{contract_id}/{version}-{sha256}.pdf}.
 *
 * <p>A file is copied to a temporary name in its final directory, flushed to disk, then given its final
 * name with a hard link, which fails when the name exists: so a reader never sees a partial file, and of
 * several concurrent writers of one key exactly one writes it and the others find it. (A plain rename would
 * silently replace the existing file on POSIX.) Where the file system has no hard links, an atomic move
 * after an existence check is the fallback, which can replace a file with the same bytes in a race.
 */
public final class DirectoryDocumentStore implements DocumentStore {

    private static final Logger log = LoggerFactory.getLogger(DirectoryDocumentStore.class);

    private final Path root;
    private final Path temporaryDirectory;
    private final DocumentMetrics metrics;

    public DirectoryDocumentStore(Path root, Path temporaryDirectory, MeterRegistry registry) {
        this.root = root.toAbsolutePath().normalize();
        this.temporaryDirectory = temporaryDirectory.toAbsolutePath().normalize();
        this.metrics = new DocumentMetrics(registry, "directory");
    }

    public DirectoryDocumentStore(Path root, Path temporaryDirectory) {
        this(root, temporaryDirectory, new SimpleMeterRegistry());
    }

    @Override
    public StoredDocument storeFile(DocumentKey key, TemporaryDocument file) throws IOException {
        String objectKey = key.objectKey(file.sha256());
        Path target = resolve(objectKey);
        StoredDocument stored;
        if (!Files.exists(target)) {
            stored = write(objectKey, target, file, false);
        } else if (Files.size(target) == file.bytes()) {
            stored = new StoredDocument(objectKey, file.sha256(), file.bytes(), false);
        } else {
            // a damaged copy (cut short, say): the key names the sha256 of the bytes in hand
            log.warn("{} holds {} bytes where contract {}'s document has {}: replacing it with the downloaded bytes, whose sha256 its key names",
                    target, Files.size(target), key.contractId(), file.bytes());
            stored = write(objectKey, target, file, true);
        }
        metrics.record(key, stored);
        log.debug("{} {} ({} bytes) in {}", stored.newlyWritten() ? "Stored" : "Already stored", objectKey, stored.bytes(), describe());
        return stored;
    }

    /** @param replace true to put the file in place of a damaged one (an atomic rename over it) */
    private StoredDocument write(String objectKey, Path target, TemporaryDocument file, boolean replace) throws IOException {
        Path directory = target.getParent();
        Files.createDirectories(directory);
        // a dot name in the final directory: same file system, so the link or move below is atomic
        Path partial = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.copy(file.path(), partial);
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);      // on disk before it has its name: a crash leaves no torn file
            }
            if (Files.size(partial) != file.bytes()) {
                throw new IOException("copied " + Files.size(partial) + " bytes of " + file.bytes() + " into " + partial);
            }
            boolean written = true;
            if (replace) {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } else {
                written = publish(partial, target);
            }
            return new StoredDocument(objectKey, file.sha256(), file.bytes(), written);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** @return false when another writer got there first */
    private static boolean publish(Path partial, Path target) throws IOException {
        try {
            Files.createLink(target, partial);
            return true;
        } catch (FileAlreadyExistsException alreadyThere) {
            return false;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            // e.g. EPERM on file systems without hard links; a real I/O fault fails the move below too
            if (Files.exists(target)) {
                return false;
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }

    @Override
    public java.io.InputStream open(String objectKey) throws IOException {
        return Files.newInputStream(resolve(objectKey));
    }

    @Override
    public void delete(String objectKey) throws IOException {
        Path file = resolve(objectKey);
        Files.deleteIfExists(file);
        try {
            // the contract's folder, when that was its only file
            Files.deleteIfExists(file.getParent());
        } catch (java.nio.file.DirectoryNotEmptyException others) {
            // other versions stay
        }
    }

    @Override
    public void check() throws IOException {
        try (TemporaryDocument probe = newTemporaryDocument()) {
            probe.path();
        }
        Files.createDirectories(root);
        Files.delete(Files.createTempFile(root, ".health-", ".tmp"));
    }

    @Override
    public TemporaryDocument newTemporaryDocument() throws IOException {
        return TemporaryDocument.create(temporaryDirectory);
    }

    @Override
    public boolean exists(String objectKey) {
        return Files.isRegularFile(resolve(objectKey));
    }

    @Override
    public OptionalLong storedBytes(String objectKey) throws IOException {
        Path file = resolve(objectKey);
        return Files.isRegularFile(file) ? OptionalLong.of(Files.size(file)) : OptionalLong.empty();
    }

    @Override
    public Optional<StoredDocument> find(DocumentKey key) throws IOException {
        Path directory = resolve(key.directory());
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, key.fileNamePrefix() + "*.pdf")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (key.sha256Of(name) != null && Files.isRegularFile(file)) {
                    names.add(name);
                }
            }
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        String name = names.first();
        return Optional.of(new StoredDocument(key.directory() + "/" + name, key.sha256Of(name),
                Files.size(directory.resolve(name)), false));
    }

    @Override
    public String describe() {
        return "file:" + root;
    }

    public Path root() {
        return root;
    }

    /** The file of a key; a key that would leave the root (from a tampered warehouse row, say) is refused. */
    private Path resolve(String objectKey) {
        Path path = root.resolve(objectKey).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("not a key inside " + describe() + ": " + objectKey);
        }
        return path;
    }
}
