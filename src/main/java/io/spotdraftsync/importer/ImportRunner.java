package io.spotdraftsync.importer;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import io.spotdraftsync.jobs.ResumePolicy;
import io.spotdraftsync.jobs.RunLauncher;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * Imports a manifest into the configured workspace, or resumes an unfinished import of the same manifest;
 * or only validates it.
 */
public class ImportRunner {

    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** What a run did and how it ended; {@code report} is the CSV of the rows not imported. */
    public record Outcome(JobExecution execution, String runId, ImportSummary summary, Path report) {
        public boolean completed() {
            return execution.getStatus() == BatchStatus.COMPLETED;
        }
    }

    /** The result of {@code --validate}: nothing was written to SpotDraft. */
    public record Validation(String runId, long rows, long valid, long invalid, Path report) {
    }

    /**
     * An unfinished import of the same manifest is resumed (importing its rows again would create them twice); one
     * of another manifest is not covered by this one, so it stays resumable by importing its manifest again.
     */
    private static final ResumePolicy SAME_MANIFEST = (unfinished, requested) -> {
        String manifest = unfinished.getJobParameters().getString(ImportJobConfiguration.MANIFEST);
        return java.util.Objects.equals(manifest, requested.getString(ImportJobConfiguration.MANIFEST))
                ? ResumePolicy.Decision.resume("it imports the same manifest")
                : ResumePolicy.Decision.leave("it imports another manifest (" + manifest + "); importing that again resumes it");
    };

    private final Job importJob;
    private final RunLauncher launcher;
    private final io.spotdraftsync.workspace.Workspaces workspaces;
    private final ImportJobConfiguration.ImportS3 s3;
    private final ImportRunLifecycle lifecycle;
    private final ImportPaths paths;
    private final boolean filesOutsideManifestDir;

    public ImportRunner(Job importJob, RunLauncher launcher, io.spotdraftsync.workspace.Workspaces workspaces, ImportJobConfiguration.ImportS3 s3,
            ImportRunLifecycle lifecycle, ImportPaths paths, boolean filesOutsideManifestDir) {
        this.importJob = importJob;
        this.launcher = launcher;
        this.workspaces = workspaces;
        this.s3 = s3;
        this.lifecycle = lifecycle;
        this.paths = paths;
        this.filesOutsideManifestDir = filesOutsideManifestDir;
    }

    /**
     * @param workspace the workspace to import into; may be null when only one is configured
     * @param report where the report goes; null for {@code <sync.import.report-dir>/import-report-<run>.csv}
     */
    public Outcome run(String workspace, String manifest, Path report, String trigger) throws Exception {
        String name = workspaces.forJob(workspace, ImportJobConfiguration.JOB).name();
        ManifestLocation location = ManifestLocation.parse(manifest);
        String runId = newRunId(name);
        Path reportPath = report != null ? report : paths.defaultReport(runId);
        JobParameters parameters = new JobParametersBuilder()
                .addString(RunLauncher.WORKSPACE, name)
                .addString(RunLauncher.MODE, "import " + location.describe())
                .addString(RunLauncher.RUN_ID, runId)
                .addString(ImportJobConfiguration.MANIFEST, location.describe())
                .addString(ImportJobConfiguration.REPORT, reportPath.toAbsolutePath().toString(), false)
                .addString(RunLauncher.TRIGGER, trigger, false)
                .toJobParameters();
        JobExecution execution = launcher.startOrResume(importJob, parameters, SAME_MANIFEST);
        return new Outcome(execution, execution.getJobParameters().getString(RunLauncher.RUN_ID),
                lifecycle.summarize(execution), Path.of(execution.getJobParameters().getString(ImportJobConfiguration.REPORT)));
    }

    /** Validates the manifest and writes the report of invalid rows; calls SpotDraft only to read types and entities. */
    public Validation validate(String workspace, String manifest, Path report) throws Exception {
        io.spotdraftsync.workspace.Workspace target = workspaces.forJob(workspace, ImportJobConfiguration.JOB);
        ManifestLocation location = ManifestLocation.parse(manifest);
        String runId = newRunId(target.name());
        ImportReport output = new ImportReport(report != null ? report : paths.defaultReport(runId));
        try (SourceFiles files = SourceFiles.of(location, s3, filesOutsideManifestDir)) {
            ImportValidator.Result result = ImportItemReader.validate(location, files, target.client());
            output.create();
            output.append(result.rejected());
            return new Validation(runId, result.valid().size() + result.rejected().size(), result.valid().size(),
                    result.rejected().size(), output.path());
        }
    }

    private static String newRunId(String workspace) {
        return "import-" + workspace + "-" + RUN_STAMP.format(Instant.now()) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }
}
