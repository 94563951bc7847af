package io.spotdraftsync.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from the sandbox seed, so that one contract's values do not
 * depend on how many random numbers another contract consumed.
 */
final class Seeds {

    private Seeds() {
    }

    /** A random stream for one purpose (e.g. "contract") and one key within it (e.g. its index). */
    static SplittableRandom stream(long seed, String purpose, String key) {
        return new SplittableRandom(derive(seed, purpose, key));
    }

    static long derive(long seed, String purpose, String key) {
        return mix(mix(seed ^ fnv1a(purpose)) ^ fnv1a(key));
    }

    /** The 64-bit finalizer of MurmurHash3: small input differences spread over every output bit. */
    static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
