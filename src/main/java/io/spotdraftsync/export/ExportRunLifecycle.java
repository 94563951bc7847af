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

    /** Last step: every chunk committed, so the watermark may move to this run's start. */
    RepeatStatus finish(StepContribution contribution, ChunkContext chunk) {
        JobExecution execution = chunk.getStepContext().getStepExecution().getJobExecution();
        ExportRun run = ExportRun.of(execution);
        if (run.targeted()) {
            warehouse.recordRun(summary(execution, run, "COMPLETED", null, null));
            return RepeatStatus.FINISHED;
        }
        watermarks.advance(run.workspace(), ExportRun.JOB, run.startedAt(), execution.getId());
        warehouse.recordRun(summary(execution, run, "COMPLETED", run.startedAt(), null));
        return RepeatStatus.FINISHED;
    }

    @Override
    public void afterJob(JobExecution execution) {
        try {
            if (execution.getStatus() != BatchStatus.COMPLETED && ExportRun.begun(execution)) {
                ExportRun run = ExportRun.of(execution);
                String message = execution.getAllFailureExceptions().stream().findFirst()
                        .map(io.spotdraftsync.jobs.Failures::rootMessage).orElse(execution.getExitStatus().getExitDescription());
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

    /** What the run did so far, over every execution of it (a resumed run adds to the failed one). */
    public ExportSummary summarize(JobExecution execution) {
        ExportCounters counters = new ExportCounters();
        for (StepExecution step : execution.getStepExecutions()) {
            if (ExportJobConfiguration.CONTRACTS_STEP.equals(step.getStepName())) {
                counters.open(step.getExecutionContext());
            }
        }
        ClientCounters spent = spent(execution);
        ExecutionContext context = execution.getExecutionContext();
        return new ExportSummary(counters.contractsRead(), counters.contractsWritten(), counters.contractsUnchanged(), counters.documentsWritten(),
                counters.documentBytes(), context.getLong(API_CALLS_BEFORE, 0) + spent.calls(),
                context.getLong(API_429_BEFORE, 0) + spent.tooManyRequests());
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
