package io.spotdraftsync.export;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spotdraftsync.documents.DocumentStore;
import io.spotdraftsync.jobs.RunProgress;
import io.spotdraftsync.jobs.RunProgressRegistry;
import io.spotdraftsync.jobs.WatermarkStore;
import io.spotdraftsync.spotdraft.ContractFilter;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.SpotDraftProperties;
import io.spotdraftsync.workspace.Workspace;
import io.spotdraftsync.workspace.Workspaces;
import io.spotdraftsync.warehouse.StoredContract;
import io.spotdraftsync.warehouse.Warehouse;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code export} job: begin (mode, filter, run record), contracts (chunks of one list page, read and
 * enriched concurrently ahead of the chunk being loaded), reference data (counterparties, contract types),
 * finish (watermark).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExportProperties.class)
public class ExportJobConfiguration {

    static final String CONTRACTS_STEP = "exportContracts";
    /** An incremental run's second pass: the contracts earlier runs skipped. */
    static final String RETRY_STEP = "retrySkippedContracts";
    /** The steps that load contracts (their counters add up to the run's). */
    static final java.util.Set<String> CONTRACT_STEPS = java.util.Set.of(CONTRACTS_STEP, RETRY_STEP);

    @Bean
    ExportRunLifecycle exportRunLifecycle(Workspaces workspaces, Warehouse warehouse, WatermarkStore watermarks,
            JobRepository repository, RunProgressRegistry progress, ExportProperties properties) {
        return new ExportRunLifecycle(workspaces, warehouse, watermarks, repository, progress, properties);
    }

    @Bean
    ExportRunner exportRunner(Job exportJob, Job exportWebhookJob, io.spotdraftsync.jobs.RunLauncher launcher,
            Workspaces workspaces, ExportRunLifecycle lifecycle) {
        return new ExportRunner(exportJob, exportWebhookJob, launcher, workspaces, lifecycle);
    }

    /**
     * {@code export} by name: parameters {@code full} (true/false, default false: incremental) and {@code workspace}
     * (needed when several are configured).
     */
    @Bean
    io.spotdraftsync.jobs.JobStarter exportStarter(ExportRunner runner, Workspaces workspaces) {
        return io.spotdraftsync.jobs.JobStarter.of(ExportRun.JOB, java.util.Set.of("full"),
                parameters -> {
                    io.spotdraftsync.jobs.JobStarter.flag(parameters, "full");
                    workspaces.checkNamed(parameters.get(io.spotdraftsync.jobs.JobStarter.WORKSPACE), ExportRun.JOB);
                },
                (parameters, trigger) -> runner.run(parameters.get(io.spotdraftsync.jobs.JobStarter.WORKSPACE),
                        io.spotdraftsync.jobs.JobStarter.flag(parameters, "full"), trigger).execution());
    }

    @Bean
    Job exportJob(JobRepository repository, ExportRunLifecycle lifecycle, io.spotdraftsync.jobs.RunStartNotifier runStartNotifier,
            Step beginExport, Step exportContracts, Step retrySkippedContracts, Step exportReferenceData, Step finishExport) {
        return new JobBuilder(ExportRun.JOB, repository)
                .listener(new io.spotdraftsync.jobs.RunLogContext())
                .listener(lifecycle)
                .listener(runStartNotifier)
                .start(beginExport)
                .next(exportContracts)
                .next(retrySkippedContracts)
                .next(exportReferenceData)
                .next(finishExport)
                .build();
    }

    /**
     * Targeted runs (the webhook worker's): exactly the contracts named by the run, no reference data, no
     * watermark. A separate job so that its runs never resume or abandon an unfinished list-based export;
     * it shares that job's lock ({@link io.spotdraftsync.jobs.RunLauncher#lockName}).
     */
    @Bean
    Job exportWebhookJob(JobRepository repository, ExportRunLifecycle lifecycle,
            io.spotdraftsync.jobs.RunStartNotifier runStartNotifier, Step beginExport, Step exportContracts, Step finishExport) {
        return new JobBuilder(ExportRun.TARGETED_JOB, repository)
                .listener(new io.spotdraftsync.jobs.RunLogContext())
                .listener(lifecycle)
                .listener(runStartNotifier)
                .start(beginExport)
                .next(exportContracts)
                .next(finishExport)
                .build();
    }

