package io.spotdraftsync.sandbox;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Every sandbox setting as a {@code sandbox.*} property (environment: {@code SANDBOX_PORT},
 * {@code SANDBOX_FAULTS_LATENCY}, ...). Defaults match {@link SandboxSettings}, except the port: a standalone
 * sandbox listens on 18089 rather than an ephemeral port.
 */
@ConfigurationProperties("sandbox")
@Validated
public class SandboxProperties {

    @NotBlank
    private String host = "127.0.0.1";
    @Min(0)
    @Max(65535)
    private int port = 18089;
    @Min(0)
    private int contracts = 1000;
    private long seed = 1;
    /** 0 means unlimited. */
    @Min(0)
    private int requestsPerSecond = 10;
    @NotBlank
    private String clientId = "sandbox";
    @NotBlank
    private String clientSecret = "sandbox-secret";
    @Min(PdfDocumentWriter.MINIMUM_SIZE)
    private long documentMinBytes = 4096;
    @Min(PdfDocumentWriter.MINIMUM_SIZE)
    private long documentMaxBytes = 262_144;
    /** 0 switches the background mutations off. */
    @DecimalMin("0")
    private double mutationsPerSecond;
    @NotNull
    private Duration signedUrlTtl = Duration.ofMinutes(5);
    @Valid
    private final Faults faults = new Faults();
    @Valid
    private final Webhooks webhooks = new Webhooks();

    @AssertTrue(message = "document-max-bytes must not be smaller than document-min-bytes")
    public boolean isDocumentSizeRangeValid() {
        return documentMaxBytes >= documentMinBytes;
    }

    @AssertTrue(message = "signed-url-ttl must be positive")
    public boolean isSignedUrlTtlPositive() {
        return signedUrlTtl == null || (!signedUrlTtl.isNegative() && !signedUrlTtl.isZero());
    }

    public SandboxSettings toSettings() {
        return SandboxSettings.builder()
                .host(host)
                .port(port)
                .contracts(contracts)
                .seed(seed)
                .requestsPerSecond(requestsPerSecond)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .documentMinBytes(documentMinBytes)
                .documentMaxBytes(documentMaxBytes)
                .mutationsPerSecond(mutationsPerSecond)
                .signedUrlTtl(signedUrlTtl)
                .faults(faults.toSettings())
                .webhooks(webhooks.toSettings())
                .build();
    }

    /** {@code sandbox.faults.*}. */
    public static class Faults {
        @DecimalMin("0")
        @DecimalMax("1")
        private double serverErrorProbability;
        @DecimalMin("0")
        @DecimalMax("1")
        private double tooManyRequestsBurstProbability;
        @Min(1)
        private int burstLength = 5;
        @NotNull
        private Duration latency = Duration.ZERO;
        @NotNull
        private Duration latencyJitter = Duration.ZERO;
        @DecimalMin("0")
        @DecimalMax("1")
        private double dropConnectionProbability;
        @DecimalMin("0")
        @DecimalMax("1")
        private double truncatedBodyProbability;
        /** The listing glitch: live contracts left out of listings that are not lookups by id. */
        @Min(0)
        private int listingGlitchContracts;
        @NotNull
        private Set<String> listingGlitchIds = new LinkedHashSet<>();

        @AssertTrue(message = "listing-glitch-ids must be composite contract ids such as T-12 or H-7")
        public boolean isListingGlitchIdsValid() {
            return listingGlitchIds == null || listingGlitchIds.stream().allMatch(id -> ContractId.parse(id).isPresent());
        }

        @AssertTrue(message = "latency and latency-jitter must not be negative")
        public boolean isLatencyNotNegative() {
            return (latency == null || !latency.isNegative()) && (latencyJitter == null || !latencyJitter.isNegative());
        }

        FaultSettings toSettings() {
            return FaultSettings.builder()
                    .serverErrorProbability(serverErrorProbability)
                    .tooManyRequestsBurstProbability(tooManyRequestsBurstProbability)
                    .burstLength(burstLength)
                    .latency(latency)
                    .latencyJitter(latencyJitter)
                    .dropConnectionProbability(dropConnectionProbability)
                    .truncatedBodyProbability(truncatedBodyProbability)
                    .listingGlitchContracts(listingGlitchContracts)
                    .listingGlitchIds(listingGlitchIds)
                    .build();
        }

        public double getServerErrorProbability() {
            return serverErrorProbability;
        }

        public void setServerErrorProbability(double serverErrorProbability) {
            this.serverErrorProbability = serverErrorProbability;
        }

