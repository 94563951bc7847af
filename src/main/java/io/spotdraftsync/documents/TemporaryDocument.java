package io.spotdraftsync.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A document body spooled to a temporary file while its sha256 and size are computed. The object key holds
 * the sha256, which is known only once the last byte is read, and a body can be up to a gigabyte: so the
 * body goes to disk first, never into memory, and the store uploads the finished file.
 *
 * <p>{@link #read(InputStream, long)} has the shape of the SpotDraft client's {@code DocumentReader}, which
 * calls it once per download attempt with a fresh stream: every call starts again from an empty file, so a
 * retried download never appends to the bytes of a failed one. {@link #close()} deletes the file. Not
 * thread-safe: one download, then one store.
 */
public final class TemporaryDocument implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final Path path;
    private String sha256;
    private long bytes = -1;

    private TemporaryDocument(Path path) {
        this.path = path;
    }

    /** An empty temporary file in {@code directory} (created if missing), readable by its owner only where POSIX. */
    public static TemporaryDocument create(Path directory) throws IOException {
        Files.createDirectories(directory);
        return new TemporaryDocument(Files.createTempFile(directory, "document-", ".part"));
    }

    /** Same as {@link #read(InputStream, long)} with no declared length. */
    public TemporaryDocument write(InputStream body) throws IOException {
        return read(body, -1);
    }

    /**
     * Replaces the file's content with {@code body}, computing its sha256 and size. Does not close {@code body}.
     *
     * @param contentLength the declared length, or -1: a body that ends early or runs long is an
     *                      {@link IOException} (so a retrying caller tries again) rather than a short document
     * @return this, for {@code client.download(id, temporary::read)}
     */
    public TemporaryDocument read(InputStream body, long contentLength) throws IOException {
        sha256 = null;
        bytes = -1;
        MessageDigest digest = sha256Digest();
        long total = 0;
        // TRUNCATE_EXISTING: an attempt after a failed one starts from nothing
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
             OutputStream out = Channels.newOutputStream(channel)) {
            byte[] buffer = new byte[BUFFER];
            for (int read; (read = body.read(buffer)) != -1; ) {
                digest.update(buffer, 0, read);
                out.write(buffer, 0, read);
                total += read;
            }
            channel.force(false);
        }
        if (contentLength >= 0 && total != contentLength) {
            throw new IOException("document body has " + total + " bytes where " + contentLength + " were declared");
        }
        bytes = total;
        sha256 = DocumentKey.hex(digest.digest());
        return this;
    }

    /** True once a {@link #read} went to the end of its body. */
    public boolean isComplete() {
        return sha256 != null;
    }

    /** Lower-case hex sha256 of the last complete body. */
    public String sha256() {
        requireComplete();
        return sha256;
    }

    /** Size of the last complete body. */
    public long bytes() {
        requireComplete();
        return bytes;
    }

    public Path path() {
        return path;
    }

    /** Reads the spooled content. */
    public InputStream open() throws IOException {
        requireComplete();
        return Files.newInputStream(path);
    }

    /** Deletes the file; safe to call more than once. */
    @Override
    public void close() throws IOException {
        sha256 = null;
        Files.deleteIfExists(path);
    }

    @Override
    public String toString() {
        return "TemporaryDocument[" + path + (isComplete() ? ", " + bytes + " bytes" : ", incomplete") + "]";
    }

    private void requireComplete() {
        if (sha256 == null) {
            throw new IllegalStateException("no complete document body was read into " + path);
        }
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
