package io.spotdraftsync.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One version of a contract's document: either generated (a PDF recomputed from the seed each time it is read,
 * never held in memory) or uploaded through the import endpoint (kept as given).
 */
public final class SandboxDocument {

    private final long versionId;
    private final String fileName;
    private final long sizeBytes;
    private final Content content;
    private volatile String sha256;

    private SandboxDocument(long versionId, String fileName, long sizeBytes, Content content) {
        this.versionId = versionId;
        this.fileName = Objects.requireNonNull(fileName);
        this.sizeBytes = sizeBytes;
        this.content = content;
    }

    static SandboxDocument generated(long seed, ContractId contractId, long versionId, String title, String fileName,
            long sizeBytes) {
        return new SandboxDocument(versionId, fileName, sizeBytes,
                new Generated(seed, contractId + " v" + versionId, title));
    }

    static SandboxDocument uploaded(long versionId, String fileName, byte[] bytes) {
        return new SandboxDocument(versionId, fileName, bytes.length, new Uploaded(bytes.clone()));
    }

    /** The {@code current_version_id} while this is the contract's latest version. */
    public long versionId() {
        return versionId;
    }

    public String fileName() {
        return fileName;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    /** Lowercase hex SHA-256 of the bytes, computed by streaming them once and then cached. */
    public String sha256() {
        String digest = sha256;
        if (digest == null) {
            digest = computeSha256();
            sha256 = digest;
        }
        return digest;
    }

    /** Streams the document's bytes. */
    public void writeTo(OutputStream out) throws IOException {
        content.writeTo(out, sizeBytes);
    }

    private String computeSha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                writeTo(out);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", impossible);
        } catch (IOException notExpectedInMemory) {
            throw new UncheckedIOException(notExpectedInMemory);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SandboxDocument that
                && versionId == that.versionId
                && sizeBytes == that.sizeBytes
                && fileName.equals(that.fileName)
                && content.equals(that.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(versionId, sizeBytes, fileName, content);
    }

    @Override
    public String toString() {
        return "SandboxDocument[version=" + versionId + ", size=" + sizeBytes + "]";
    }

    private interface Content {
        void writeTo(OutputStream out, long sizeBytes) throws IOException;
    }

    private record Generated(long seed, String documentKey, String title) implements Content {
        @Override
        public void writeTo(OutputStream out, long sizeBytes) throws IOException {
            PdfDocumentWriter.write(out, seed, documentKey, title, sizeBytes);
        }
    }

    private static final class Uploaded implements Content {
        private final byte[] bytes;

        Uploaded(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void writeTo(OutputStream out, long sizeBytes) throws IOException {
            out.write(bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Uploaded that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
