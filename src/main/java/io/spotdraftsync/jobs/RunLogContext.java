package io.spotdraftsync.jobs;

import org.slf4j.MDC;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Puts the run's workspace, job and run id into the logging context (MDC) of the thread that runs it, for as long as
 * it runs: with structured logging ({@code logging.structured.format.console=ecs}) every line the run logs carries
 * them as fields ({@value #WORKSPACE}, {@value #JOB}, {@value #RUN_ID}), so a log pipeline can filter one workspace
 * or one run without parsing messages.
 */
public final class RunLogContext implements JobExecutionListener {

    public static final String WORKSPACE = "workspace";
    public static final String JOB = "sync_job";
    public static final String RUN_ID = "run_id";

    /** What the thread had before the run (the webhook worker's workspace, say), given back after it. */
    private final java.util.Map<Long, java.util.Map<String, String>> before = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void beforeJob(JobExecution execution) {
        java.util.Map<String, String> previous = new java.util.HashMap<>();
        for (String key : java.util.List.of(WORKSPACE, JOB, RUN_ID)) {
            String value = MDC.get(key);
            if (value != null) {
                previous.put(key, value);
            }
        }
        before.put(execution.getId(), previous);
        put(WORKSPACE, execution.getJobParameters().getString(RunLauncher.WORKSPACE));
        put(JOB, execution.getJobInstance().getJobName());
        put(RUN_ID, execution.getJobParameters().getString(RunLauncher.RUN_ID));
    }

    @Override
    public void afterJob(JobExecution execution) {
        java.util.Map<String, String> previous = before.remove(execution.getId());
        for (String key : java.util.List.of(WORKSPACE, JOB, RUN_ID)) {
            put(key, previous == null ? null : previous.get(key));
        }
    }

    private static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        } else {
            MDC.remove(key);
        }
    }
}
