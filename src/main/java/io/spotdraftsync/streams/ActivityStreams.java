package io.spotdraftsync.streams;

import static io.spotdraftsync.streams.ContractStream.APPROVALS;
import static io.spotdraftsync.streams.ContractStream.DOCUMENT;
import static io.spotdraftsync.streams.ContractStream.KEY_POINTERS;
import static io.spotdraftsync.streams.ContractStream.PROCESS_METRICS;
import static io.spotdraftsync.streams.ContractStream.RECIPIENTS;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What a webhook activity can change, so that a webhook-targeted run fetches only that: the contract's header
 * (one filtered listing, which also gives its status) and some of its streams. An activity not in the table
 * (names from the vendor's {@code ActivityEnum}) changes everything.
 */
public final class ActivityStreams {

    /**
     * @param header  whether the contract's list item (name, status, metadata ...) is read again
     * @param streams the streams fetched again
     */
    public record Effect(boolean header, Set<ContractStream> streams) {

        public static final Effect EVERYTHING = new Effect(true, EnumSet.allOf(ContractStream.class));

        public Effect {
            streams = streams.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(streams));
        }

        public Effect plus(Effect other) {
            EnumSet<ContractStream> union = EnumSet.noneOf(ContractStream.class);
            union.addAll(streams);
            union.addAll(other.streams);
            return new Effect(header || other.header, union);
        }

        static Effect streams(ContractStream... streams) {
            return new Effect(false, Set.of(streams));
        }

        static Effect headerAnd(ContractStream... streams) {
            return new Effect(true, Set.of(streams));
        }
    }

    /** The table: one row per activity that changes less than everything. */
    static final Map<String, Effect> TABLE = Map.ofEntries(
            Map.entry("CONTRACT_APPROVAL_REQUESTED", Effect.streams(APPROVALS, PROCESS_METRICS)),
            Map.entry("CONTRACT_APPROVAL_COMPLETED", Effect.streams(APPROVALS, PROCESS_METRICS)),
            // signing moves the status: the header is read again for it
            Map.entry("CONTRACT_SIGNED", Effect.headerAnd(RECIPIENTS, PROCESS_METRICS, DOCUMENT)),
            Map.entry("CONTRACT_SIGNATURE_REQUESTED", Effect.headerAnd(RECIPIENTS, PROCESS_METRICS, DOCUMENT)),
            Map.entry("CONTRACT_SIGNATURE_DECLINED", Effect.headerAnd(RECIPIENTS, PROCESS_METRICS, DOCUMENT)),
            Map.entry("CONTRACT_MARK_FOR_EXECUTION", Effect.headerAnd(RECIPIENTS, PROCESS_METRICS, DOCUMENT)),
            Map.entry("CONTRACT_EXECUTED", Effect.headerAnd(RECIPIENTS, PROCESS_METRICS, DOCUMENT)),
            Map.entry("CONTRACT_KEY_POINTER_CREATION", Effect.streams(KEY_POINTERS)),
            Map.entry("CONTRACT_KEY_POINTER_UPDATION", Effect.streams(KEY_POINTERS)),
            Map.entry("CONTRACT_VERSION_UPLOADED", Effect.streams(DOCUMENT)),
            Map.entry("CONTRACT_EXTERNAL_METADATA_CREATED", Effect.headerAnd(KEY_POINTERS)),
            Map.entry("CONTRACT_EXTERNAL_METADATA_UPDATED", Effect.headerAnd(KEY_POINTERS)),
            Map.entry("CONTRACT_DATA_UPDATED", Effect.headerAnd(KEY_POINTERS)));

    private ActivityStreams() {
    }

    /** What one activity can change; everything for an activity not in the table (or none given). */
    public static Effect of(String activity) {
        return activity == null ? Effect.EVERYTHING : TABLE.getOrDefault(activity, Effect.EVERYTHING);
    }

    /** What several activities on one contract can change together. */
    public static Effect ofAll(Collection<String> activities) {
        return activities.stream().map(ActivityStreams::of).reduce(Effect::plus).orElse(Effect.EVERYTHING);
    }
}
