package io.spotdraftsync.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpHandler;

/**
 * A stateful emulator of the SpotDraft public API, for tests and local runs: synthetic contracts (the same for
 * the same seed), the v2.1 endpoints a sync engine calls, the 10 requests/s limit, injectable faults, signed
 * webhooks on every change, and signed, expiring download URLs.
 *
 * <pre>{@code
 * try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(200).build())) {
 *     URI api = sandbox.baseUrl();           // http://127.0.0.1:<port>
 *     sandbox.registerWebhookTarget(receiver);
 *     sandbox.mutate(5);                     // five changes, five webhooks
 * }
 * }</pre>
 *
 * Thread-safe. Mutation methods take composite ids ({@code "T-12"}, {@code "H-7"}) and throw
 * {@link NoSuchElementException} for an unknown contract and {@link IllegalStateException} when the change does
 * not apply (a deleted contract, an executed one that cannot advance).
 */
public final class SpotDraftSandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpotDraftSandbox.class);

    private final SandboxSettings settings;
    private final String hmacKeyBase64;
    private final TrafficStats stats = new TrafficStats();
    private final ContractStore store;
    private final ContractChanges changes;
    private final RandomMutations mutations;
    private final WebhookDispatcher webhooks;
    private final RateLimiter rateLimiter;
    private final FaultInjector faults;
    private final SandboxHttpServer server;
    private final MutationDriver driver;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean listingSuppressed;

    private SpotDraftSandbox(SandboxSettings settings) throws IOException {
        this.settings = settings;
        this.hmacKeyBase64 = Base64.getEncoder().encodeToString(derivedKey("SHA-512", "webhook hmac key", settings.seed()));
        WorkspaceGenerator.InitialState initial = new WorkspaceGenerator(settings).generate();
        SandboxClock clock = new SandboxClock(Clock.systemUTC(), initial.contracts().stream()
                .map(StoredContract::lastUpdated).max(Comparator.naturalOrder()).orElse(ContractFactory.HISTORY_END));
        this.store = new ContractStore(settings.seed(), clock, initial);
        this.webhooks = new WebhookDispatcher(hmacKeyBase64, settings.webhooks(), settings.seed(), stats);
        this.changes = new ContractChanges(store, new ContractFactory(initial.workspace(), settings), webhooks,
                settings.seed());
        this.mutations = new RandomMutations(store, changes, settings.seed());
        this.rateLimiter = new RateLimiter(settings.requestsPerSecond());
        this.faults = new FaultInjector(settings.faults(), settings.seed());
        SignedUrls signedUrls = new SignedUrls(derivedKey("SHA-256", "download url key", settings.seed()),
                settings.signedUrlTtl());
        ResponseWriter writer = new ResponseWriter(faults);
        Map<String, HttpHandler> handlers = new LinkedHashMap<>();
        handlers.put("/api/", new ApiPipeline(SandboxRoutes.api(store, initial.workspace(), changes, webhooks,
                signedUrls, clock, hmacKeyBase64, () -> listingSuppressed, faults), settings.clientId(), settings.clientSecret(),
                rateLimiter, faults, stats));
        handlers.put(SignedUrls.PATH_PREFIX, new SignedFileHandler(store, signedUrls, clock, stats, writer));
        handlers.put("/_sandbox/", new AdminHandler(this, writer));
        handlers.put("/", exchange -> writer.send(exchange, ApiResponse.error(404, "SD_SANDBOX_NOT_FOUND",
                "The SpotDraft API lives under /api/, the sandbox's own view under /_sandbox/")));
        try {
            this.server = new SandboxHttpServer(settings.host(), settings.port(), handlers);
        } catch (IOException | RuntimeException bindFailure) {
            webhooks.close();
            throw bindFailure;
        }
        this.driver = settings.mutationsPerSecond() > 0 ? new MutationDriver(mutations, settings.mutationsPerSecond()) : null;
        log.debug("SpotDraft sandbox listening on {} ({} contracts, seed {})", baseUrl(), settings.contracts(),
                settings.seed());
    }

    /**
     * Generates the contracts and starts serving.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static SpotDraftSandbox start(SandboxSettings settings) {
        try {
            return new SpotDraftSandbox(settings);
        } catch (IOException bindFailure) {
            throw new UncheckedIOException("The SpotDraft sandbox cannot listen on " + settings.host() + ":"
                    + settings.port() + ": " + bindFailure.getMessage(), bindFailure);
        }
    }

    /** For example {@code http://127.0.0.1:18089}, without a trailing slash. */
    public URI baseUrl() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + host + ":" + port());
    }

    public int port() {
        return server.port();
    }

    public SandboxSettings settings() {
        return settings;
    }

    /** The webhook signing key, base64, as {@code GET /webhooks/hmac_key/} serves it (derived from the seed). */
    public String hmacKeyBase64() {
        return hmacKeyBase64;
    }

    public SandboxStats stats() {
        return stats.snapshot();
    }

    public void resetStats() {
        stats.reset();
    }

    /** Every contract, deleted ones included, in creation order. */
    public List<SandboxContract> contracts() {
        return store.all().stream().map(StoredContract::snapshot).toList();
    }

    /** One contract, deleted or not. */
    public SandboxContract contract(String compositeId) {
        return store.find(id(compositeId)).map(StoredContract::snapshot)
                .orElseThrow(() -> new NoSuchElementException("No contract " + compositeId));
    }

    /** Performs {@code count} random changes (each sends a webhook); returns the ids touched, in order. */
    public List<String> mutate(int count) {
        return mutations.mutate(count).stream().map(ContractId::toString).toList();
    }

    /** Creates a template contract in DRAFT; returns its composite id. */
    public String createContract() {
        return changes.create().id().toString();
    }

    public void renameContract(String compositeId) {
        changes.rename(id(compositeId));
    }

    public void editKeyPointers(String compositeId) {
        changes.editKeyPointers(id(compositeId));
    }

    public void advanceStatus(String compositeId) {
        changes.advanceStatus(id(compositeId));
    }

    public void uploadNewVersion(String compositeId) {
        changes.uploadNewVersion(id(compositeId));
    }

    /** The contract vanishes from the list and its endpoints answer 404. */
    public void deleteContract(String compositeId) {
        changes.delete(id(compositeId));
    }

    /** A deleted contract comes back. */
    public void restoreContract(String compositeId) {
        changes.restore(id(compositeId));
    }

    /** While on, the list endpoint answers empty pages with {@code total_results} 0 (to test mass-delete guards). */
    public void setListingSuppressed(boolean suppressed) {
        this.listingSuppressed = suppressed;
    }

    public void setFaults(FaultSettings faultSettings) {
        faults.configure(faultSettings);
    }

    /** The live contracts the listing glitch currently leaves out of listings that are not lookups by id, sorted. */
    public List<String> hiddenFromListing() {
        return faults.hiddenFromListing(store.listing()).stream().sorted().map(ContractId::toString).toList();
    }

    /** 0 means unlimited. */
    public void setRequestsPerSecond(int requestsPerSecond) {
        rateLimiter.setRequestsPerSecond(requestsPerSecond);
    }

    /** Adds a receiver of every activity. */
    public void registerWebhookTarget(URI url) {
        webhooks.register(url, Set.of(), Map.of());
    }

    /**
     * Changes delivery modes and replaces the targets given by settings; receivers registered at runtime (with
     * {@link #registerWebhookTarget} or the API) stay.
     */
    public void setWebhookDelivery(WebhookDeliverySettings delivery) {
        webhooks.configure(delivery);
    }

    /**
     * From now on every {@code /api/} request to this raw path answers {@code status}, whatever the retries, until
     * {@link #clearPathFaults}: a persistent fault, e.g. one contract whose key pointers always fail
     * ({@code /api/v2.1/public/contracts/T-12/key_pointers}). Counted as injected faults.
     */
    public void failPathAlways(String path, int status) {
        faults.paths().fail(path, status);
    }

    /**
     * The next {@code times} {@code /api/} requests to this raw path answer {@code status}, the ones after are served as
     * usual: a transient fault, which the client's retries get past. Counted as injected faults.
     */
    public void failPathTimes(String path, int status, int times) {
        faults.paths().failTimes(path, status, times);
    }

    public void clearPathFaults() {
        faults.paths().clear();
    }

    /** Stops the mutation driver, the server, then sends the webhooks still queued. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (driver != null) {
            driver.close();
        }
        server.close();
        webhooks.close();
    }

    private static ContractId id(String compositeId) {
        return ContractId.parse(compositeId).orElseThrow(() -> new IllegalArgumentException(
                "'" + compositeId + "' is not a composite contract id such as T-12 or H-7"));
    }

    private static byte[] derivedKey(String algorithm, String purpose, long seed) {
        try {
            return MessageDigest.getInstance(algorithm)
                    .digest(("spotdraft-sync sandbox " + purpose + " " + seed).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", impossible);
        }
    }
}
