package io.spotdraftsync.sandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Failures the sandbox injects into {@code /api/} answers, after authentication and the rate limit.
 *
 * <p>Server errors and 429 bursts refuse the request before it is handled (no side effect). A dropped
 * connection or a truncated body happens on the way out: the request was handled, only the answer is lost,
 * which is what makes retried writes interesting.
 *
 * @param serverErrorProbability chance of answering 500, 502 or 503 (picked at random)
 * @param tooManyRequestsBurstProbability chance that a request starts a burst of 429 answers
 * @param burstLength how many consecutive requests a burst refuses, the starting one included
 * @param latency fixed delay added to every answer
 * @param latencyJitter random extra delay, uniformly up to this much
 * @param dropConnectionProbability chance of closing the connection without any response
 * @param truncatedBodyProbability chance of declaring the full Content-Length, sending part of the body and closing
 * @param listingGlitchContracts a listing glitch (a search index that lags): this many live contracts, picked by the
 *                               seed, are left out of every contract listing not narrowed by {@code filter__contract_id};
 *                               listed by id they still appear, and their own endpoints answer as usual
 * @param listingGlitchIds the same glitch for these composite ids ({@code T-12}, {@code H-7}), on top of the count
 */
public record FaultSettings(
        double serverErrorProbability,
        double tooManyRequestsBurstProbability,
        int burstLength,
        Duration latency,
        Duration latencyJitter,
        double dropConnectionProbability,
        double truncatedBodyProbability,
        int listingGlitchContracts,
        Set<String> listingGlitchIds) {

    private static final FaultSettings NONE = builder().build();

    public FaultSettings {
        requireProbability("serverErrorProbability", serverErrorProbability);
        requireProbability("tooManyRequestsBurstProbability", tooManyRequestsBurstProbability);
        requireProbability("dropConnectionProbability", dropConnectionProbability);
        requireProbability("truncatedBodyProbability", truncatedBodyProbability);
        if (burstLength < 1) {
            throw new IllegalArgumentException("burstLength must be at least 1, was " + burstLength);
        }
        requireNotNegative("latency", latency);
        requireNotNegative("latencyJitter", latencyJitter);
        if (listingGlitchContracts < 0) {
            throw new IllegalArgumentException("listingGlitchContracts must not be negative, was " + listingGlitchContracts);
        }
        Objects.requireNonNull(listingGlitchIds, "listingGlitchIds");
        for (String id : listingGlitchIds) {
            if (ContractId.parse(id).isEmpty()) {
                throw new IllegalArgumentException("listingGlitchIds: '" + id + "' is not a composite contract id such as T-12 or H-7");
            }
        }
        listingGlitchIds = Set.copyOf(listingGlitchIds);
    }

    /** Whether some live contracts are left out of listings that are not lookups by id. */
    public boolean listingGlitch() {
        return listingGlitchContracts > 0 || !listingGlitchIds.isEmpty();
    }

    /** No injected failure and no added latency. */
    public static FaultSettings none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .serverErrorProbability(serverErrorProbability)
                .tooManyRequestsBurstProbability(tooManyRequestsBurstProbability)
                .burstLength(burstLength)
                .latency(latency)
                .latencyJitter(latencyJitter)
                .dropConnectionProbability(dropConnectionProbability)
                .truncatedBodyProbability(truncatedBodyProbability)
                .listingGlitchContracts(listingGlitchContracts)
                .listingGlitchIds(listingGlitchIds);
    }

    static void requireProbability(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }

    public static final class Builder {
        private double serverErrorProbability;
        private double tooManyRequestsBurstProbability;
        private int burstLength = 5;
        private Duration latency = Duration.ZERO;
        private Duration latencyJitter = Duration.ZERO;
        private double dropConnectionProbability;
        private double truncatedBodyProbability;
        private int listingGlitchContracts;
        private Set<String> listingGlitchIds = Set.of();

        private Builder() {
        }

        public Builder serverErrorProbability(double probability) {
            this.serverErrorProbability = probability;
            return this;
        }

        public Builder tooManyRequestsBurstProbability(double probability) {
            this.tooManyRequestsBurstProbability = probability;
            return this;
        }

        public Builder burstLength(int requests) {
            this.burstLength = requests;
            return this;
        }

        public Builder latency(Duration latency) {
            this.latency = latency;
            return this;
        }

        public Builder latencyJitter(Duration jitter) {
            this.latencyJitter = jitter;
            return this;
        }

        public Builder dropConnectionProbability(double probability) {
            this.dropConnectionProbability = probability;
            return this;
        }

        public Builder truncatedBodyProbability(double probability) {
            this.truncatedBodyProbability = probability;
            return this;
        }

        public Builder listingGlitchContracts(int contracts) {
            this.listingGlitchContracts = contracts;
            return this;
        }

        public Builder listingGlitchIds(Set<String> compositeIds) {
            this.listingGlitchIds = compositeIds;
            return this;
        }

        public FaultSettings build() {
            return new FaultSettings(serverErrorProbability, tooManyRequestsBurstProbability, burstLength, latency,
                    latencyJitter, dropConnectionProbability, truncatedBodyProbability, listingGlitchContracts,
                    listingGlitchIds);
        }
    }
}
