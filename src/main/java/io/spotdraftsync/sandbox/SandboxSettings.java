package io.spotdraftsync.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link SpotDraftSandbox} needs to start. The same settings (in particular the same seed) always
 * produce the same initial contracts, ids, names and document bytes.
 *
 * @param host address to bind
 * @param port TCP port, 0 for an ephemeral one
 * @param contracts number of synthetic contracts generated at start
 * @param seed seed of every generated value
 * @param requestsPerSecond {@code /api/} requests accepted in any one-second window; 0 means unlimited
 * @param clientId expected {@code client-id} header
 * @param clientSecret expected {@code client-secret} header
 * @param documentMinBytes smallest generated PDF
 * @param documentMaxBytes largest generated PDF (sizes are log-uniform in between)
 * @param faults failures injected into {@code /api/} answers
 * @param mutationsPerSecond rate of the background mutation driver; 0 switches it off
 * @param webhooks webhook targets and delivery behaviour
 * @param signedUrlTtl lifetime of the URLs returned by {@code download_link}
 */
public record SandboxSettings(
        String host,
        int port,
        int contracts,
        long seed,
        int requestsPerSecond,
        String clientId,
        String clientSecret,
        long documentMinBytes,
        long documentMaxBytes,
        FaultSettings faults,
        double mutationsPerSecond,
        WebhookDeliverySettings webhooks,
        Duration signedUrlTtl) {

    public SandboxSettings {
        requireText("host", host);
        requireText("clientId", clientId);
        requireText("clientSecret", clientSecret);
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(signedUrlTtl, "signedUrlTtl");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (contracts < 0) {
            throw new IllegalArgumentException("contracts must not be negative, was " + contracts);
        }
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("requestsPerSecond must not be negative (0 = unlimited), was " + requestsPerSecond);
        }
        if (documentMinBytes < PdfDocumentWriter.MINIMUM_SIZE) {
            throw new IllegalArgumentException("documentMinBytes must be at least " + PdfDocumentWriter.MINIMUM_SIZE
                    + ", was " + documentMinBytes);
        }
        if (documentMaxBytes < documentMinBytes) {
            throw new IllegalArgumentException("documentMaxBytes (" + documentMaxBytes
                    + ") must not be smaller than documentMinBytes (" + documentMinBytes + ")");
        }
        if (!(mutationsPerSecond >= 0.0) || Double.isInfinite(mutationsPerSecond)) {
            throw new IllegalArgumentException("mutationsPerSecond must be a finite number >= 0, was " + mutationsPerSecond);
        }
        if (signedUrlTtl.isNegative() || signedUrlTtl.isZero()) {
            throw new IllegalArgumentException("signedUrlTtl must be positive, was " + signedUrlTtl);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .host(host)
                .port(port)
                .contracts(contracts)
                .seed(seed)
                .requestsPerSecond(requestsPerSecond)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .documentMinBytes(documentMinBytes)
                .documentMaxBytes(documentMaxBytes)
                .faults(faults)
                .mutationsPerSecond(mutationsPerSecond)
                .webhooks(webhooks)
                .signedUrlTtl(signedUrlTtl);
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    @Override
    public String toString() {
        // the client secret stays out of logs and assertion messages
        return "SandboxSettings[host=" + host + ", port=" + port + ", contracts=" + contracts + ", seed=" + seed
                + ", requestsPerSecond=" + requestsPerSecond + ", clientId=" + clientId
                + ", documentMinBytes=" + documentMinBytes + ", documentMaxBytes=" + documentMaxBytes
                + ", faults=" + faults + ", mutationsPerSecond=" + mutationsPerSecond + ", webhooks=" + webhooks
                + ", signedUrlTtl=" + signedUrlTtl + "]";
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private int contracts = 1000;
        private long seed = 1;
        private int requestsPerSecond = 10;
        private String clientId = "sandbox";
        private String clientSecret = "sandbox-secret";
        private long documentMinBytes = 4096;
        private long documentMaxBytes = 262_144;
        private FaultSettings faults = FaultSettings.none();
        private double mutationsPerSecond;
        private WebhookDeliverySettings webhooks = WebhookDeliverySettings.defaults();
        private Duration signedUrlTtl = Duration.ofMinutes(5);

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder contracts(int contracts) {
            this.contracts = contracts;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder requestsPerSecond(int requestsPerSecond) {
            this.requestsPerSecond = requestsPerSecond;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        public Builder documentMinBytes(long bytes) {
            this.documentMinBytes = bytes;
            return this;
        }

        public Builder documentMaxBytes(long bytes) {
            this.documentMaxBytes = bytes;
            return this;
        }

        public Builder faults(FaultSettings faults) {
            this.faults = faults;
            return this;
        }

        public Builder mutationsPerSecond(double mutationsPerSecond) {
            this.mutationsPerSecond = mutationsPerSecond;
            return this;
        }

        public Builder webhooks(WebhookDeliverySettings webhooks) {
            this.webhooks = webhooks;
            return this;
        }

        public Builder signedUrlTtl(Duration ttl) {
            this.signedUrlTtl = ttl;
            return this;
        }

        public SandboxSettings build() {
            return new SandboxSettings(host, port, contracts, seed, requestsPerSecond, clientId, clientSecret,
                    documentMinBytes, documentMaxBytes, faults, mutationsPerSecond, webhooks, signedUrlTtl);
        }
    }
}
