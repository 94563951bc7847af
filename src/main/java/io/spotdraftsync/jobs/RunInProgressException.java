package io.spotdraftsync.jobs;

/** A run of the same job for the same workspace holds the run lock, in this process or in another one. */
public class RunInProgressException extends RuntimeException {

    private final String job;
    private final String workspace;

    public RunInProgressException(String job, String workspace) {
        super("A " + job + " run of workspace " + workspace
                + " is already in progress (in this process or another one sharing the job repository)");
        this.job = job;
        this.workspace = workspace;
    }

    public String job() {
        return job;
    }

    public String workspace() {
        return workspace;
    }
}
