package io.spotdraftsync.testsupport;

import java.io.InputStream;

/**
 * A deterministic pseudo-random body of any length, generated as it is read (never held in memory): the
 * same seed and size always give the same bytes, so a test can compute the expected sha256 separately.
 */
public final class GeneratedInputStream extends InputStream {

    private final long size;
    private long position;
    private long state;
    private long word;

    public GeneratedInputStream(long size, long seed) {
        this.size = size;
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    @Override
    public int read() {
        if (position >= size) {
            return -1;
        }
        return next() & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        int count = (int) Math.min(length, size - position);
        for (int i = 0; i < count; i++) {
            buffer[offset + i] = (byte) next();
        }
        return count;
    }

    @Override
    public long skip(long n) {
        long skipped = 0;
        while (skipped < n && position < size) {
            next();
            skipped++;
        }
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, size - position);
    }

    private int next() {
        int shift = (int) (position & 7);
        if (shift == 0) {
            // xorshift64*: fast and good enough to defeat any compression or deduplication
            state ^= state >>> 12;
            state ^= state << 25;
            state ^= state >>> 27;
            word = state * 0x2545F4914F6CDD1DL;
        }
        position++;
        return (int) (word >>> (shift * 8));
    }
}
