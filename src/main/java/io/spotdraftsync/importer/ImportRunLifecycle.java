package io.spotdraftsync.importer;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.spotdraftsync.jobs.RunLauncher;
import io.spotdraftsync.spotdraft.ClientCounters;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.warehouse.SyncRunRow;
import io.spotdraftsync.warehouse.Warehouse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Records each import run in {@code sync_runs} and sums up what it did. */
public class ImportRunLifecycle implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ImportRunLifecycle.class);
    private static final String API_CALLS_BEFORE = "import.apiCallsOfEarlierExecutions";

    private final io.spotdraftsync.workspace.Workspaces workspaces;
    private final Warehouse warehouse;
    private final JobRepository repository;
    private final Map<Long, ClientCounters> countersAtStart = new ConcurrentHashMap<>();

    /**
     * @param repository where the run's API call count is saved at the end of each execution (the admin API reads it there)
     */
    public ImportRunLifecycle(io.spotdraftsync.workspace.Workspaces workspaces, Warehouse warehouse, JobRepository repository) {
        this.workspaces = workspaces;
        this.warehouse = warehouse;
        this.repository = repository;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        countersAtStart.put(execution.getId(), client(execution).counters());
    }

    private SpotDraftClient client(JobExecution execution) {
        return workspaces.client(execution.getJobParameters().getString(RunLauncher.WORKSPACE));
    }

    @Override
    public void afterJob(JobExecution execution) {
        try {
            ImportSummary summary = summarize(execution);
            ClientCounters now = client(execution).counters();
            ClientCounters start = countersAtStart.getOrDefault(execution.getId(), now);
            String runId = execution.getJobParameters().getString(RunLauncher.RUN_ID);
            Instant started = execution.getStartTime() == null ? Instant.now()
                    : execution.getStartTime().atZone(java.time.ZoneId.systemDefault()).toInstant();
            String message = execution.getAllFailureExceptions().stream().findFirst().map(Throwable::getMessage)
                    .orElse(summary.created() + " created, " + summary.recovered() + " recovered, " + summary.alreadyImported()
                            + " already imported, " + summary.reported() + " reported");
            warehouse.recordRun(new SyncRunRow(runId, execution.getJobParameters().getString(RunLauncher.WORKSPACE),
                    ImportJobConfiguration.JOB, "import", execution.getJobParameters().getString(RunLauncher.TRIGGER), started,
                    Instant.now(), execution.getStatus().name(), summary.rows(), summary.created() + summary.recovered(),
                    summary.alreadyImported(), null, null, now.calls() - start.calls(),
                    now.tooManyRequests() - start.tooManyRequests(), null, null, message));
        } catch (RuntimeException recordFailed) {
            log.warn("Could not record the outcome of import run {}: {}", execution.getId(), recordFailed.getMessage());
        } finally {
            try {
                ExecutionContext context = execution.getExecutionContext();
                context.putLong(API_CALLS_BEFORE, apiCalls(execution));
                // the job saves its status at the end, not its context
                repository.updateExecutionContext(execution);
            } catch (RuntimeException saveFailed) {
                log.warn("Could not save the API call count of import run {}: {}", execution.getId(), saveFailed.getMessage());
            }
            countersAtStart.remove(execution.getId());
        }
    }

    /** SpotDraft API calls of the run so far, over every execution of it (a resumed run adds to the failed one). */
    public long apiCalls(JobExecution execution) {
        ClientCounters start = countersAtStart.get(execution.getId());
        long spent = start == null ? 0 : client(execution).counters().calls() - start.calls();
        return execution.getExecutionContext().getLong(API_CALLS_BEFORE, 0) + spent;
    }

    /** Counts of the run's import step (the last execution of it, which carries the resumed counts). */
    public ImportSummary summarize(JobExecution execution) {
        ExecutionContext context = execution.getStepExecutions().stream()
                .filter(step -> ImportJobConfiguration.STEP.equals(step.getStepName()))
                .reduce((first, second) -> second)
                .map(StepExecution::getExecutionContext)
                .orElseGet(ExecutionContext::new);
        return new ImportSummary(context.getLong(ImportItemReader.ROWS, 0), context.getLong(ImportItemReader.INVALID, 0),
                context.getLong(ImportCounters.CREATED, 0), context.getLong(ImportCounters.ALREADY_IMPORTED, 0),
                context.getLong(ImportCounters.RECOVERED, 0), context.getLong(ImportCounters.REJECTED, 0),
                context.getLong(ImportCounters.KEY_POINTERS_REJECTED, 0));
    }
}
