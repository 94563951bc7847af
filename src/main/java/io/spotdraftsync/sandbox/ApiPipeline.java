package io.spotdraftsync.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Every {@code /api/} request goes through, in order: arrival recorded (before anything else, latency
 * included), credentials, rate limit, injected faults, routing (302 on a trailing-slash mismatch), handler.
 */
final class ApiPipeline implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiPipeline.class);

    private final ApiRouter router;
    private final byte[] clientId;
    private final byte[] clientSecret;
    private final RateLimiter rateLimiter;
    private final FaultInjector faults;
    private final TrafficStats stats;
    private final ResponseWriter writer;

    ApiPipeline(ApiRouter router, String clientId, String clientSecret, RateLimiter rateLimiter, FaultInjector faults,
            TrafficStats stats) {
        this.router = router;
        this.clientId = clientId.getBytes(StandardCharsets.UTF_8);
        this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.stats = stats;
        this.writer = new ResponseWriter(faults);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long arrival = System.nanoTime();
        String method = exchange.getRequestMethod();
        ApiRouter.Resolution resolution = router.resolve(method, exchange.getRequestURI().getRawPath());
        stats.apiArrival(arrival, resolution.statsKey(method));

        ApiResponse refusal = authenticationFailure(exchange);
        if (refusal != null) {
            writer.send(exchange, refusal);
            return;
        }
        OptionalLong wait = rateLimiter.tryAcquire(arrival);
        if (wait.isPresent()) {
            stats.tooManyRequests();
            long seconds = Math.max(1, (wait.getAsLong() + 999_999_999L) / 1_000_000_000L);
            writer.send(exchange, tooManyRequests().withHeader("Retry-After", Long.toString(seconds)));
            return;
        }
        java.util.OptionalInt persistent = faults.paths().status(exchange.getRequestURI().getRawPath());
        if (persistent.isPresent()) {
            stats.fault();
            writer.send(exchange, ApiResponse.error(persistent.getAsInt(), "SD_SANDBOX_SERVER_ERROR",
                    "Injected persistent fault on this path (sandbox fault injection)"));
            return;
        }
        FaultInjector.Plan plan = faults.plan();
        pause(plan.delay());
        if (plan.refused()) {
            stats.fault();
            if (plan.refusalStatus() == 429) {
                stats.tooManyRequests();
                writer.send(exchange, tooManyRequests().withHeader("Retry-After", "1"));
            } else {
                writer.send(exchange, ApiResponse.error(plan.refusalStatus(), "SD_SANDBOX_SERVER_ERROR",
                        "Injected server error (sandbox fault injection)"));
            }
            return;
        }
        ApiResponse response = respond(resolution, exchange);
        if (plan.damage() != FaultInjector.Damage.NONE) {
            stats.fault();
        }
        writer.send(exchange, response, plan.damage());
    }

    private ApiResponse respond(ApiRouter.Resolution resolution, HttpExchange exchange) {
        if (resolution instanceof ApiRouter.Found found) {
            try {
                return found.route().handler().handle(new ApiRequest(exchange, found.parameters()));
            } catch (ApiException refused) {
                return refused.toResponse();
            } catch (RuntimeException bug) {
                log.error("Sandbox handler for {} failed", found.route().template(), bug);
                return ApiResponse.error(500, "SD_SANDBOX_SERVER_ERROR", "Internal error in the sandbox");
            }
        }
        if (resolution instanceof ApiRouter.Redirect redirect) {
            String query = exchange.getRequestURI().getRawQuery();
            return ApiResponse.redirect(redirect.path() + (query == null ? "" : "?" + query));
        }
        if (resolution instanceof ApiRouter.MethodNotAllowed notAllowed) {
            return ApiResponse.error(405, "SD_SANDBOX_METHOD_NOT_ALLOWED",
                    "Method " + exchange.getRequestMethod() + " is not allowed here").withHeader("Allow", notAllowed.allowed());
        }
        return ApiResponse.error(404, "SD_SANDBOX_NOT_FOUND", "Not found");
    }

    /** Null when both headers match, in constant time; the presented values are never logged. */
    private ApiResponse authenticationFailure(HttpExchange exchange) {
        String presentedId = exchange.getRequestHeaders().getFirst("client-id");
        String presentedSecret = exchange.getRequestHeaders().getFirst("client-secret");
        if (presentedId == null || presentedSecret == null) {
            return ApiResponse.error(401, "SD_SANDBOX_NOT_AUTHENTICATED", "Authentication credentials were not provided.");
        }
        boolean idMatches = MessageDigest.isEqual(clientId, presentedId.getBytes(StandardCharsets.UTF_8));
        boolean secretMatches = MessageDigest.isEqual(clientSecret, presentedSecret.getBytes(StandardCharsets.UTF_8));
        if (!(idMatches && secretMatches)) {
            return ApiResponse.error(401, "SD_SANDBOX_NOT_AUTHENTICATED", "Invalid client-id or client-secret.");
        }
        return null;
    }

    private static ApiResponse tooManyRequests() {
        return ApiResponse.error(429, "SD_SANDBOX_THROTTLED", "Request was throttled: too many requests per second.");
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
