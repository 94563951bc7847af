package io.spotdraftsync.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.spotdraftsync.documents.DocumentStore;
import io.spotdraftsync.export.ExportCounters;
import io.spotdraftsync.jobs.RunProgressRegistry;
import io.spotdraftsync.jobs.WatermarkStore;
import io.spotdraftsync.spotdraft.ClientCounters;
import io.spotdraftsync.spotdraft.ContractFilter;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.spotdraft.model.DownloadLink;
import io.spotdraftsync.warehouse.FindingRow;
import io.spotdraftsync.warehouse.StoredContract;
import io.spotdraftsync.warehouse.SyncRunRow;
import io.spotdraftsync.warehouse.Warehouse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * A reconciliation run: list every contract (ceil(N/100) calls) and those changed since the last sync
 * (ceil(M/100) calls), look up by id the warehouse's live rows the listing left out (ceil(K/100) calls: a
 * contract returned is a listing miss, never a deletion), compare with the warehouse, flag the confirmed
 * deletions (behind the mass-delete guard), record the findings, then let the repair step export what is missing
 * or stale; at the end, the {@code sync_runs} row and the reconcile watermark.
 */
public class ReconcileLifecycle implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ReconcileLifecycle.class);
    static final String STARTED_AT = "reconcile.startedAt";
    static final String LISTED = "reconcile.listed";
    static final String FINDING_PREFIX = "reconcile.finding.";
    static final String CONFIRMATION_CALLS = "reconcile.confirmationCalls";
    private static final String API_CALLS = "reconcile.apiCalls";
    private static final String API_429S = "reconcile.api429s";

    private final io.spotdraftsync.workspace.Workspaces workspaces;
    private final Warehouse warehouse;
    private final ReconcilePlans plans;
    private final ReconcileProperties properties;
    private final RunProgressRegistry progress;
    private final io.spotdraftsync.export.EnrichmentExecutors executors;
    private final WatermarkStore watermarks;
    private final java.time.Duration overlap;
    private final JobRepository repository;
    private final DocumentStore documents;
    private final Map<Long, ClientCounters> countersAtStart = new ConcurrentHashMap<>();

    /**
     * @param overlap    subtracted from the last sync's start when asking what changed since, as for exports
     * @param repository where the run's API call counts are saved at its end (the admin API reads them from there)
     * @param documents  the store {@code --verify-documents} checks
     */
    public ReconcileLifecycle(io.spotdraftsync.workspace.Workspaces workspaces, Warehouse warehouse, ReconcilePlans plans,
            ReconcileProperties properties, RunProgressRegistry progress, io.spotdraftsync.export.EnrichmentExecutors executors, WatermarkStore watermarks, java.time.Duration overlap,
            JobRepository repository, DocumentStore documents) {
        this.repository = repository;
        this.documents = documents;
        this.workspaces = workspaces;
        this.warehouse = warehouse;
        this.plans = plans;
        this.properties = properties;
        this.progress = progress;
        this.executors = executors;
        this.watermarks = watermarks;
        this.overlap = overlap;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        SpotDraftClient client = workspaces.client(ReconcileRun.of(execution).workspace());
        countersAtStart.put(execution.getId(), client.counters());
        progress.begin(ReconcileRun.JOB, ReconcileRun.of(execution).workspace(), () -> client.counters().calls());
    }

    /** First step, run again on every execution: the comparison is cheap and must see the current state. */
    RepeatStatus compare(StepContribution contribution, ChunkContext chunk) {
        JobExecution execution = chunk.getStepContext().getStepExecution().getJobExecution();
        ReconcileRun run = ReconcileRun.of(execution);
        SpotDraftClient client = workspaces.client(run.workspace());
        Instant startedAt = Instant.now();
        execution.getExecutionContext().putString(STARTED_AT, startedAt.toString());
        warehouse.recordRun(SyncRunRow.started(run.runId(), run.workspace(), ReconcileRun.JOB, run.mode(), run.trigger(),
                startedAt, null));

        Set<String> changedSinceLastSync = changedSinceLastSync(client, run.workspace());
        List<ContractListItem> listed = client.contracts(ContractFilter.none()).stream().toList();
        Map<String, StoredContract> stored = warehouse.storedContracts(run.workspace());
        DeletionCheck check = DeletionCheck.of(client, ReconcilePlan.unlisted(listed, stored));
        execution.getExecutionContext().putInt(CONFIRMATION_CALLS, check.calls());
        if (!check.present().isEmpty()) {
            log.warn("Reconcile {}: SpotDraft's listing left out {} contracts it still has (found by id): listing misses, "
                    + "not deletions", run.runId(), check.present().size());
        }
        List<ContractListItem> present = Stream.concat(listed.stream(), check.present().stream()).toList();
        Set<String> documentStale = run.deep() ? documentStale(client, present, stored, run.workspace()) : Set.of();
        Set<String> documentMismatches = run.verifyDocuments()
                ? StoredDocumentCheck.mismatches(documents, stored, executors.forWorkspace(run.workspace()).calls()) : Set.of();
        ReconcilePlan plan = ReconcilePlan.compare(listed, check.present(), stored, changedSinceLastSync, documentStale)
                .withDocumentMismatches(documentMismatches, present);
        execution.getExecutionContext().putInt(LISTED, plan.listed());
        plan.countsByFinding().forEach((finding, count) -> execution.getExecutionContext().putInt(FINDING_PREFIX + finding.label(), count));

        boolean refused = plan.looksLikeMassDeletion(properties.maxDeleteFraction()) && !run.allowMassDelete();
        warehouse.appendFindings(findingRows(run, plan, startedAt, refused));
        if (refused) {
            throw new MassDeleteRefusedException(refusal(run, plan));
        }
        if (!plan.deletions().isEmpty()) {
            int flagged = warehouse.softDelete(run.workspace(), plan.deletions(), startedAt, run.runId());
            log.info("Reconcile {}: {} contracts no longer in SpotDraft (confirmed by id, {} calls), {} flagged deleted",
                    run.runId(), plan.deletions().size(), check.calls(), flagged);
        }
        plans.put(execution.getId(), plan);
        progress.current(ReconcileRun.JOB, run.workspace()).ifPresent(live -> live.total(plan.repairs().size()));
        log.info("Reconcile {} of workspace {}: {} listed, {} held, findings {}", run.runId(), run.workspace(), plan.listed(),
                plan.storedLive(), plan.countsByFinding());
        return RepeatStatus.FINISHED;
    }

    /**
     * Contracts changed since the last export or reconciliation of the workspace started (minus the overlap):
     * what the list cannot show (key pointers, new document versions) but a missed webhook or a run that failed
     * may have left behind. ceil(M/100) calls; none before a first sync.
     */
    private Set<String> changedSinceLastSync(SpotDraftClient client, String workspace) {
        Optional<Instant> since = Stream.of(watermarks.watermark(workspace, "export"), watermarks.watermark(workspace, ReconcileRun.JOB))
                .flatMap(Optional::stream).max(Comparator.naturalOrder());
        if (since.isEmpty()) {
            return Set.of();
        }
        return client.contracts(ContractFilter.none().lastUpdatedOnAtLeast(since.get().minus(overlap))).stream()
                .map(ContractListItem::id).collect(Collectors.toSet());
    }

    /** With {@code --deep}: one {@code download_link} call per contract that is otherwise current. */
    private Set<String> documentStale(SpotDraftClient client, List<ContractListItem> listed, Map<String, StoredContract> stored,
            String workspace) {
        Executor calls = executors.forWorkspace(workspace).calls();
        List<CompletableFuture<String>> checks = new ArrayList<>();
        for (ContractListItem item : listed) {
            StoredContract row = stored.get(item.id());
            if (row == null || row.deleted() || ReconcilePlan.differs(item, row)) {
                continue;
            }
            checks.add(CompletableFuture.supplyAsync(() -> {
                DownloadLink link = client.downloadLink(item.id());
                return link.currentVersionId() != null && !String.valueOf(link.currentVersionId()).equals(row.documentVersionId())
                        ? item.id() : null;
            }, calls));
        }
        Set<String> stale = new HashSet<>();
        for (CompletableFuture<String> check : checks) {
            String id = check.join();
            if (id != null) {
                stale.add(id);
            }
        }
        return stale;
    }

    private static List<FindingRow> findingRows(ReconcileRun run, ReconcilePlan plan, Instant at, boolean refused) {
        List<FindingRow> rows = new ArrayList<>();
        Map<String, String> actions = plan.actions();
        plan.findings().forEach((id, finding) -> rows.add(new FindingRow(run.runId(), run.workspace(), id, finding.label(),
                refused ? "none: the run was refused by the mass-delete guard" : actions.get(id), null, at)));
        return rows;
    }

    private String refusal(ReconcileRun run, ReconcilePlan plan) {
        String why = plan.listed() == 0
                ? "SpotDraft listed no contract at all while the warehouse holds " + plan.storedLive() + " for workspace " + run.workspace()
                : String.format("this run would soft-delete %d of the %d contracts the warehouse holds for workspace %s (%.0f%%, "
                        + "each left out of the listing and not found by id either), above "
                        + "sync.reconcile.max-delete-fraction=%s", plan.deletions().size(), plan.storedLive(), run.workspace(),
                        100.0 * plan.deletions().size() / Math.max(1, plan.storedLive()), properties.maxDeleteFraction());
        return "Reconcile refused to delete: " + why + ". Nothing was deleted or repaired; the findings are in reconcile_findings "
                + "(run " + run.runId() + "). A listing that comes back short (wrong credentials or workspace, a SpotDraft incident) "
                + "is likelier than a mass deletion: check spotdraft.base-url and the credentials. If the contracts really are gone, "
                + "run `reconcile --allow-mass-delete`.";
    }

    /** Last step: the run's row. */
    RepeatStatus finish(StepContribution contribution, ChunkContext chunk) {
        JobExecution execution = chunk.getStepContext().getStepExecution().getJobExecution();
        ReconcileRun run = ReconcileRun.of(execution);
        watermarks.advance(run.workspace(), ReconcileRun.JOB, Instant.parse(execution.getExecutionContext().getString(STARTED_AT)),
                execution.getId());
        warehouse.recordRun(row(execution, "COMPLETED", null));
        return RepeatStatus.FINISHED;
    }

    @Override
    public void afterJob(JobExecution execution) {
        try {
            if (execution.getStatus() != BatchStatus.COMPLETED && execution.getExecutionContext().containsKey(STARTED_AT)) {
                String message = execution.getAllFailureExceptions().stream().findFirst().map(io.spotdraftsync.jobs.Failures::rootMessage)
                        .orElse(execution.getExitStatus().getExitDescription());
                warehouse.recordRun(row(execution, execution.getStatus().name(), message));
            }
        } catch (RuntimeException recordFailed) {
            log.warn("Could not record the outcome of reconcile run {}: {}", execution.getId(), recordFailed.getMessage());
        } finally {
            ClientCounters spent = spent(execution);
            execution.getExecutionContext().putLong(API_CALLS, spent.calls());
            execution.getExecutionContext().putLong(API_429S, spent.tooManyRequests());
            try {
                // the job saves its status at the end, not its context
                repository.updateExecutionContext(execution);
            } catch (RuntimeException saveFailed) {
                log.warn("Could not save the API call counts of reconcile run {}: {}", execution.getId(), saveFailed.getMessage());
            }
            countersAtStart.remove(execution.getId());
            plans.remove(execution.getId());
            progress.end(ReconcileRun.JOB, ReconcileRun.of(execution).workspace());
        }
    }

    /** What the run found and did. */
    public ReconcileSummary summarize(JobExecution execution) {
        var context = execution.getExecutionContext();
        Map<Finding, Integer> findings = new EnumMap<>(Finding.class);
        for (Finding finding : Finding.values()) {
            int count = context.getInt(FINDING_PREFIX + finding.label(), 0);
            if (count > 0) {
                findings.put(finding, count);
            }
        }
        ExportCounters repairs = new ExportCounters();
        for (StepExecution step : execution.getStepExecutions()) {
            if (ReconcileJobConfiguration.REPAIR_STEP.equals(step.getStepName())) {
                repairs.open(step.getExecutionContext());
            }
        }
        ClientCounters spent = spent(execution);
        return new ReconcileSummary(context.getInt(LISTED, 0), findings, repairs.contractsRead(), repairs.contractsWritten(),
                repairs.documentsWritten(), context.getLong(API_CALLS, spent.calls()), context.getLong(API_429S, spent.tooManyRequests()),
                context.getInt(CONFIRMATION_CALLS, 0));
    }

    private ClientCounters spent(JobExecution execution) {
        ClientCounters start = countersAtStart.get(execution.getId());
        return start == null ? new ClientCounters(0, 0, 0, java.time.Duration.ZERO)
                : workspaces.client(ReconcileRun.of(execution).workspace()).counters().minus(start);
    }

    private SyncRunRow row(JobExecution execution, String outcome, String message) {
        ReconcileRun run = ReconcileRun.of(execution);
        ReconcileSummary summary = summarize(execution);
        return SyncRunRow.started(run.runId(), run.workspace(), ReconcileRun.JOB, run.mode(), run.trigger(),
                        Instant.parse(execution.getExecutionContext().getString(STARTED_AT)), null)
                .ended(Instant.now(), outcome, new SyncRunRow.Counts(summary.listed(), summary.repairsWritten(),
                        summary.repaired() - summary.repairsWritten(), summary.documentsWritten(), 0, summary.apiCalls(),
                        summary.api429s()), null, message);
    }

}
