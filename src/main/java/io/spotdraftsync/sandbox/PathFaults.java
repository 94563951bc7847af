package io.spotdraftsync.sandbox;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Faults that persist, unlike the random ones of {@link FaultSettings}: every {@code /api/} request to a given path
 * gets a given status until the fault is cleared (one contract whose key pointers always answer 500, whatever the
 * retries). Checked after authentication and the rate limit, like SpotDraft's own server errors.
 */
final class PathFaults {

    private final Map<String, Integer> statusByPath = new ConcurrentHashMap<>();

    /** @param path the raw request path, as the client sends it ({@code /api/v2.1/public/contracts/T-12/key_pointers}) */
    void fail(String path, int status) {
        if (!path.startsWith("/api/")) {
            throw new IllegalArgumentException("A persistent fault is for a path under /api/, not " + path);
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("A persistent fault answers a 4xx or 5xx status, not " + status);
        }
        statusByPath.put(path, status);
    }

    void clear() {
        statusByPath.clear();
    }

    OptionalInt status(String rawPath) {
        Integer status = statusByPath.get(rawPath);
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
