package io.spotdraftsync.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Helpers shared by the document tests. */
final class Documents {

    private Documents() {
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(TemporaryDocument.sha256Digest().digest(content));
    }

    /** Streams {@code in} to its end (and closes it) and returns its sha256. */
    static String sha256(InputStream in) {
        MessageDigest digest = TemporaryDocument.sha256Digest();
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(OutputStreamSink.INSTANCE);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static byte[] pdf(String text) {
        return ("%PDF-1.7\n" + text + "\n%%EOF\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Delivers {@code content}, then fails as a dropped connection would. */
    static InputStream failingAfter(byte[] content) {
        return new java.io.SequenceInputStream(new ByteArrayInputStream(content), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset (test)");
            }
        });
    }

    /** Every file under {@code directory}, as relative paths. */
    static List<String> files(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).map(path -> directory.relativize(path).toString()).sorted().toList();
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
