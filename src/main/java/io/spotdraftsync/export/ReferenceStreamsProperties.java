package io.spotdraftsync.export;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The workspace-level reference streams, each read whole once per export run (full or incremental, not webhook
 * runs) and switched by {@code sync.streams.<name>.enabled} (default true). The per-contract streams
 * (key pointers, document, process metrics, approvals, recipients) bind under the same prefix elsewhere.
 * {@code sync.export.reference-data=false} still turns every reference stream off at once.
 */
@ConfigurationProperties("sync.streams")
public record ReferenceStreamsProperties(
        @DefaultValue Switch users,
        @DefaultValue Switch templates,
        @DefaultValue Switch organizationEntities,
        @DefaultValue Switch counterparties,
        @DefaultValue Switch contractTypes) {

    /** @param enabled whether the stream is fetched and loaded */
    public record Switch(@DefaultValue("true") boolean enabled) {
    }

    /** Every reference stream on. */
    public static ReferenceStreamsProperties allEnabled() {
        Switch on = new Switch(true);
        return new ReferenceStreamsProperties(on, on, on, on, on);
    }
}
