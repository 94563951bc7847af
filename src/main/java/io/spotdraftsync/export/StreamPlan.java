package io.spotdraftsync.export;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.spotdraftsync.spotdraft.model.ContractId;
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.streams.ActivityStreams;
import io.spotdraftsync.streams.ContractStream;

/**
 * Which streams a run fetches for a contract: the streams switched on for the workspace that apply to the
 * contract ({@link ContractStream#appliesTo}), narrowed, in a webhook-targeted run, to those its activities can
 * change ({@link ActivityStreams}).
 */
@FunctionalInterface
public interface StreamPlan {

    Set<ContractStream> due(ContractListItem item);

    /** Every enabled stream that applies: listed runs (full, incremental, reconcile repairs). */
    static StreamPlan all(Set<ContractStream> enabled) {
        return item -> applicable(enabled, item);
    }

    /** The streams that the activities received for each contract (by numeric id) can change. */
    static StreamPlan targeted(Set<ContractStream> enabled, Map<Long, ActivityStreams.Effect> effects) {
        return item -> {
            ActivityStreams.Effect effect = effects.getOrDefault(ContractId.parse(item.id()).number(), ActivityStreams.Effect.EVERYTHING);
            EnumSet<ContractStream> due = applicable(enabled, item);
            due.retainAll(effect.streams());
            return due;
        };
    }

    private static EnumSet<ContractStream> applicable(Set<ContractStream> enabled, ContractListItem item) {
        EnumSet<ContractStream> due = EnumSet.noneOf(ContractStream.class);
        for (ContractStream stream : enabled) {
            if (stream.appliesTo(item.id(), item.contractStatus())) {
                due.add(stream);
            }
        }
        return due;
    }
}