    @Bean
    Step beginExport(JobRepository repository, PlatformTransactionManager transactions, ExportRunLifecycle lifecycle) {
        return new StepBuilder("beginExport", repository).tasklet(lifecycle::begin, transactions).build();
    }

    @Bean
    Step finishExport(JobRepository repository, PlatformTransactionManager transactions, ExportRunLifecycle lifecycle) {
        return new StepBuilder("finishExport", repository).tasklet(lifecycle::finish, transactions).build();
    }

    @Bean
    Step exportReferenceData(JobRepository repository, PlatformTransactionManager transactions, Workspaces workspaces,
            Warehouse warehouse, ExportProperties properties) {
        return new StepBuilder("exportReferenceData", repository)
                .tasklet(new ReferenceDataTasklet(workspaces, warehouse, properties.referenceData()), transactions).build();
    }

    /**
     * A contract whose details cannot be fetched (after the client's retries) is skipped, recorded and tried again by
     * the next run, up to {@code sync.export.skip-limit} per step; nothing else is skipped, and nothing is retried
     * here (the client retries each call, and a read cannot be repeated: the reader has moved on).
     */
    @Bean
    Step exportContracts(JobRepository repository, PlatformTransactionManager transactions, SpotDraftProperties spotDraft,
            ExportProperties properties, EnrichedContractReader enrichedContractReader, ContractChunkWriter contractChunkWriter,
            ExportCounters exportCounters, ContractSkips contractSkips) {
        return contractsStep(CONTRACTS_STEP, repository, transactions, spotDraft, properties, enrichedContractReader,
                contractChunkWriter, exportCounters, contractSkips);
    }

    /** The same, for the contracts that earlier runs skipped ({@link ExportRun#retryContracts}); nothing when none. */
    @Bean
    Step retrySkippedContracts(JobRepository repository, PlatformTransactionManager transactions, SpotDraftProperties spotDraft,
            ExportProperties properties, EnrichedContractReader skippedContractReader, ContractChunkWriter contractChunkWriter,
            ExportCounters exportCounters, ContractSkips contractSkips) {
        return contractsStep(RETRY_STEP, repository, transactions, spotDraft, properties, skippedContractReader,
                contractChunkWriter, exportCounters, contractSkips);
    }

    private static Step contractsStep(String name, JobRepository repository, PlatformTransactionManager transactions,
            SpotDraftProperties spotDraft, ExportProperties properties, EnrichedContractReader reader,
            ContractChunkWriter writer, ExportCounters counters, ContractSkips skips) {
        return new StepBuilder(name, repository)
                .<EnrichedContract, EnrichedContract>chunk(spotDraft.pageSize())
                .transactionManager(transactions)
                .reader(reader)
                .writer(writer)
                .stream(counters)
                .faultTolerant()
                .skip(ContractEnrichmentException.class)
                .skipLimit(properties.skipLimit())
                .skipListener(skips)
                .build();
    }

