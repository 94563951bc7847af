package io.spotdraftsync.export;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.spotdraftsync.jobs.RunProgressRegistry;
import io.spotdraftsync.jobs.WatermarkStore;
import io.spotdraftsync.spotdraft.ClientCounters;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.warehouse.SyncRunRow;
import io.spotdraftsync.warehouse.Warehouse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The start and end of an export run: decides its mode and filter, records it in {@code sync_runs}, and
 * moves the watermark forward only once every write of the run has committed.
 */
public class ExportRunLifecycle implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ExportRunLifecycle.class);
    private static final String API_CALLS_BEFORE = "export.apiCallsOfEarlierExecutions";
    private static final String API_429_BEFORE = "export.api429sOfEarlierExecutions";
    /** Skipped contracts an incremental run retries at most (10 filtered listings). */
    static final int MAX_RETRIED = 1000;

    private final io.spotdraftsync.workspace.Workspaces workspaces;
    private final Warehouse warehouse;
    private final WatermarkStore watermarks;
    private final JobRepository repository;
    private final RunProgressRegistry progress;
    private final ExportProperties properties;
    private final Map<Long, ClientCounters> countersAtStart = new ConcurrentHashMap<>();

    public ExportRunLifecycle(io.spotdraftsync.workspace.Workspaces workspaces, Warehouse warehouse, WatermarkStore watermarks, JobRepository repository,
            RunProgressRegistry progress, ExportProperties properties) {
        this.workspaces = workspaces;
        this.warehouse = warehouse;
        this.watermarks = watermarks;
        this.repository = repository;
        this.progress = progress;
        this.properties = properties;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        SpotDraftClient client = workspaces.client(workspace(execution));
        countersAtStart.put(execution.getId(), client.counters());
        progress.begin(ExportRun.JOB, workspace(execution), () -> client.counters().calls());
        if (ExportRun.begun(execution) && !ExportRun.of(execution).targeted()) {
            retrySkippedByThisRun(execution);
        }
    }

    /**
     * A resumed run starts again after its last committed chunk: the contracts its earlier executions skipped in the
     * chunks they committed would wait for the next run. It tries them again at its end, with those of earlier runs
     * (those skipped in a chunk that was rolled back are read again anyway).
     */
    private void retrySkippedByThisRun(JobExecution execution) {
        StepExecution earlier = repository.getLastStepExecution(execution.getJobInstance(), ExportJobConfiguration.CONTRACTS_STEP);
        if (earlier == null || earlier.getStatus() == BatchStatus.COMPLETED) {
            // not started, or done (and its skips then in the list already, or tried by a second pass that ran)
            return;
        }
        ExportCounters committed = new ExportCounters();
        committed.open(earlier.getExecutionContext());
        java.util.Set<String> retried = new java.util.TreeSet<>(ExportRun.retryContracts(execution));
        retried.addAll(committed.failedContracts().keySet());
        if (retried.size() > ExportRun.retryContracts(execution).size()) {
            ExportRun run = ExportRun.of(execution);
            log.info("Export {} resumes: at its end it tries again {} contract(s) that it or earlier runs skipped", run.runId(),
                    Math.min(retried.size(), MAX_RETRIED));
            ExportRun.saveRetryContracts(execution.getExecutionContext(), retried.stream().limit(MAX_RETRIED).toList());
            repository.updateExecutionContext(execution);
        }
    }

    /** First step: fixes the run's facts once (a resumed run keeps them). */
    RepeatStatus begin(StepContribution contribution, ChunkContext chunk) {
        JobExecution execution = chunk.getStepContext().getStepExecution().getJobExecution();
        if (!ExportRun.begun(execution)) {
            ExportRun requested = ExportRun.of(execution);
            Instant startedAt = Instant.now();
            ExportRun run;
            boolean incremental = false;
            if (requested.targeted()) {
                // a webhook's contracts only: the watermark belongs to the list-based runs
                run = new ExportRun(requested.runId(), requested.workspace(), ExportRun.TARGETED, requested.trigger(),
                        startedAt, null, null, requested.contracts());
            } else {
                Optional<Instant> watermark = watermarks.watermark(requested.workspace(), ExportRun.JOB);
                incremental = ExportRun.INCREMENTAL.equals(requested.mode()) && watermark.isPresent();
                run = new ExportRun(requested.runId(), requested.workspace(),
                        incremental ? ExportRun.INCREMENTAL : ExportRun.FULL, requested.trigger(), startedAt,
                        watermark.orElse(null), incremental ? watermark.get().minus(properties.overlap()) : null, List.of());
            }
            run.saveIn(execution.getExecutionContext());
            if (incremental) {
                retrySkipped(run, execution);
            }
            repository.updateExecutionContext(execution);
            if (!incremental && ExportRun.INCREMENTAL.equals(requested.mode())) {
                log.info("Workspace {} has no completed export yet: this run is a full export", run.workspace());
            }
            warehouse.recordRun(SyncRunRow.started(run.runId(), run.workspace(), ExportRun.JOB, run.mode(), run.trigger(),
                    startedAt, run.watermarkBefore()));
        }
        ExportRun run = ExportRun.of(execution);
        log.info("Export {} of workspace {}: {} run{}", run.runId(), run.workspace(), run.mode(),
                run.targeted() ? " of " + run.contracts().size() + " contract(s)"
                        : run.filterFrom() == null ? "" : ", contracts changed since " + run.filterFrom());
        return RepeatStatus.FINISHED;
    }

    /**
     * An incremental run also tries again the contracts that runs skipped since its window's start (they may not
     * change again, so the window alone would never bring them back); a full run reads them anyway.
     */
    private void retrySkipped(ExportRun run, JobExecution execution) {
        List<String> skipped = warehouse.skippedContracts(run.workspace(), run.filterFrom());
        if (skipped.size() > MAX_RETRIED) {
            log.warn("{} contracts of workspace {} were skipped by earlier runs: this run tries {} of them again, the next "
                    + "runs the others (or run a full export)", skipped.size(), run.workspace(), MAX_RETRIED);
            skipped = skipped.subList(0, MAX_RETRIED);
        }
        if (!skipped.isEmpty()) {
            log.info("Export {} tries again {} contract(s) that earlier runs skipped", run.runId(), skipped.size());
        }
        ExportRun.saveRetryContracts(execution.getExecutionContext(), skipped);
    }

    /** Last step: every chunk committed, so the watermark may move to this run's start. */
    RepeatStatus finish(StepContribution contribution, ChunkContext chunk) {
        JobExecution execution = chunk.getStepContext().getStepExecution().getJobExecution();
        ExportRun run = ExportRun.of(execution);
        String skipped = skippedMessage(execution);
        if (run.targeted()) {
            warehouse.recordRun(summary(execution, run, "COMPLETED", null, skipped));
            return RepeatStatus.FINISHED;
        }
        watermarks.advance(run.workspace(), ExportRun.JOB, run.startedAt(), execution.getId());
        warehouse.recordRun(summary(execution, run, "COMPLETED", run.startedAt(), skipped));
        return RepeatStatus.FINISHED;
    }

    @Override
    public void afterJob(JobExecution execution) {
        try {
            if (execution.getStatus() != BatchStatus.COMPLETED && ExportRun.begun(execution)) {
                ExportRun run = ExportRun.of(execution);
                String message = execution.getAllFailureExceptions().stream().findFirst()
                        .map(ExportRunLifecycle::failureMessage).orElse(execution.getExitStatus().getExitDescription());
                warehouse.recordRun(summary(execution, run, execution.getStatus().name(), null, message));
            }
            ExecutionContext context = execution.getExecutionContext();
            ClientCounters spent = spent(execution);
            context.putLong(API_CALLS_BEFORE, context.getLong(API_CALLS_BEFORE, 0) + spent.calls());
            context.putLong(API_429_BEFORE, context.getLong(API_429_BEFORE, 0) + spent.tooManyRequests());
            repository.updateExecutionContext(execution);
        } catch (RuntimeException recordFailed) {
            // the run's own outcome stands; only its record is incomplete
            log.warn("Could not record the outcome of export run {}: {}", execution.getId(), recordFailed.getMessage());
        } finally {
            countersAtStart.remove(execution.getId());
            progress.end(ExportRun.JOB, workspace(execution));
        }
    }

    /** Null when the run skipped no contract. */
    private String skippedMessage(JobExecution execution) {
        int failed = summarize(execution).contractsFailed();
        return failed == 0 ? null : failed + " contract(s) skipped because fetching them failed (sync_run_skips); "
                + "the next export run tries them again";
    }

    /** The deepest cause's message; past the skip limit, says so first (the cause is the last contract's failure). */
    public static String failureMessage(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SkipLimitExceededException limit) {
                return "More contracts failed than sync.export.skip-limit (" + limit.getSkipLimit()
                        + ") allows, so the run stopped; the last: " + io.spotdraftsync.jobs.Failures.rootMessage(failure);
            }
        }
        return io.spotdraftsync.jobs.Failures.rootMessage(failure);
    }

    /** What the run did so far, over every execution of it (a resumed run adds to the failed one). */
    public ExportSummary summarize(JobExecution execution) {
        long read = 0, written = 0, unchanged = 0, documents = 0, documentBytes = 0;
        Map<String, String> failed = new java.util.LinkedHashMap<>();
        Map<String, String> failedAgain = null;
        for (StepExecution step : execution.getStepExecutions()) {
            if (ExportJobConfiguration.CONTRACT_STEPS.contains(step.getStepName())) {
                ExportCounters counters = new ExportCounters();
                counters.open(step.getExecutionContext());
                read += counters.contractsRead();
                written += counters.contractsWritten();
                unchanged += counters.contractsUnchanged();
                documents += counters.documentsWritten();
                documentBytes += counters.documentBytes();
                if (ExportJobConfiguration.RETRY_STEP.equals(step.getStepName()) && step.getStatus() == BatchStatus.COMPLETED) {
                    failedAgain = counters.failedContracts();
                } else {
                    failed.putAll(counters.failedContracts());
                }
            }
        }
        if (failedAgain != null) {
            // the second pass tried these again: those it did not skip are loaded (or gone from SpotDraft)
            ExportRun.retryContracts(execution).forEach(failed::remove);
            failed.putAll(failedAgain);
        }
        ClientCounters spent = spent(execution);
        ExecutionContext context = execution.getExecutionContext();
        return new ExportSummary(read, written, unchanged, documents, documentBytes,
                context.getLong(API_CALLS_BEFORE, 0) + spent.calls(), context.getLong(API_429_BEFORE, 0) + spent.tooManyRequests(),
                failed);
    }

    /**
     * The mode a run of the requested mode has: {@code incremental} is {@code full} while the workspace has never
     * completed an export. For a run that has begun, the mode it fixed then.
     */
    String effectiveMode(JobExecution execution) {
        ExportRun run = ExportRun.of(execution);
        if (ExportRun.begun(execution) || !ExportRun.INCREMENTAL.equals(run.mode())) {
            return run.mode();
        }
        return effectiveMode(run.workspace(), false);
    }

    String effectiveMode(String workspace, boolean full) {
        return full || watermarks.watermark(workspace, ExportRun.JOB).isEmpty() ? ExportRun.FULL : ExportRun.INCREMENTAL;
    }

    /** The run's mode as it runs: {@code incremental} is {@code full} for a workspace's first export. */
    public String mode(JobExecution execution) {
        return ExportRun.of(execution).mode();
    }

    private SyncRunRow summary(JobExecution execution, ExportRun run, String outcome, Instant watermarkAfter, String message) {
        ExportSummary summary = summarize(execution);
        return SyncRunRow.started(run.runId(), run.workspace(), ExportRun.JOB, run.mode(), run.trigger(), run.startedAt(),
                run.watermarkBefore()).ended(Instant.now(), outcome,
                new SyncRunRow.Counts(summary.contractsRead(), summary.contractsWritten(), summary.contractsUnchanged(),
                        summary.documentsWritten(), summary.documentBytes(), summary.apiCalls(), summary.api429s()),
                watermarkAfter, message);
    }

    private ClientCounters spent(JobExecution execution) {
        ClientCounters start = countersAtStart.get(execution.getId());
        return start == null ? new ClientCounters(0, 0, 0, java.time.Duration.ZERO)
                : workspaces.client(workspace(execution)).counters().minus(start);
    }

    private static String workspace(JobExecution execution) {
        return execution.getJobParameters().getString(io.spotdraftsync.jobs.RunLauncher.WORKSPACE);
    }

}
