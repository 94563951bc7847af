package io.spotdraftsync.sandbox;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Decides, per {@code /api/} request, which failure (if any) it gets; settings can change at runtime. */
final class FaultInjector {

    /** What happens to one request. */
    record Plan(Duration delay, int refusalStatus, Damage damage) {
        static final int NO_REFUSAL = 0;

        boolean refused() {
            return refusalStatus != NO_REFUSAL;
        }
    }

    /** Damage done to an answer on its way out, after the request was handled. */
    enum Damage {
        NONE,
        DROP_CONNECTION,
        TRUNCATE_BODY
    }

    private static final int[] SERVER_ERRORS = {500, 502, 503};

    private final Random random;
    private final long seed;
    private FaultSettings settings;
    private int burstRemaining;
    /** The listing glitch's choice, kept while neither the listing nor the settings change. */
    private List<StoredContract> glitchedListing;
    private Set<ContractId> hiddenFromListing = Set.of();

    FaultInjector(FaultSettings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
        this.random = new Random(Seeds.derive(seed, "faults", ""));
    }

    synchronized void configure(FaultSettings settings) {
        this.settings = settings;
        this.burstRemaining = 0;
        this.glitchedListing = null;
    }

    /**
     * The contracts the listing glitch leaves out of a listing that is not a lookup by id: the configured ids,
     * and the first {@code listingGlitchContracts} other live ones in an order drawn from the seed (so the same
     * contracts stay hidden while they stay live).
     *
     * @param listing the live contracts, as the store lists them (a new list after every change)
     */
    synchronized Set<ContractId> hiddenFromListing(List<StoredContract> listing) {
        if (!settings.listingGlitch()) {
            return Set.of();
        }
        if (listing != glitchedListing) {
            Set<ContractId> hidden = new HashSet<>();
            settings.listingGlitchIds().forEach(id -> hidden.add(ContractId.parse(id).orElseThrow()));
            listing.stream()
                    .map(StoredContract::id)
                    .filter(id -> !hidden.contains(id))
                    .sorted(Comparator.comparingLong((ContractId id) -> Seeds.derive(seed, "listing glitch", id.toString()))
                            .thenComparing(Comparator.naturalOrder()))
                    .limit(settings.listingGlitchContracts())
                    .forEach(hidden::add);
            hiddenFromListing = Set.copyOf(hidden);
            glitchedListing = listing;
        }
        return hiddenFromListing;
    }

    synchronized Plan plan() {
        Duration delay = settings.latency();
        if (!settings.latencyJitter().isZero()) {
            delay = delay.plusNanos((long) (random.nextDouble() * settings.latencyJitter().toNanos()));
        }
        if (burstRemaining > 0) {
            burstRemaining--;
            return new Plan(delay, 429, Damage.NONE);
        }
        if (random.nextDouble() < settings.tooManyRequestsBurstProbability()) {
            burstRemaining = settings.burstLength() - 1;
            return new Plan(delay, 429, Damage.NONE);
        }
        if (random.nextDouble() < settings.serverErrorProbability()) {
            return new Plan(delay, SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)], Damage.NONE);
        }
        if (random.nextDouble() < settings.dropConnectionProbability()) {
            return new Plan(delay, Plan.NO_REFUSAL, Damage.DROP_CONNECTION);
        }
        if (random.nextDouble() < settings.truncatedBodyProbability()) {
            return new Plan(delay, Plan.NO_REFUSAL, Damage.TRUNCATE_BODY);
        }
        return new Plan(delay, Plan.NO_REFUSAL, Damage.NONE);
    }

    /** How many bytes of a {@code length}-byte body a truncated answer sends: between 10 % and 90 %. */
    synchronized long truncatedLength(long length) {
        return Math.max(0, Math.min(length - 1, (long) (length * (0.1 + 0.8 * random.nextDouble()))));
    }

    /** Faults by path that stay until cleared, whatever {@link #configure} sets. */
    private final PathFaults pathFaults = new PathFaults();

    PathFaults paths() {
        return pathFaults;
    }
}
