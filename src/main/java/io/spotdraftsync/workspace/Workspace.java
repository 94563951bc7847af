package io.spotdraftsync.workspace;

import java.util.Set;

import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.SpotDraftProperties;

/**
 * One configured SpotDraft workspace: its connection, its own client and request budget (a run for one
 * workspace never waits on another's), where its documents go, and which jobs may run for it.
 *
 * @param name           the {@code workspace} of tables, metrics, job parameters and logs
 * @param settings       its connection and client settings (shared tuning from {@code spotdraft.*})
 * @param client         its API client
 * @param budget         its request budget (the client takes every request from it)
 * @param documentPrefix its folder in the document store
 * @param jobs           the jobs enabled for it
 * @param webhookKeys    its configured webhook signing keys (base64; current then previous), empty to fetch from its API
 * @param property       where it is configured ({@code spotdraft} or {@code sync.workspaces.<name>}), for messages
 */
public record Workspace(String name, SpotDraftProperties settings, SpotDraftClient client,
        io.spotdraftsync.spotdraft.RequestBudget budget, String documentPrefix,
        Set<String> jobs, java.util.List<String> webhookKeys, String property) {

    /** Whether {@code job} ({@code export}, {@code reconcile}, {@code import}) may run for this workspace. */
    public boolean runs(String job) {
        return jobs.contains(job);
    }
}
