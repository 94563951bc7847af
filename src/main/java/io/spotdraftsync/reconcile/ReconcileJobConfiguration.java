package io.spotdraftsync.reconcile;

import java.util.Map;

import io.spotdraftsync.documents.DocumentStore;
import io.spotdraftsync.export.ChunkMetrics;
import io.spotdraftsync.export.ContractChunkWriter;
import io.spotdraftsync.export.ContractEnricher;
import io.spotdraftsync.export.ContractSource;
import io.spotdraftsync.export.EnrichedContract;
import io.spotdraftsync.export.EnrichedContractReader;
import io.spotdraftsync.export.ExportCounters;
import io.spotdraftsync.export.ExportProperties;
import io.spotdraftsync.jobs.RunLauncher;
import io.spotdraftsync.jobs.RunProgress;
import io.spotdraftsync.jobs.RunProgressRegistry;
import io.spotdraftsync.jobs.WatermarkStore;
import io.spotdraftsync.spotdraft.SpotDraftClient;
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
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
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
    ReconcileLifecycle reconcileLifecycle(SpotDraftClient client, Warehouse warehouse, ReconcilePlans plans,
            ReconcileProperties properties, RunProgressRegistry progress,
            @Qualifier("enrichmentCallExecutor") AsyncTaskExecutor calls, WatermarkStore watermarks,
            ExportProperties exportProperties, JobRepository repository) {
        return new ReconcileLifecycle(client, warehouse, plans, properties, progress, calls, watermarks,
                exportProperties.overlap(), repository);
    }

    @Bean
    ReconcileRunner reconcileRunner(Job reconcileJob, RunLauncher launcher, SpotDraftClient client, ReconcileLifecycle lifecycle) {
        return new ReconcileRunner(reconcileJob, launcher, client, lifecycle);
    }

    /** {@code reconcile} by name: parameters {@code deep} and {@code allow-mass-delete} (true/false, default false). */
    @Bean
    io.spotdraftsync.jobs.JobStarter reconcileStarter(ReconcileRunner runner) {
        return io.spotdraftsync.jobs.JobStarter.of(ReconcileRun.JOB, java.util.Set.of("deep", "allow-mass-delete"),
                parameters -> {
                    io.spotdraftsync.jobs.JobStarter.flag(parameters, "deep");
                    io.spotdraftsync.jobs.JobStarter.flag(parameters, "allow-mass-delete");
                },
                (parameters, trigger) -> runner.run(io.spotdraftsync.jobs.JobStarter.flag(parameters, "deep"),
                        io.spotdraftsync.jobs.JobStarter.flag(parameters, "allow-mass-delete"), trigger).execution());
    }

    @Bean
    Job reconcileJob(JobRepository repository, ReconcileLifecycle lifecycle, io.spotdraftsync.jobs.RunStartNotifier runStartNotifier,
            Step reconcileCompare, Step reconcileRepairs, Step reconcileFinish) {
        return new JobBuilder(ReconcileRun.JOB, repository)
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
    EnrichedContractReader reconcileRepairReader(SpotDraftClient client, SpotDraftProperties spotDraft, DocumentStore documents,
            Warehouse warehouse, ReconcilePlans plans, @Qualifier("enrichmentExecutor") AsyncTaskExecutor enrichmentExecutor,
            @Qualifier("enrichmentCallExecutor") AsyncTaskExecutor enrichmentCallExecutor,
            @Value("#{stepExecution}") StepExecution step) {
        ReconcileRun run = ReconcileRun.of(step.getJobExecution());
        ReconcilePlan plan = plans.get(step.getJobExecutionId());
        Map<String, StoredContract> stored = warehouse.storedContracts(run.workspace());
        ContractEnricher enricher = new ContractEnricher(client, documents, run.workspace(), () -> stored, enrichmentCallExecutor);
        EnrichedContractReader reader = new EnrichedContractReader(ContractSource.of(plan.repairs()), spotDraft.pageSize(),
                enricher, enrichmentExecutor);
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
