package io.spotdraftsync.reconcile;

import io.spotdraftsync.jobs.RunLauncher;

import org.springframework.batch.core.job.JobExecution;

/** The parameters of one reconciliation run. */
public record ReconcileRun(String runId, String workspace, boolean deep, boolean allowMassDelete, String trigger,
        boolean verifyDocuments) {

    static final String JOB = "reconcile";
    static final String ALLOW_MASS_DELETE = "allow-mass-delete";
    static final String VERIFY_DOCUMENTS = "verify-documents";

    public String mode() {
        return deep ? "deep" : "quick";
    }

    static ReconcileRun of(JobExecution execution) {
        var parameters = execution.getJobParameters();
        return new ReconcileRun(parameters.getString(RunLauncher.RUN_ID), parameters.getString(RunLauncher.WORKSPACE),
                "deep".equals(parameters.getString(RunLauncher.MODE)),
                "true".equals(parameters.getString(ALLOW_MASS_DELETE)), parameters.getString(RunLauncher.TRIGGER, "cli"),
                "true".equals(parameters.getString(VERIFY_DOCUMENTS)));
    }
}
