package io.spotdraftsync.documents;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * One multipart part, read from the spooled file at each request attempt. A provider (rather than one
 * stream) lets the SDK retry or re-read a part without buffering it in memory.
 */
final class FileSlice implements ContentStreamProvider, Closeable {

    private final Path file;
    private final long offset;
    private final long length;
    private InputStream current;

    FileSlice(Path file, long offset, long length) {
        this.file = file;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public InputStream newStream() {
        try {
            close();
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(offset);
            current = new Bounded(Channels.newInputStream(channel), length);
            return current;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot read part of " + file, failure);
        }
    }

    @Override
    public String name() {
        return "FileSlice";
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** At most {@code remaining} bytes of the underlying stream. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long remaining;

        Bounded(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = in.read(buffer, off, (int) Math.min(len, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