        public double getTooManyRequestsBurstProbability() {
            return tooManyRequestsBurstProbability;
        }

        public void setTooManyRequestsBurstProbability(double tooManyRequestsBurstProbability) {
            this.tooManyRequestsBurstProbability = tooManyRequestsBurstProbability;
        }

        public int getBurstLength() {
            return burstLength;
        }

        public void setBurstLength(int burstLength) {
            this.burstLength = burstLength;
        }

        public Duration getLatency() {
            return latency;
        }

        public void setLatency(Duration latency) {
            this.latency = latency;
        }

        public Duration getLatencyJitter() {
            return latencyJitter;
        }

        public void setLatencyJitter(Duration latencyJitter) {
            this.latencyJitter = latencyJitter;
        }

        public double getDropConnectionProbability() {
            return dropConnectionProbability;
        }

        public void setDropConnectionProbability(double dropConnectionProbability) {
            this.dropConnectionProbability = dropConnectionProbability;
        }

        public double getTruncatedBodyProbability() {
            return truncatedBodyProbability;
        }

        public void setTruncatedBodyProbability(double truncatedBodyProbability) {
            this.truncatedBodyProbability = truncatedBodyProbability;
        }

        public int getListingGlitchContracts() {
            return listingGlitchContracts;
        }

        public void setListingGlitchContracts(int listingGlitchContracts) {
            this.listingGlitchContracts = listingGlitchContracts;
        }

        public Set<String> getListingGlitchIds() {
            return listingGlitchIds;
        }

        public void setListingGlitchIds(Set<String> listingGlitchIds) {
            this.listingGlitchIds = listingGlitchIds;
        }
    }

    /** {@code sandbox.webhooks.*}. */
    public static class Webhooks {
        @NotNull
        private List<URI> urls = new ArrayList<>();
        private boolean enabled = true;
        @DecimalMin("0")
        @DecimalMax("1")
        private double lossProbability;
        @DecimalMin("0")
        @DecimalMax("1")
        private double duplicateProbability;
        private boolean reorder;

        @AssertTrue(message = "every webhook url must be an absolute http(s) URL")
        public boolean isUrlsValid() {
            return urls == null || urls.stream().allMatch(url -> url != null && url.isAbsolute()
                    && ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                    && url.getHost() != null);
        }

        WebhookDeliverySettings toSettings() {
            return WebhookDeliverySettings.builder()
                    .targets(urls)
                    .enabled(enabled)
                    .lossProbability(lossProbability)
                    .duplicateProbability(duplicateProbability)
                    .reorder(reorder)
                    .build();
        }

        public List<URI> getUrls() {
            return urls;
        }

        public void setUrls(List<URI> urls) {
            this.urls = urls;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public double getLossProbability() {
            return lossProbability;
        }

        public void setLossProbability(double lossProbability) {
            this.lossProbability = lossProbability;
        }

        public double getDuplicateProbability() {
            return duplicateProbability;
        }

        public void setDuplicateProbability(double duplicateProbability) {
            this.duplicateProbability = duplicateProbability;
        }

        public boolean isReorder() {
            return reorder;
        }

        public void setReorder(boolean reorder) {
            this.reorder = reorder;
        }
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public int getContracts() {
        return contracts;
    }

    public void setContracts(int contracts) {
        this.contracts = contracts;
    }

    public long getSeed() {
        return seed;
    }

    public void setSeed(long seed) {
        this.seed = seed;
    }

    public int getRequestsPerSecond() {
        return requestsPerSecond;
    }

    public void setRequestsPerSecond(int requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public long getDocumentMinBytes() {
        return documentMinBytes;
    }

    public void setDocumentMinBytes(long documentMinBytes) {
        this.documentMinBytes = documentMinBytes;
    }

    public long getDocumentMaxBytes() {
        return documentMaxBytes;
    }

    public void setDocumentMaxBytes(long documentMaxBytes) {
        this.documentMaxBytes = documentMaxBytes;
    }

    public double getMutationsPerSecond() {
        return mutationsPerSecond;
    }

    public void setMutationsPerSecond(double mutationsPerSecond) {
        this.mutationsPerSecond = mutationsPerSecond;
    }

    public Duration getSignedUrlTtl() {
        return signedUrlTtl;
    }

    public void setSignedUrlTtl(Duration signedUrlTtl) {
        this.signedUrlTtl = signedUrlTtl;
    }

    public Faults getFaults() {
        return faults;
    }

    public Webhooks getWebhooks() {
        return webhooks;
    }
}
