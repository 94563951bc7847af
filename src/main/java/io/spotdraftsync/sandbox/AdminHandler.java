package io.spotdraftsync.sandbox;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The sandbox's own view under {@code /_sandbox/} (no credentials, no faults, no rate limit, not counted):
 * stats, a dump of every contract, and mutations on demand.
 */
final class AdminHandler implements HttpHandler {

    private final SpotDraftSandbox sandbox;
    private final ResponseWriter writer;
    private final ApiRouter router;

    AdminHandler(SpotDraftSandbox sandbox, ResponseWriter writer) {
        this.sandbox = sandbox;
        this.writer = writer;
        this.router = new ApiRouter()
                .add("GET", "/_sandbox/stats", request -> ApiResponse.ok(sandbox.stats()))
                .add("POST", "/_sandbox/stats/reset", this::resetStats)
                .add("GET", "/_sandbox/state", this::state)
                .add("POST", "/_sandbox/mutations", this::mutations);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        ApiRouter.Resolution resolution = router.resolve(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
        ApiResponse response;
        if (resolution instanceof ApiRouter.Found found) {
            try {
                response = found.route().handler().handle(new ApiRequest(exchange, found.parameters()));
            } catch (ApiException refused) {
                response = refused.toResponse();
            }
        } else {
            response = ApiResponse.error(404, "SD_SANDBOX_NOT_FOUND",
                    "Admin paths: GET /_sandbox/stats, POST /_sandbox/stats/reset, GET /_sandbox/state, "
                            + "POST /_sandbox/mutations?count=N");
        }
        writer.send(exchange, response);
    }

    private ApiResponse resetStats(ApiRequest request) {
        sandbox.resetStats();
        return ApiResponse.ok(sandbox.stats());
    }

    private ApiResponse state(ApiRequest request) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("contracts", sandbox.contracts().stream().map(ApiRepresentations::adminState).toList());
        return ApiResponse.ok(json);
    }

    private ApiResponse mutations(ApiRequest request) {
        int count = request.query().positiveInt("count", 1);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("touched", sandbox.mutate(count));
        return ApiResponse.ok(json);
    }
}
