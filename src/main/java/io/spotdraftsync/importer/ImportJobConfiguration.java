package io.spotdraftsync.importer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

import io.spotdraftsync.documents.DocumentProperties;
import io.spotdraftsync.documents.S3DocumentStore;
import io.spotdraftsync.jobs.RunLauncher;
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

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code import} job: one chunked step that reads the validated rows of a manifest and imports them into
 * SpotDraft (see {@link ImportWriter}); restartable from its last committed chunk.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportProperties.class)
public class ImportJobConfiguration {

    public static final String JOB = "import";
    static final String STEP = "importContracts";
    static final String MANIFEST = "manifest";
    static final String REPORT = "report";

    /** A new S3 client for an S3 manifest, configured like the document store's (sync.documents.s3.*). */
    @Bean
    ImportS3 importS3(DocumentProperties documents) {
        return () -> S3DocumentStore.client(documents.s3(), DefaultCredentialsProvider.builder().build());
    }

    @Bean
    ImportRunLifecycle importRunLifecycle(io.spotdraftsync.workspace.Workspaces workspaces, Warehouse warehouse, JobRepository repository) {
        return new ImportRunLifecycle(workspaces, warehouse, repository);
    }

    @Bean
    ImportPaths importPaths(ImportProperties properties) {
        return new ImportPaths(properties);
    }

    @Bean
    ImportRunner importRunner(Job importJob, RunLauncher launcher, io.spotdraftsync.workspace.Workspaces workspaces, ImportS3 importS3,
            ImportRunLifecycle lifecycle, ImportPaths importPaths, ImportProperties properties) {
        return new ImportRunner(importJob, launcher, workspaces, importS3, lifecycle, importPaths,
                properties.allowFilesOutsideManifestDir());
    }

    /**
     * {@code import} by name: parameters {@code manifest} (required: a path or s3:// URI), {@code report} and
     * {@code workspace} (needed when several are configured). From the admin API both paths are confined
     * ({@link ImportPaths}).
     */
    @Bean
    io.spotdraftsync.jobs.JobStarter importStarter(ImportRunner runner, io.spotdraftsync.workspace.Workspaces workspaces,
            ImportPaths importPaths) {
        return io.spotdraftsync.jobs.JobStarter.of(JOB, java.util.Set.of("manifest", "report"), parameters -> {
            String manifest = parameters.get("manifest");
            if (manifest == null || manifest.isBlank()) {
                throw new IllegalArgumentException("Job import needs the parameter manifest (a path or s3:// URI)");
            }
            ManifestLocation.parse(manifest);
            workspaces.checkNamed(parameters.get(io.spotdraftsync.jobs.JobStarter.WORKSPACE), JOB);
        }, importPaths::confine, (parameters, trigger) -> {
            String report = parameters.get("report");
            return runner.run(parameters.get(io.spotdraftsync.jobs.JobStarter.WORKSPACE), parameters.get("manifest"), report == null || report.isBlank() ? null : java.nio.file.Path.of(report),
                    trigger).execution();
        });
    }

    @Bean
    Job importJob(JobRepository repository, ImportRunLifecycle lifecycle, io.spotdraftsync.jobs.RunStartNotifier runStartNotifier,
            Step importContracts) {
        return new JobBuilder(JOB, repository).listener(new io.spotdraftsync.jobs.RunLogContext()).listener(lifecycle).listener(runStartNotifier).start(importContracts).build();
    }

    @Bean
    Step importContracts(JobRepository repository, PlatformTransactionManager transactions, ImportProperties properties,
            ImportItemReader importItemReader, ImportWriter importWriter, ImportCounters importCounters) {
        return new StepBuilder(STEP, repository)
                .<ImportItem, ImportItem>chunk(properties.chunkSize())
                .transactionManager(transactions)
                .reader(importItemReader)
                .writer(importWriter)
                .stream(importCounters)
                .build();
    }

    @Bean
    @StepScope
    ImportCounters importCounters() {
        return new ImportCounters();
    }

    @Bean
    @StepScope
    ImportItemReader importItemReader(io.spotdraftsync.workspace.Workspaces workspaces, ImportS3 importS3, ImportProperties properties,
            @Value("#{stepExecution}") StepExecution step) {
        return new ImportItemReader(ManifestLocation.parse(step.getJobParameters().getString(MANIFEST)), importS3,
                workspaces.client(step.getJobParameters().getString(RunLauncher.WORKSPACE)),
                new ImportReport(Path.of(step.getJobParameters().getString(REPORT))), properties.allowFilesOutsideManifestDir());
    }

    @Bean
    @StepScope
    ImportWriter importWriter(io.spotdraftsync.workspace.Workspaces workspaces, Warehouse warehouse, ImportItemReader importItemReader,
            ImportCounters importCounters, @Value("#{stepExecution}") StepExecution step) {
        return new ImportWriter(workspaces.client(step.getJobParameters().getString(RunLauncher.WORKSPACE)), warehouse, importItemReader::files,
                new ImportReport(Path.of(step.getJobParameters().getString(REPORT))), importCounters,
                step.getJobParameters().getString(RunLauncher.WORKSPACE), step.getJobParameters().getString(RunLauncher.RUN_ID),
                Clock.systemUTC());
    }

    /** Makes the S3 client an S3 manifest needs (closed with the run's files). */
    @FunctionalInterface
    public interface ImportS3 extends Supplier<S3Client> {
    }
}
