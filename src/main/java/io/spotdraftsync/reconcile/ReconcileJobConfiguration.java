package io.spotdraftsync.reconcile;

import java.util.Map;

import io.spotdraftsync.documents.DocumentStore;
import io.spotdraftsync.export.ChunkMetrics;
import io.spotdraftsync.export.ContractChunkWriter;
import io.spotdraftsync.export.ContractEnricher;
import io.spotdraftsync.export.ContractSource;
import io.spotdraftsync.export.EnrichedContract;
import io.spotdraftsync.export.EnrichedContractReader;
import io.spotdraftsync.export.EnrichmentExecutors;
import io.spotdraftsync.export.ExportCounters;
import io.spotdraftsync.export.ExportProperties;
import io.spotdraftsync.jobs.RunLauncher;
import io.spotdraftsync.jobs.RunProgress;
import io.spotdraftsync.jobs.RunProgressRegistry;
import io.spotdraftsync.jobs.WatermarkStore;
import io.spotdraftsync.workspace.Workspace;
import io.spotdraftsync.workspace.Workspaces;
import io.spotdraftsync.spotdraft.SpotDraftProperties;
import io.spotdraftsync.warehouse.StoredContract;
import io.spotdraftsync.warehouse.Warehouse;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The {@code reconcile} job: compare (and flag deletions), repair (export again), finish. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconcileProperties.class)
public class ReconcileJobConfiguration {

    static final String REPAIR_STEP = "reconcileRepairs";

    @Bean
    ReconcilePlans reconcilePlans() {
        return new ReconcilePlans();
    }

    @Bean
    ReconcileLifecycle reconcileLifecycle(Workspaces workspaces, Warehouse warehouse, ReconcilePlans plans,
            ReconcileProperties properties, RunProgressRegistry progress, EnrichmentExecutors executors,
            WatermarkStore watermarks, ExportProperties exportProperties, JobRepository repository, DocumentStore documents) {
        return new ReconcileLifecycle(workspaces, warehouse, plans, properties, progress, executors, watermarks,
                exportProperties.overlap(), repository, documents);
    }

    @Bean
    ReconcileRunner reconcileRunner(Job reconcileJob, RunLauncher launcher, Workspaces workspaces, ReconcileLifecycle lifecycle) {
        return new ReconcileRunner(reconcileJob, launcher, workspaces, lifecycle);
    }

    /**
     * {@code reconcile} by name: parameters {@code deep}, {@code allow-mass-delete} and {@code verify-documents}
     * (true/false, default false) and {@code workspace} (needed when several are configured).
     */
    @Bean
    io.spotdraftsync.jobs.JobStarter reconcileStarter(ReconcileRunner runner, Workspaces workspaces) {
        return io.spotdraftsync.jobs.JobStarter.of(ReconcileRun.JOB,
                java.util.Set.of("deep", "allow-mass-delete", ReconcileRun.VERIFY_DOCUMENTS),
                parameters -> {
                    io.spotdraftsync.jobs.JobStarter.flag(parameters, "deep");
                    io.spotdraftsync.jobs.JobStarter.flag(parameters, "allow-mass-delete");
                    io.spotdraftsync.jobs.JobStarter.flag(parameters, ReconcileRun.VERIFY_DOCUMENTS);
                    workspaces.checkNamed(parameters.get(io.spotdraftsync.jobs.JobStarter.WORKSPACE), ReconcileRun.JOB);
                },
                (parameters, trigger) -> runner.run(parameters.get(io.spotdraftsync.jobs.JobStarter.WORKSPACE),
                        io.spotdraftsync.jobs.JobStarter.flag(parameters, "deep"),
                        io.spotdraftsync.jobs.JobStarter.flag(parameters, "allow-mass-delete"),
                        io.spotdraftsync.jobs.JobStarter.flag(parameters, ReconcileRun.VERIFY_DOCUMENTS), trigger).execution());
    }

    @Bean
    Job reconcileJob(JobRepository repository, ReconcileLifecycle lifecycle, io.spotdraftsync.jobs.RunStartNotifier runStartNotifier,
            Step reconcileCompare, Step reconcileRepairs, Step reconcileFinish) {
        return new JobBuilder(ReconcileRun.JOB, repository)
                .listener(new io.spotdraftsync.jobs.RunLogContext())
                .listener(lifecycle)
                .listener(runStartNotifier)
                .start(reconcileCompare)
                .next(reconcileRepairs)
                .next(reconcileFinish)
                .build();
    }

    @Bean
    Step reconcileCompare(JobRepository repository, PlatformTransactionManager transactions, ReconcileLifecycle lifecycle) {
        return new StepBuilder("reconcileCompare", repository).tasklet(lifecycle::compare, transactions)
                .allowStartIfComplete(true).build();
    }

    @Bean
    Step reconcileFinish(JobRepository repository, PlatformTransactionManager transactions, ReconcileLifecycle lifecycle) {
        return new StepBuilder("reconcileFinish", repository).tasklet(lifecycle::finish, transactions).build();
    }

    @Bean
    Step reconcileRepairs(JobRepository repository, PlatformTransactionManager transactions, SpotDraftProperties spotDraft,
            EnrichedContractReader reconcileRepairReader, ContractChunkWriter reconcileRepairWriter,
            ExportCounters reconcileCounters) {
        return new StepBuilder(REPAIR_STEP, repository)
                .<EnrichedContract, EnrichedContract>chunk(spotDraft.pageSize())
                .transactionManager(transactions)
                .reader(reconcileRepairReader)
                .writer(reconcileRepairWriter)
                .stream(reconcileCounters)
                .build();
    }

    @Bean
    @StepScope
    ExportCounters reconcileCounters() {
        return new ExportCounters();
    }

    /** The repairs of this run's plan; never resumed by position, since a rerun compares again. */
    @Bean
    @StepScope
    EnrichedContractReader reconcileRepairReader(Workspaces workspaces, SpotDraftProperties spotDraft, DocumentStore documents,
            Warehouse warehouse, ReconcilePlans plans, EnrichmentExecutors executors,
            @Value("#{stepExecution}") StepExecution step) {
        ReconcileRun run = ReconcileRun.of(step.getJobExecution());
        Workspace workspace = workspaces.get(run.workspace());
        EnrichmentExecutors.Pools pools = executors.forWorkspace(workspace.name());
        ReconcilePlan plan = plans.get(step.getJobExecutionId());
        Map<String, StoredContract> stored = warehouse.storedContracts(run.workspace());
        ContractEnricher enricher = new ContractEnricher(workspace.client(), documents, workspace.name(), workspace.documentPrefix(), () -> stored,
                pools.calls(), plan.documentsToFetchAgain());
        EnrichedContractReader reader = new EnrichedContractReader(ContractSource.of(plan.repairs()), spotDraft.pageSize(),
                enricher, pools.items());
        reader.setSaveState(false);
        return reader;
    }

    @Bean
    @StepScope
    ContractChunkWriter reconcileRepairWriter(Warehouse warehouse, RunProgressRegistry progress, ExportCounters reconcileCounters,
            ChunkMetrics chunkMetrics, @Value("#{stepExecution}") StepExecution step) {
        ReconcileRun run = ReconcileRun.of(step.getJobExecution());
        RunProgress live = progress.current(ReconcileRun.JOB, run.workspace())
                .orElseGet(() -> new RunProgress(ReconcileRun.JOB, () -> 0));
        return new ContractChunkWriter(warehouse, run.workspace(), run.runId(), "reconcile", reconcileCounters, live,
                chunkMetrics.of(run.workspace(), ReconcileRun.JOB));
    }
}
