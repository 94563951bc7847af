package io.spotdraftsync.workspace;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.spotdraftsync.spotdraft.SpotDraftRegion;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Several SpotDraft workspaces in one deployment ({@code sync.workspaces.<name>.*}), for example a UAT and a
 * production workspace: separate systems with separate credentials, ids and budgets. When none is configured,
 * the flat {@code spotdraft.*} properties describe the one workspace ({@code spotdraft.workspace} names it).
 * Everything else under {@code spotdraft.*} (timeouts, retries, page size, rate margin) applies to every workspace.
 * Checked by {@link Workspaces#configure}, which names the property of every problem.
 *
 * @param workspaces the workspaces by name; the name is the {@code workspace} column, tag and job parameter
 */
@ConfigurationProperties("sync")
public record WorkspacesProperties(@DefaultValue Map<String, Settings> workspaces) {

    public WorkspacesProperties {
        workspaces = workspaces == null ? Map.of() : new LinkedHashMap<>(workspaces);
    }

    /**
     * One workspace.
     *
     * @param baseUrl                scheme, host and port of its API; wins over {@code region}
     * @param region                 its regional host ({@code in}, {@code us}, {@code me}, {@code eu})
     * @param clientId               the {@code client-id} header of its API credentials
     * @param clientSecret           the {@code client-secret} header; never logged
     * @param userEmail              optional {@code user-email} header
     * @param requestsPerSecond      its budget; default {@code spotdraft.requests-per-second} (10)
     * @param documentPrefix         folder of its documents in the document store, default its name
     *                               ({@code {location}/{prefix}/{contract_id}/{version}-{sha256}.pdf})
     * @param jobs                   jobs that may run for it (export, reconcile, import); default all
     * @param webhookHmacKey         its webhook signing key (base64); default: fetched from its API
     * @param webhookPreviousHmacKey the key before a rotation, still accepted
     */
    public record Settings(URI baseUrl, SpotDraftRegion region, String clientId, String clientSecret, String userEmail,
            Integer requestsPerSecond, String documentPrefix, Set<String> jobs, String webhookHmacKey,
            String webhookPreviousHmacKey) {

        /** Secrets never reach a log line, also not through {@code toString()}. */
        @Override
        public String toString() {
            return "Settings[baseUrl=" + baseUrl + ", region=" + region + ", clientId=" + clientId + ", clientSecret="
                    + (clientSecret == null ? "unset" : "****") + ", requestsPerSecond=" + requestsPerSecond
                    + ", documentPrefix=" + documentPrefix + ", jobs=" + jobs + "]";
        }
    }
}
