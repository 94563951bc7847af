package io.spotdraftsync.jobs;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** The progress of runs in flight in this process, by job and workspace: what the CLI and status page show. */
public class RunProgressRegistry {

    private final Map<String, RunProgress> running = new ConcurrentHashMap<>();

    public RunProgress begin(String job, String workspace, LongSupplier apiCalls) {
        RunProgress progress = new RunProgress(job, apiCalls);
        running.put(key(job, workspace), progress);
        return progress;
    }

    public Optional<RunProgress> current(String job, String workspace) {
        return Optional.ofNullable(running.get(key(job, workspace)));
    }

    public void end(String job, String workspace) {
        running.remove(key(job, workspace));
    }

    private static String key(String job, String workspace) {
        return job + "/" + workspace;
    }
}
