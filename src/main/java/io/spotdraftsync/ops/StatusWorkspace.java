package io.spotdraftsync.ops;

import io.spotdraftsync.spotdraft.RequestRateHistory;

/**
 * A workspace the status page shows: its name (as in job parameters, tables and metrics), the request history of
 * its client and the limit of its request budget. {@code StatusPageConfiguration.statusWorkspaces} lists them.
 */
public record StatusWorkspace(String name, RequestRateHistory requestRate, int requestsPerSecond) {
}
