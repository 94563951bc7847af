package io.spotdraftsync.sandbox;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Faults that persist, unlike the random ones of {@link FaultSettings}: every {@code /api/} request to a given path
 * gets a given status until the fault is cleared (one contract whose key pointers always answer 500, whatever the
 * retries), or only the next few requests to it do (a transient fault that a retry gets past). Checked after
 * authentication and the rate limit, like SpotDraft's own server errors.
 */
final class PathFaults {

    /** @param remaining requests still to fail; negative: all of them */
    private record Fault(int status, int remaining) {
    }

    private final Map<String, Fault> byPath = new ConcurrentHashMap<>();

    /** @param path the raw request path, as the client sends it ({@code /api/v2.1/public/contracts/T-12/key_pointers}) */
    void fail(String path, int status) {
        check(path, status);
        byPath.put(path, new Fault(status, -1));
    }

    /** The next {@code times} requests to {@code path} answer {@code status}; the ones after are served as usual. */
    void failTimes(String path, int status, int times) {
        check(path, status);
        if (times < 1) {
            throw new IllegalArgumentException("A transient fault fails at least one request, not " + times);
        }
        byPath.put(path, new Fault(status, times));
    }

    void clear() {
        byPath.clear();
    }

    OptionalInt status(String rawPath) {
        Fault[] hit = new Fault[1];
        byPath.computeIfPresent(rawPath, (path, fault) -> {
            hit[0] = fault;
            return fault.remaining() < 0 ? fault : fault.remaining() == 1 ? null : new Fault(fault.status(), fault.remaining() - 1);
        });
        return hit[0] == null ? OptionalInt.empty() : OptionalInt.of(hit[0].status());
    }

    private static void check(String path, int status) {
        if (!path.startsWith("/api/")) {
            throw new IllegalArgumentException("A path fault is for a path under /api/, not " + path);
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("A path fault answers a 4xx or 5xx status, not " + status);
        }
    }
}
