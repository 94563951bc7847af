package io.spotdraftsync.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongPredicate;

import io.spotdraftsync.export.ExportRunLifecycle;
import io.spotdraftsync.export.ExportSummary;
import io.spotdraftsync.importer.ImportJobConfiguration;
import io.spotdraftsync.importer.ImportRunLifecycle;
import io.spotdraftsync.importer.ImportSummary;
import io.spotdraftsync.jobs.RunLauncher;
import io.spotdraftsync.jobs.RunProgress;
import io.spotdraftsync.jobs.RunOwners;
import io.spotdraftsync.jobs.RunProgressRegistry;
import io.spotdraftsync.reconcile.ReconcileLifecycle;
import io.spotdraftsync.reconcile.ReconcileSummary;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads runs from the job repository and turns them into {@link RunView}s, with the counts each job's lifecycle
 * sums up from its execution contexts.
 */
public class RunViews {

    public static final int MAX_LIMIT = 200;

    private static final String EXPORT = "export";
    private static final String RECONCILE = "reconcile";
    /** A run the job repository has as running whose owner stopped checking in: left so by a process that died. */
    public static final String INTERRUPTED = "INTERRUPTED";
    private static final String JOB_INTERRUPTED = "org.springframework.batch.core.job.JobInterruptedException";

    private final JobRepository repository;
    private final JdbcTemplate jdbc;
    private final RunProgressRegistry progress;
    private final ExportRunLifecycle export;
    private final ReconcileLifecycle reconcile;
    private final ImportRunLifecycle imports;
    private final LongPredicate inFlight;
    private final RunOwners owners;

    /**
     * @param inFlight whether an execution's thread is still at work in this process (see {@link
     *                 io.spotdraftsync.jobs.JobRuns#inFlight})
     * @param owners   who owns the running runs, and whether they still check in
     */
    public RunViews(JobRepository repository, JdbcTemplate jdbc, RunProgressRegistry progress, ExportRunLifecycle export,
            ReconcileLifecycle reconcile, ImportRunLifecycle imports, LongPredicate inFlight, RunOwners owners) {
        this.inFlight = inFlight;
        this.owners = owners;
        this.repository = repository;
        this.jdbc = jdbc;
        this.progress = progress;
        this.export = export;
        this.reconcile = reconcile;
        this.imports = imports;
    }

    public Optional<RunView> find(long id) {
        try {
            return Optional.ofNullable(repository.getJobExecution(id)).map(this::view);
        } catch (EmptyResultDataAccessException unknown) {
            // the JDBC repository of Spring Batch 6 throws rather than answering null
            return Optional.empty();
        }
    }

    /** Newest first (by execution id); {@code job} and {@code status} filter when not null. */
    public List<RunView> list(String job, BatchStatus status, int limit) {
        StringBuilder sql = new StringBuilder("SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e "
                + "JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE 1 = 1");
        List<Object> arguments = new ArrayList<>();
        if (job != null) {
            sql.append(" AND i.JOB_NAME = ?");
            arguments.add(job);
        }
        if (status != null) {
            sql.append(" AND e.STATUS = ?");
            arguments.add(status.name());
        }
        sql.append(" ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ?");
        arguments.add(Math.max(1, Math.min(MAX_LIMIT, limit)));
        List<Long> ids = jdbc.queryForList(sql.toString(), Long.class, arguments.toArray());
        return ids.stream().map(repository::getJobExecution).filter(Objects::nonNull).map(this::view).toList();
    }

