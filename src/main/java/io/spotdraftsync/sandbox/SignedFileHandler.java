package io.spotdraftsync.sandbox;

import java.io.IOException;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Serves the URLs made by {@code download_link} ({@code GET /_sandbox/files/{composite_id}/{version_id}}), the
 * way a storage bucket would: no credentials, no rate limit, no injected faults, 403 once expired or when the
 * signature does not match. A version stays downloadable after a newer upload, as a stored object would.
 */
final class SignedFileHandler implements HttpHandler {

    static final String STATS_KEY = "GET " + SignedUrls.PATH_PREFIX + "{composite_id}/{version_id}";

    private final ContractStore store;
    private final SignedUrls signedUrls;
    private final SandboxClock clock;
    private final TrafficStats stats;
    private final ResponseWriter writer;

    SignedFileHandler(ContractStore store, SignedUrls signedUrls, SandboxClock clock, TrafficStats stats,
            ResponseWriter writer) {
        this.store = store;
        this.signedUrls = signedUrls;
        this.clock = clock;
        this.stats = stats;
        this.writer = writer;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        stats.endpoint(STATS_KEY);
        writer.send(exchange, respond(exchange));
    }

    private ApiResponse respond(HttpExchange exchange) {
        if (!exchange.getRequestMethod().equals("GET")) {
            return ApiResponse.error(405, "SD_SANDBOX_METHOD_NOT_ALLOWED", "Only GET is allowed").withHeader("Allow", "GET");
        }
        String[] parts = exchange.getRequestURI().getRawPath().substring(SignedUrls.PATH_PREFIX.length()).split("/");
        Optional<ContractId> contract = parts.length == 2 ? ContractId.parse(parts[0]) : Optional.empty();
        if (contract.isEmpty() || !parts[1].matches("[0-9]{1,18}")) {
            return ApiResponse.error(404, "SD_SANDBOX_NOT_FOUND", "No such file");
        }
        long versionId = Long.parseLong(parts[1]);
        QueryParameters query = QueryParameters.parse(exchange.getRequestURI().getRawQuery());
        Optional<String> refusal = signedUrls.refusal(contract.get(), versionId, query.first("expires").orElse(null),
                query.first("signature").orElse(null), clock.now());
        if (refusal.isPresent()) {
            return ApiResponse.error(403, "SD_SANDBOX_ACCESS_DENIED", refusal.get());
        }
        return store.document(contract.get(), versionId)
                .map(ApiResponse::document)
                .orElseGet(() -> ApiResponse.error(404, "SD_SANDBOX_NOT_FOUND", "No such file"));
    }
}