    @Bean
    @StepScope
    ContractSkips contractSkips(Warehouse warehouse, ExportCounters exportCounters, @Value("#{stepExecution}") StepExecution step) {
        ExportRun run = ExportRun.of(step.getJobExecution());
        return new ContractSkips(warehouse, run.workspace(), run.runId(), exportCounters, java.time.Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    EnrichmentExecutors enrichmentExecutors(ExportProperties properties) {
        return new EnrichmentExecutors(properties.concurrency());
    }

    @Bean
    @StepScope
    ExportCounters exportCounters() {
        return new ExportCounters();
    }

    @Bean
    @StepScope
    EnrichedContractReader enrichedContractReader(Workspaces workspaces, SpotDraftProperties spotDraft, DocumentStore documents,
            Warehouse warehouse, RunProgressRegistry progress, EnrichmentExecutors executors,
            @Value("#{stepExecution}") StepExecution step) {
        ExportRun run = ExportRun.of(step.getJobExecution());
        Workspace workspace = workspaces.get(run.workspace());
        SpotDraftClient client = client(workspace, step);
        EnrichmentExecutors.Pools pools = executors.forWorkspace(workspace.name());
        ContractFilter filter = run.targeted() ? ContractFilter.none().contractIdIn(io.spotdraftsync.spotdraft.model.ContractId.candidates(run.contracts()))
                : run.filterFrom() == null ? ContractFilter.none()
                : ContractFilter.none().lastUpdatedOnAtLeast(run.filterFrom());
        RunProgress live = progress.current(ExportRun.JOB, run.workspace()).orElse(null);
        ContractEnricher enricher = enricher(workspace, client, documents, warehouse, pools);
        ContractSource pages = ContractSource.pages(client, filter, spotDraft.pageSize(), total -> {
            if (live != null) {
                live.total(total);
            }
        });
        return new EnrichedContractReader(pages, spotDraft.pageSize(), enricher, pools.items());
    }

    /** The contracts that earlier runs skipped and this incremental run tries again (none for other runs). */
    @Bean
    @StepScope
    EnrichedContractReader skippedContractReader(Workspaces workspaces, SpotDraftProperties spotDraft, DocumentStore documents,
            Warehouse warehouse, EnrichmentExecutors executors, @Value("#{stepExecution}") StepExecution step) {
        ExportRun run = ExportRun.of(step.getJobExecution());
        Workspace workspace = workspaces.get(run.workspace());
        EnrichmentExecutors.Pools pools = executors.forWorkspace(workspace.name());
        SpotDraftClient client = client(workspace, step);
        ContractEnricher enricher = enricher(workspace, client, documents, warehouse, pools);
        java.util.List<String> retried = ExportRun.retryContracts(step.getJobExecution());
        ContractSource source = retried.isEmpty() ? ContractSource.of(java.util.List.of())
                : ContractSource.byIds(client, retried);
        return new EnrichedContractReader(source, spotDraft.pageSize(), enricher, pools.items());
    }

    /** Contracts read, written and skipped per workspace and job; every configured workspace's at zero from the start. */
    @Bean
    ChunkMetrics chunkMetrics(ObjectProvider<MeterRegistry> registry, Workspaces workspaces) {
        ChunkMetrics metrics = new ChunkMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
        workspaces.names().forEach(workspace -> metrics.register(workspace, ExportRun.JOB, "reconcile"));
        return metrics;
    }

    @Bean
    @StepScope
    ContractChunkWriter contractChunkWriter(Warehouse warehouse, RunProgressRegistry progress, ExportCounters exportCounters,
            ChunkMetrics chunkMetrics, @Value("#{stepExecution}") StepExecution step) {
        ExportRun run = ExportRun.of(step.getJobExecution());
        RunProgress live = progress.current(ExportRun.JOB, run.workspace())
                .orElseGet(() -> new RunProgress(ExportRun.JOB, () -> 0));
        return new ContractChunkWriter(warehouse, run.workspace(), run.runId(), run.targeted() ? "webhook" : "export",
                exportCounters, live, chunkMetrics.of(run.workspace(), ExportRun.JOB));
    }

    /**
     * The workspace's client as the run may use it: with the run's own per-call attempt budget when it has one (a
     * webhook run, whose events are tried again by the worker), with {@code spotdraft.retry.max-attempts} otherwise.
     */
    static SpotDraftClient client(Workspace workspace, StepExecution step) {
        Integer attempts = ExportRun.callAttempts(step.getJobExecution());
        return attempts == null ? workspace.client() : workspace.client().withCallAttempts(attempts);
    }

    /** Enriches the contracts of one step: the run's client, the workspace's threads, the warehouse's view read once. */
    private static ContractEnricher enricher(Workspace workspace, SpotDraftClient client, DocumentStore documents,
            Warehouse warehouse, EnrichmentExecutors.Pools pools) {
        return new ContractEnricher(client, documents, workspace.name(), workspace.documentPrefix(),
                storedOnce(warehouse, workspace.name()), pools.calls());
    }

    /** The warehouse's view of the workspace, read once, at the first item of the step. */
    private static Supplier<Map<String, StoredContract>> storedOnce(Warehouse warehouse, String workspace) {
        AtomicReference<Map<String, StoredContract>> loaded = new AtomicReference<>();
        return () -> {
            Map<String, StoredContract> current = loaded.get();
            if (current == null) {
                synchronized (loaded) {
                    current = loaded.get();
                    if (current == null) {
                        Map<String, StoredContract> all = new HashMap<>();
                        warehouse.forEachStoredContract(workspace, stored -> all.put(stored.contractId(), stored));
                        current = Map.copyOf(all);
                        loaded.set(current);
                    }
                }
            }
            return current;
        };
    }

}
