package io.spotdraftsync.ops;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.spotdraftsync.jobs.RunLauncher;
import io.spotdraftsync.spotdraft.RequestRateHistory;
import io.spotdraftsync.webhook.WebhookInbox;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads what the status page shows. Freshness, runs and the webhook backlog come from the job-repository database,
 * so they are right after a restart and count every pod's work; the request rates are this process's own.
 */
public class StatusReader {

    /** Jobs whose success brings the whole workspace up to date (a webhook's targeted export covers a few contracts). */
    static final Set<String> WORKSPACE_JOBS = Set.of("export", "reconcile");
    /** Always listed, even before their first run. */
    private static final List<String> LISTED_JOBS = List.of("export", "export.webhook", "reconcile", "import");
    private static final int BUCKET_SECONDS = 10;
    private static final int RUNNING_SCANNED = 50;
    private static final Set<String> RUNNING = Set.of(BatchStatus.STARTING.name(), BatchStatus.STARTED.name(),
            BatchStatus.STOPPING.name());

    private final List<StatusWorkspace> workspaces;
    private final JdbcTemplate jdbc;
    private final RunViews runs;
    private final Function<String, WebhookInbox.Backlog> backlog;
    private final StatusPageProperties properties;
    private final Clock clock;

    /** @param backlog the webhook backlog of a workspace */
    public StatusReader(List<StatusWorkspace> workspaces, JdbcTemplate jdbc, RunViews runs,
            Function<String, WebhookInbox.Backlog> backlog, StatusPageProperties properties, Clock clock) {
        this.workspaces = List.copyOf(workspaces);
        this.jdbc = jdbc;
        this.runs = runs;
        this.backlog = backlog;
        this.properties = properties;
        this.clock = clock;
    }

    public StatusView read() {
        Instant now = clock.instant();
        List<StatusView.Workspace> shown = workspaces.stream().map(workspace -> workspace(workspace, now)).toList();
        List<RunView> recent = runs.list(null, null, properties.recentRuns());
        return new StatusView(now, properties.publicAccess(), properties.staleAfter().toSeconds(),
                properties.refreshInterval().toSeconds(), shown, running(recent), recent);
    }

    private StatusView.Workspace workspace(StatusWorkspace workspace, Instant now) {
        List<StatusView.JobFreshness> jobs = jobs(workspace.name(), now);
        Optional<StatusView.JobFreshness> newest = jobs.stream()
                .filter(job -> job.coversWorkspace() && job.lastSuccessAt() != null)
                .max(Comparator.comparing(StatusView.JobFreshness::lastSuccessAt));
        String freshness = newest.map(job -> job.ageSeconds() > properties.staleAfter().toSeconds() ? StatusView.STALE
                : StatusView.FRESH).orElse(StatusView.NEVER);
        WebhookInbox.Backlog waiting = backlog.apply(workspace.name());
        double lag = waiting.oldestReceivedAt() == null ? 0 : seconds(waiting.oldestReceivedAt(), now);
        RequestRateHistory.Series series = workspace.requestRate().series(BUCKET_SECONDS);
        StatusView.RequestRate requests = new StatusView.RequestRate(workspace.requestsPerSecond(), series.start(),
                series.bucketSeconds(), series.average(), series.peak(), series.total(), series.peakOfAll(),
                round(workspace.requestRate().averagePerSecond(Duration.ofMinutes(1))));
        return new StatusView.Workspace(workspace.name(), freshness,
                newest.map(StatusView.JobFreshness::lastSuccessAt).orElse(null),
                newest.map(StatusView.JobFreshness::ageSeconds).orElse(null), jobs,
                new StatusView.Inbox(waiting.pending(), waiting.oldestReceivedAt(), lag, waiting.retrying(), waiting.failed(),
                        waiting.failedEvents().stream().map(event -> new StatusView.FailedEvent(event.id(), event.contractId(),
                                event.activity(), event.receivedAt(), event.attempts(), event.lastAttemptAt(), event.lastError()))
                                .toList()),
                requests);
    }

    /** The newest COMPLETED run of each job of the workspace (the jobs always listed first, then any other). */
    private List<StatusView.JobFreshness> jobs(String workspace, Instant now) {
        Map<String, StatusView.JobFreshness> byJob = new LinkedHashMap<>();
        LISTED_JOBS.forEach(job -> byJob.put(job, new StatusView.JobFreshness(job, null, null, null, WORKSPACE_JOBS.contains(job))));
        // runs of one job and workspace never overlap (run lock), so the newest id is also the last to end
        jdbc.query("SELECT i.JOB_NAME, MAX(e.JOB_EXECUTION_ID), MAX(e.END_TIME) FROM BATCH_JOB_EXECUTION e "
                + "JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID "
                + "JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID "
                + "WHERE e.STATUS = ? AND e.END_TIME IS NOT NULL AND p.PARAMETER_NAME = ? AND p.PARAMETER_VALUE = ? "
                + "GROUP BY i.JOB_NAME",
                row -> {
                    String job = row.getString(1);
                    Instant end = row.getTimestamp(3).toInstant();
                    byJob.put(job, new StatusView.JobFreshness(job, end, round(seconds(end, now)), row.getLong(2),
                            WORKSPACE_JOBS.contains(job)));
                },
                BatchStatus.COMPLETED.name(), RunLauncher.WORKSPACE, workspace);
        return new ArrayList<>(byJob.values());
    }

    /**
     * Runs in progress: those the repository has as running (in this process or another, or left so by a killed
     * one until it is recovered), and those stopping here; newest first.
     */
    private List<RunView> running(List<RunView> recent) {
        Set<Long> ids = new LinkedHashSet<>(jdbc.queryForList("SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION "
                + "WHERE STATUS IN (?, ?, ?) ORDER BY JOB_EXECUTION_ID DESC FETCH FIRST " + RUNNING_SCANNED + " ROWS ONLY",
                Long.class, RUNNING.toArray()));
        recent.stream().filter(run -> RUNNING.contains(run.status())).forEach(run -> ids.add(run.id()));
        // a run among the recent ones was just read: only the others are read again
        Map<Long, RunView> known = new java.util.HashMap<>();
        recent.forEach(run -> known.put(run.id(), run));
        return ids.stream().sorted(Comparator.reverseOrder())
                .map(id -> known.containsKey(id) ? Optional.of(known.get(id)) : runs.find(id)).flatMap(Optional::stream)
                .filter(run -> RUNNING.contains(run.status())).toList();
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
