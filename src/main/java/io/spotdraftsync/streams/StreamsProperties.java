package io.spotdraftsync.streams;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The switches of the contract streams: {@code sync.streams.<name>.enabled} (default true), and per workspace
 * {@code sync.workspaces.<workspace>.streams.<name>.enabled}, which wins. A disabled stream makes no call and
 * leaves its tables as they are. An unknown stream name fails the start, naming the property.
 *
 * @param streams    the switches of every workspace, by stream name
 * @param workspaces per-workspace switches (only their {@code streams} are read here)
 */
@ConfigurationProperties("sync")
@Validated
public record StreamsProperties(@DefaultValue Map<String, Switch> streams, @DefaultValue Map<String, WorkspaceStreams> workspaces) {

    public StreamsProperties {
        streams = streams == null ? Map.of() : new LinkedHashMap<>(streams);
        workspaces = workspaces == null ? Map.of() : new LinkedHashMap<>(workspaces);
        check("sync.streams.", streams);
        workspaces.forEach((workspace, settings) -> {
            if (settings != null) {
                check("sync.workspaces." + workspace + ".streams.", settings.streams());
            }
        });
    }

    /** @param enabled null: as the level above says */
    public record Switch(Boolean enabled) {
    }

    public record WorkspaceStreams(@DefaultValue Map<String, Switch> streams) {
        public WorkspaceStreams {
            streams = streams == null ? Map.of() : streams;
        }
    }

    /** Every stream on. */
    public static StreamsProperties defaults() {
        return new StreamsProperties(Map.of(), Map.of());
    }

    /** The streams switched on for a workspace. */
    public Set<ContractStream> enabled(String workspace) {
        EnumSet<ContractStream> enabled = EnumSet.noneOf(ContractStream.class);
        WorkspaceStreams own = workspace == null ? null : workspaces.get(workspace);
        for (ContractStream stream : ContractStream.values()) {
            Boolean value = switchOf(own == null ? Map.of() : own.streams(), stream);
            if (value == null) {
                value = switchOf(streams, stream);
            }
            if (value == null ? stream.enabledByDefault() : value) {
                enabled.add(stream);
            }
        }
        return enabled;
    }

    private static Boolean switchOf(Map<String, Switch> switches, ContractStream stream) {
        for (Map.Entry<String, Switch> entry : switches.entrySet()) {
            if (ContractStream.named(entry.getKey()).orElse(null) == stream && entry.getValue() != null
                    && entry.getValue().enabled() != null) {
                return entry.getValue().enabled();
            }
        }
        return null;
    }

    /**
     * The workspace-level reference streams, switched under the same prefix but bound by
     * {@code export.ReferenceStreamsProperties} (global only): known names here, not errors.
     */
    static final Set<String> REFERENCE_STREAMS = Set.of("users", "templates", "organization_entities", "counterparties",
            "contract_types");

    private static void check(String prefix, Map<String, Switch> switches) {
        for (String name : switches.keySet()) {
            String normalized = name.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
            if (ContractStream.named(name).isEmpty() && !(prefix.equals("sync.streams.") && REFERENCE_STREAMS.contains(normalized))) {
                throw new IllegalArgumentException(prefix + name + ": no such stream; the streams are " + ContractStream.names()
                        + (prefix.equals("sync.streams.") ? " and the reference streams " + new java.util.TreeSet<>(REFERENCE_STREAMS)
                                : " (reference streams are switched globally, under sync.streams.)"));
            }
        }
    }
}
