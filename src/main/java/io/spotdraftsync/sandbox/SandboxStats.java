package io.spotdraftsync.sandbox;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the sandbox observed since start or the last reset.
 *
 * @param requestsServed {@code /api/} requests received, refused ones included
 * @param maxRequestsInAnyOneSecondWindow the highest number of {@code /api/} arrivals (accepted or refused)
 *        within the 1000 ms up to and including any one arrival
 * @param tooManyRequestsSent 429 answers, from the rate limit and from injected bursts
 * @param faultsInjected injected server errors, 429 bursts, dropped connections and truncated bodies
 * @param webhooksSent webhook deliveries that reached the receiver (whatever it answered)
 * @param webhooksFailed webhook deliveries that got no answer (refused connection, timeout)
 * @param webhooksDropped webhook deliveries not attempted on purpose (delivery disabled, or lost)
 * @param requestsByEndpoint counts per {@code "METHOD /path/template"}, e.g.
 *        {@code "GET /api/v2.1/public/contracts/"}; signed file downloads count here too
 */
public record SandboxStats(
        long requestsServed,
        long maxRequestsInAnyOneSecondWindow,
        long tooManyRequestsSent,
        long faultsInjected,
        long webhooksSent,
        long webhooksFailed,
        long webhooksDropped,
        Map<String, Long> requestsByEndpoint) {

    public SandboxStats {
        requestsByEndpoint = Collections.unmodifiableMap(new TreeMap<>(requestsByEndpoint));
    }

    /** Requests counted for one endpoint key, 0 when none. */
    public long requests(String endpointKey) {
        return requestsByEndpoint.getOrDefault(endpointKey, 0L);
    }
}
