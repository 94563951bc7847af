package io.spotdraftsync.jobs;

/** A start refused because this process is stopping: no fault of what asked for it (the next start resumes the work). */
public class ProcessStoppingException extends IllegalStateException {

    public ProcessStoppingException() {
        super("This process is stopping: no new run starts (the next start resumes unfinished runs)");
    }
}
