package io.spotdraftsync.reconcile;

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

/** Runs one reconciliation of the configured workspace to the end, or resumes an unfinished one that covers it. */
public class ReconcileRunner {

    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public record Outcome(JobExecution execution, ReconcileRun run, ReconcileSummary summary) {
        public boolean completed() {
            return execution.getStatus() == BatchStatus.COMPLETED;
        }
    }

    /**
     * An unfinished reconcile is resumed (its compare is redone, its repairs go on from the last committed chunk) by a
     * run of the same mode or a quick one (a deep run covers a quick one, not the reverse), unless the new run's
     * allow-mass-delete differs: a run then would keep the old answer, so the new run replaces it.
     */
    private static final ResumePolicy COVERAGE = (unfinished, requested) -> {
        var before = unfinished.getJobParameters();
        String allowBefore = before.getString(ReconcileRun.ALLOW_MASS_DELETE, "false");
        String allowNow = requested.getString(ReconcileRun.ALLOW_MASS_DELETE, "false");
        if (!allowBefore.equals(allowNow)) {
            return ResumePolicy.Decision.abandon("the new run is asked with allow-mass-delete=" + allowNow);
        }
        String modeBefore = before.getString(RunLauncher.MODE);
        String modeNow = requested.getString(RunLauncher.MODE);
        if (modeBefore.equals(modeNow) || "quick".equals(modeNow)) {
            return ResumePolicy.Decision.resume("it covers the new " + modeNow + " run");
        }
        return ResumePolicy.Decision.abandon("the new deep run covers a quick one");
    };

    private final Job reconcileJob;
    private final RunLauncher launcher;
    private final io.spotdraftsync.workspace.Workspaces workspaces;
    private final ReconcileLifecycle lifecycle;

    public ReconcileRunner(Job reconcileJob, RunLauncher launcher, io.spotdraftsync.workspace.Workspaces workspaces,
            ReconcileLifecycle lifecycle) {
        this.reconcileJob = reconcileJob;
        this.launcher = launcher;
        this.workspaces = workspaces;
        this.lifecycle = lifecycle;
    }

    /** @param workspace the workspace's name; may be null when only one is configured */
    public Outcome run(String workspace, boolean deep, boolean allowMassDelete, String trigger) throws Exception {
        return run(workspace, deep, allowMassDelete, false, trigger);
    }

    /**
     * @param verifyDocuments also check that the store holds every stored document at its size (one lookup each, no
     *                        SpotDraft call), and fetch again and store the ones that differ
     */
    public Outcome run(String workspace, boolean deep, boolean allowMassDelete, boolean verifyDocuments, String trigger)
            throws Exception {
        String name = workspaces.forJob(workspace, ReconcileRun.JOB).name();
        JobParameters parameters = new JobParametersBuilder()
                .addString(RunLauncher.WORKSPACE, name)
                .addString(RunLauncher.MODE, deep ? "deep" : "quick")
                .addString(RunLauncher.RUN_ID, "reconcile-" + name + "-" + RUN_STAMP.format(Instant.now()) + "-"
                        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)))
                .addString(ReconcileRun.ALLOW_MASS_DELETE, String.valueOf(allowMassDelete), false)
                .addString(ReconcileRun.VERIFY_DOCUMENTS, String.valueOf(verifyDocuments), false)
                .addString(RunLauncher.TRIGGER, trigger, false)
                .toJobParameters();
        JobExecution execution = launcher.startOrResume(reconcileJob, parameters, COVERAGE);
        return new Outcome(execution, ReconcileRun.of(execution), lifecycle.summarize(execution));
    }
}
