package io.spotdraftsync.export;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import io.spotdraftsync.jobs.ResumePolicy;
import io.spotdraftsync.jobs.RunLauncher;
import io.spotdraftsync.workspace.Workspaces;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/** Starts an export of a workspace, or resumes its unfinished one, and runs it to the end. */
public class ExportRunner {

    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** What a run did and how it ended. */
    public record Outcome(JobExecution execution, ExportRun run, ExportSummary summary) {
        public boolean completed() {
            return execution.getStatus() == org.springframework.batch.core.BatchStatus.COMPLETED;
        }
    }

    private final Job exportJob;
    private final Job exportWebhookJob;
    private final RunLauncher launcher;
    private final Workspaces workspaces;
    private final ExportRunLifecycle lifecycle;

    public ExportRunner(Job exportJob, Job exportWebhookJob, RunLauncher launcher, Workspaces workspaces,
            ExportRunLifecycle lifecycle) {
        this.exportJob = exportJob;
        this.exportWebhookJob = exportWebhookJob;
        this.launcher = launcher;
        this.workspaces = workspaces;
        this.lifecycle = lifecycle;
    }

    /**
     * @param workspace the workspace's name (it must run {@code export}: see {@link Workspaces#forJob})
     * @param full    read every contract instead of those changed since the last run
     * @param trigger who asked: {@code cli}, {@code schedule}, {@code webhook}, {@code api}
     */
    public Outcome run(String workspace, boolean full, String trigger) throws Exception {
        String name = workspaces.forJob(workspace, ExportRun.JOB).name();
        JobParameters parameters = new JobParametersBuilder()
                .addString(RunLauncher.WORKSPACE, name)
                .addString(RunLauncher.MODE, full ? ExportRun.FULL : ExportRun.INCREMENTAL)
                .addString(RunLauncher.RUN_ID, newRunId(name))
                .addString(RunLauncher.TRIGGER, trigger, false)
                .toJobParameters();
        // the mode is decided under the lock: a start that waited for it may find the workspace exported meanwhile
        JobExecution execution = launcher.startOrResume(exportJob, parameters, resumePolicy(() -> lifecycle.effectiveMode(name, full)));
        return new Outcome(execution, ExportRun.of(execution), lifecycle.summarize(execution));
    }

    /**
     * A full export (or the resumption of the unfinished one) of a workspace that has never completed an export, run
     * once the lock is free; empty when an export completed while this one waited for the lock.
     */
    public java.util.Optional<Outcome> runFirstExport(String workspace, String trigger) throws Exception {
        String name = workspaces.forJob(workspace, ExportRun.JOB).name();
        JobParameters parameters = new JobParametersBuilder()
                .addString(RunLauncher.WORKSPACE, name)
                .addString(RunLauncher.MODE, ExportRun.FULL)
                .addString(RunLauncher.RUN_ID, newRunId(name))
                .addString(RunLauncher.TRIGGER, trigger, false)
                .toJobParameters();
        return launcher.startOrResume(exportJob, parameters, resumePolicy(() -> ExportRun.FULL), () -> neverExported(name))
                .map(execution -> new Outcome(execution, ExportRun.of(execution), lifecycle.summarize(execution)));
    }

    /** Whether the workspace has no completed export (its first export, full, is still to come). */
    public boolean neverExported(String workspace) {
        return ExportRun.FULL.equals(lifecycle.effectiveMode(workspace, false));
    }

    /**
     * An unfinished run is resumed unless the new run covers its work: a full run covers an incremental one (it reads
     * every contract), nothing but a full run covers a full one. Modes are the effective ones: an incremental
     * request on a workspace with no completed export is a full run, and resumes the unfinished full run.
     */
    private ResumePolicy resumePolicy(java.util.function.Supplier<String> requestedModeNow) {
        return (unfinished, requested) -> {
            String requestedMode = requestedModeNow.get();
            String unfinishedMode = lifecycle.effectiveMode(unfinished);
            if (unfinishedMode.equals(requestedMode)) {
                return ResumePolicy.Decision.resume("the new run is a " + requestedMode + " run too");
            }
            if (ExportRun.FULL.equals(unfinishedMode)) {
                return ResumePolicy.Decision.resume("an incremental run would not read the contracts it has yet to read");
            }
            return ResumePolicy.Decision.abandon("the new full run reads every contract, which covers it");
        };
    }

    /**
     * Exports exactly these contracts (numeric ids, as webhooks name them; each is looked up as T-n and H-n in
     * one filtered listing). A failed targeted run is not resumed: the next one starts fresh.
     *
     * @param callAttempts attempts per API call of this run (see {@link io.spotdraftsync.spotdraft.SpotDraftClient#withCallAttempts}):
     *                     the caller tries a failed contract again on its own, later
     */
    public Outcome runContracts(String workspace, java.util.Collection<Long> numericIds, String trigger, int callAttempts)
            throws Exception {
        if (callAttempts < 1) {
            throw new IllegalArgumentException("A run needs at least one attempt per call, not " + callAttempts);
        }
        if (numericIds.isEmpty()) {
            throw new IllegalArgumentException("A targeted export needs at least one contract id");
        }
        String name = workspaces.forJob(workspace, ExportRun.JOB).name();
        JobParameters parameters = new JobParametersBuilder()
                .addString(RunLauncher.WORKSPACE, name)
                .addString(RunLauncher.MODE, ExportRun.TARGETED)
                .addString(RunLauncher.RUN_ID, newRunId(name))
                .addString(ExportRun.CONTRACTS, ExportRun.joinContractIds(numericIds), false)
                .addString(RunLauncher.TRIGGER, trigger, false)
                .addLong(ExportRun.CALL_ATTEMPTS, (long) callAttempts, false)
                .toJobParameters();
        JobExecution execution = launcher.startFresh(exportWebhookJob, parameters);
        return new Outcome(execution, ExportRun.of(execution), lifecycle.summarize(execution));
    }

    private static String newRunId(String workspace) {
        return "export-" + workspace + "-" + RUN_STAMP.format(Instant.now()) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }
}
