package io.spotdraftsync.spotdraft;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Connection to one SpotDraft workspace: where it is, who we are, and how hard we may call it. The flat
 * {@code spotdraft.*} properties are the single-workspace shorthand; with {@code sync.workspaces.<name>.*} they only
 * hold what every workspace shares (timeouts, retries, page size, margin). Credentials and the endpoint are checked
 * by {@link io.spotdraftsync.workspace.Workspaces#configure}, which knows which of the two forms is in use.
 *
 * @param baseUrl           scheme, host and port of the API (paths start with {@code /api/}); wins over {@code region}
 * @param region            regional host ({@code in}, {@code us}, {@code me}, {@code eu}) when no base URL is given
 * @param clientId          the {@code client-id} header
 * @param clientSecret      the {@code client-secret} header; never logged
 * @param userEmail         optional {@code user-email} header, to act as an active workspace user
 * @param workspace         name of the workspace in tables, metrics and logs
 * @param requestsPerSecond the workspace's budget: never more requests than this in any one-second window
 * @param rateLimitMargin   added to the one-second window, to absorb timing jitter between us and SpotDraft
 * @param rateLimit         where the budget is kept: in this process, or in PostgreSQL for every process
 * @param connectTimeout    time to open a connection
 * @param readTimeout       longest silence while waiting for response bytes
 * @param maxConnections    connections kept open to the API host (the budget, not this, bounds the rate)
 * @param pageSize          list page size; SpotDraft allows at most 100
 * @param retry             retries of 429, 5xx, timeouts and dropped connections
 * @param allowInsecureHttp accept a plain {@code http://} base URL (and signed document URLs) to a host other than
 *                          loopback; refused at start otherwise, since the client secret would cross the network
 *                          unencrypted
 */
@ConfigurationProperties("spotdraft")
@Validated
public record SpotDraftProperties(
        URI baseUrl,
        SpotDraftRegion region,
        String clientId,
        String clientSecret,
        String userEmail,
        @DefaultValue("default") @NotBlank(message = "spotdraft.workspace must not be blank") String workspace,
        @DefaultValue("10") @Min(value = 1, message = "spotdraft.requests-per-second must be at least 1") int requestsPerSecond,
        @DefaultValue("25ms") @NotNull Duration rateLimitMargin,
        @DefaultValue @Valid @NotNull RateLimit rateLimit,
        @DefaultValue("10s") @NotNull Duration connectTimeout,
        @DefaultValue("60s") @NotNull Duration readTimeout,
        @DefaultValue("16") @Min(value = 1, message = "spotdraft.max-connections must be at least 1") int maxConnections,
        @DefaultValue("100") @Min(value = 1, message = "spotdraft.page-size must be between 1 and 100")
        @Max(value = 100, message = "spotdraft.page-size must be between 1 and 100") int pageSize,
        @DefaultValue @Valid @NotNull Retry retry,
        @DefaultValue("false") boolean allowInsecureHttp) {

    /**
     * @param maxAttempts     attempts of one call, the first included
     * @param initialBackoff  ceiling of the first random wait; doubles at each retry
     * @param maxBackoff      ceiling of any random wait
     * @param maxRetryAfter   the longest {@code Retry-After} we honour; a longer one fails the call
     */
    public record Retry(
            @DefaultValue("8") @Min(value = 1, message = "spotdraft.retry.max-attempts must be at least 1") int maxAttempts,
            @DefaultValue("500ms") @NotNull Duration initialBackoff,
            @DefaultValue("30s") @NotNull Duration maxBackoff,
            @DefaultValue("120s") @NotNull Duration maxRetryAfter) {
    }

    /**
     * @param store {@code local}: a budget per process ({@link LocalRequestBudget}); {@code postgres}: one budget per
     *              workspace in the job-repository database ({@code spring.datasource.*}), shared by every process
     *              ({@link PostgresRequestBudget}); needed as soon as two processes call the same workspace
     */
    public record RateLimit(@DefaultValue("local") @NotNull RateLimitStore store) {
    }

    /** Values of {@code spotdraft.rate-limit.store}. */
    public enum RateLimitStore {
        LOCAL, POSTGRES
    }

    /** The API's scheme and host, from {@code base-url} or else from {@code region}. */
    public URI apiBaseUrl() {
        if (baseUrl != null) {
            String text = baseUrl.toString();
            return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        }
        return region == null ? null : region.baseUrl();
    }

    @AssertTrue(message = "spotdraft.base-url must be an absolute http(s) URL with no path (paths start with /api/), for example https://api.us.spotdraft.com")
    public boolean isBaseUrlWellFormed() {
        if (baseUrl == null) {
            return true;
        }
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        return (scheme.equals("http") || scheme.equals("https")) && baseUrl.getHost() != null
                && (path.isEmpty() || path.equals("/")) && baseUrl.getRawQuery() == null;
    }

    /** Secrets never reach a log line, also not through {@code toString()}. */
    @Override
    public String toString() {
        return "SpotDraftProperties[baseUrl=" + apiBaseUrl() + ", workspace=" + workspace
                + ", clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "unset" : "****")
                + ", userEmail=" + userEmail + ", requestsPerSecond=" + requestsPerSecond
                + ", rateLimitStore=" + rateLimit.store() + "]";
    }

    /** Properties for code and tests that build a client without Spring. */
    public static SpotDraftProperties of(URI baseUrl, String clientId, String clientSecret) {
        return new SpotDraftProperties(baseUrl, null, clientId, clientSecret, null, "default", 10,
                Duration.ofMillis(25), new RateLimit(RateLimitStore.LOCAL), Duration.ofSeconds(10), Duration.ofSeconds(60),
                16, 100,
                new Retry(8, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(120)), false);
    }

    public SpotDraftProperties withRequestsPerSecond(int value) {
        return new SpotDraftProperties(baseUrl, region, clientId, clientSecret, userEmail, workspace, value,
                rateLimitMargin, rateLimit, connectTimeout, readTimeout, maxConnections, pageSize, retry, allowInsecureHttp);
    }

    public SpotDraftProperties withRetry(Retry value) {
        return new SpotDraftProperties(baseUrl, region, clientId, clientSecret, userEmail, workspace, requestsPerSecond,
                rateLimitMargin, rateLimit, connectTimeout, readTimeout, maxConnections, pageSize, value, allowInsecureHttp);
    }

    public SpotDraftProperties withTimeouts(Duration connect, Duration read) {
        return new SpotDraftProperties(baseUrl, region, clientId, clientSecret, userEmail, workspace, requestsPerSecond,
                rateLimitMargin, rateLimit, connect, read, maxConnections, pageSize, retry, allowInsecureHttp);
    }

    /** One workspace of {@code sync.workspaces}: its connection, with the shared settings of these. */
    public SpotDraftProperties forWorkspace(String name, URI workspaceBaseUrl, SpotDraftRegion workspaceRegion,
            String workspaceClientId, String workspaceClientSecret, String workspaceUserEmail, int workspaceRequestsPerSecond) {
        return new SpotDraftProperties(workspaceBaseUrl, workspaceRegion, workspaceClientId, workspaceClientSecret,
                workspaceUserEmail, name, workspaceRequestsPerSecond, rateLimitMargin, rateLimit, connectTimeout, readTimeout,
                maxConnections, pageSize, retry, allowInsecureHttp);
    }

    public SpotDraftProperties withWorkspace(String value) {
        return new SpotDraftProperties(baseUrl, region, clientId, clientSecret, userEmail, value, requestsPerSecond,
                rateLimitMargin, rateLimit, connectTimeout, readTimeout, maxConnections, pageSize, retry, allowInsecureHttp);
    }
}