    public RunView view(JobExecution execution) {
        String job = execution.getJobInstance().getJobName();
        JobParameters parameters = execution.getJobParameters();
        String workspace = parameters.getString(RunLauncher.WORKSPACE);
        Instant start = instant(execution.getStartTime());
        Instant end = instant(execution.getEndTime());
        BatchStatus status = execution.getStatus();
        String shownStatus = status.name();
        boolean running = status.isRunning();
        if (status == BatchStatus.STOPPED && inFlight.test(execution.getId())) {
            // stop() marks it STOPPED at once; it is still finishing its chunk here
            shownStatus = BatchStatus.STOPPING.name();
            end = null;
            running = true;
        }
        String owner = null;
        Instant lastSeen = null;
        if (status.isRunning()) {
            RunOwners.Liveness liveness = owners.liveness(execution);
            owner = liveness.owner();
            lastSeen = liveness.lastSeen();
            if (!liveness.alive() && !inFlight.test(execution.getId())) {
                // until serve recovers it (DeadRunRecovery), as it was when its owner last checked in
                shownStatus = INTERRUPTED;
                running = false;
            }
        }
        Double seconds = start == null ? null : seconds(start, end != null ? end : running ? Instant.now()
                : lastSeen != null && lastSeen.isAfter(start) ? lastSeen : start);

        Map<String, Object> counts = new LinkedHashMap<>();
        Long apiCalls = null;
        // export and import count API calls over every execution of a run, reconcile over its last one only
        boolean callsOverEveryExecution = true;
        String mode = parameters.getString(RunLauncher.MODE);
        // the webhook worker's targeted runs (export.webhook) are exports of named contracts: same steps, same counts
        boolean anExport = EXPORT.equals(job) || io.spotdraftsync.export.ExportRun.TARGETED_JOB.equals(job);
        if (anExport) {
            ExportSummary summary = export.summarize(execution);
            counts.put("contractsRead", summary.contractsRead());
            counts.put("contractsWritten", summary.contractsWritten());
            counts.put("contractsUnchanged", summary.contractsUnchanged());
            counts.put("contractsFailed", summary.contractsFailed());
            counts.put("documentsWritten", summary.documentsWritten());
            counts.put("documentBytes", summary.documentBytes());
            counts.put("api429s", summary.api429s());
            apiCalls = summary.apiCalls();
            mode = export.mode(execution);
        } else if (RECONCILE.equals(job)) {
            ReconcileSummary summary = reconcile.summarize(execution);
            counts.put("listed", summary.listed());
            Map<String, Integer> findings = new LinkedHashMap<>();
            summary.findings().forEach((finding, count) -> findings.put(finding.label(), count));
            counts.put("findings", findings);
            counts.put("repaired", summary.repaired());
            counts.put("repairsWritten", summary.repairsWritten());
            counts.put("documentsWritten", summary.documentsWritten());
            counts.put("api429s", summary.api429s());
            apiCalls = summary.apiCalls();
            callsOverEveryExecution = false;
        } else if (ImportJobConfiguration.JOB.equals(job)) {
            ImportSummary summary = imports.summarize(execution);
            counts.put("rows", summary.rows());
            counts.put("invalid", summary.invalid());
            counts.put("created", summary.created());
            counts.put("alreadyImported", summary.alreadyImported());
            counts.put("recovered", summary.recovered());
            counts.put("rejected", summary.rejected());
            counts.put("keyPointersRejected", summary.keyPointersRejected());
            apiCalls = imports.apiCalls(execution);
        }
        Double callSeconds = callsOverEveryExecution && seconds != null ? secondsOfEveryExecution(execution, seconds) : seconds;
        Double perSecond = apiCalls == null || callSeconds == null || callSeconds <= 0 ? null : round(apiCalls / callSeconds);

        RunView.Progress live = null;
        if (running && workspace != null) {
            live = progress.current(anExport ? EXPORT : job, workspace).map(RunProgress::snapshot).map(RunViews::progress).orElse(null);
        }
        return new RunView(execution.getId(), job, workspace, parameters.getString(RunLauncher.RUN_ID), mode,
                parameters.getString(RunLauncher.TRIGGER), shownStatus, execution.getExitStatus().getExitCode(),
                failureMessage(execution), start, end, seconds, counts, apiCalls, perSecond, live, owner, lastSeen);
    }

    /** This execution's seconds plus those of the earlier executions of the same run (a restart resumes it). */
    private double secondsOfEveryExecution(JobExecution execution, double own) {
        double total = own;
        for (JobExecution earlier : repository.getJobExecutions(execution.getJobInstance())) {
            if (earlier.getId() < execution.getId() && earlier.getStartTime() != null && earlier.getEndTime() != null) {
                total += seconds(instant(earlier.getStartTime()), instant(earlier.getEndTime()));
            }
        }
        return total;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static RunView.Progress progress(RunProgress.Snapshot snapshot) {
        Duration eta = snapshot.eta();
        return new RunView.Progress(snapshot.done(), snapshot.total() < 0 ? null : snapshot.total(),
                round(snapshot.itemsPerSecond()), eta == null ? null : eta.toSeconds());
    }

    /**
     * The message of the failure, without the stack trace that Spring Batch keeps in the exit description: the
     * deepest {@code Caused by:} of it, which names the real problem (as {@code Failures.rootMessage} does).
     */
    static String failureMessage(JobExecution execution) {
        if (!execution.getAllFailureExceptions().isEmpty()) {
            return io.spotdraftsync.jobs.Failures.rootMessage(execution.getAllFailureExceptions().get(0));
        }
        String description = execution.getExitStatus().getExitDescription();
        if (description == null || description.isBlank()) {
            return null;
        }
        if (execution.getStatus() == BatchStatus.STOPPED && description.strip().equals(JOB_INTERRUPTED)) {
            return "stopped on request";
        }
        return withoutStackTrace(description);
    }

    static String withoutStackTrace(String description) {
        List<String> lines = description.lines().toList();
        boolean stackTrace = lines.stream().anyMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by: "));
        if (!stackTrace) {
            return description.strip();
        }
        String chosen = lines.get(0);
        for (String line : lines) {
            if (line.startsWith("Caused by: ")) {
                chosen = line.substring("Caused by: ".length());
            }
        }
        // "java.lang.IllegalStateException: message" -> "message"
        int colon = chosen.indexOf(": ");
        if (colon > 0 && chosen.substring(0, colon).matches("[\\w.$]+")) {
            return chosen.substring(colon + 2).strip();
        }
        return chosen.strip();
    }

    private static Instant instant(LocalDateTime time) {
        // Spring Batch keeps local times of the JVM's zone
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
