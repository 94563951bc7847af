package io.spotdraftsync.export;

import java.time.Instant;
import java.util.List;

import io.spotdraftsync.jobs.RunLauncher;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The facts of one export run, fixed by its first execution and kept in the job's execution context, so
 * that a resumed run keeps its start time (the next watermark), mode and filter.
 *
 * @param filterFrom the {@code last_updated_on[$gte]} bound of an incremental run; null for a full one
 */
public record ExportRun(String runId, String workspace, String mode, String trigger, Instant startedAt,
        Instant watermarkBefore, Instant filterFrom, List<Long> contracts) {

    static final String JOB = "export";
    /** The Spring Batch job of targeted runs (webhooks): same steps and lock as {@link #JOB}, its own run history. */
    public static final String TARGETED_JOB = "export.webhook";
    static final String FULL = "full";
    static final String INCREMENTAL = "incremental";
    /** Exactly the contracts named by the {@link #CONTRACTS} parameter; reads no watermark and moves none. */
    static final String TARGETED = "webhook";
    /** Job parameter of a targeted run: the numeric contract ids, comma-separated. */
    static final String CONTRACTS = "contracts";
    /**
     * Job parameter of a run whose caller retries on its own (the webhook worker): attempts per API call, fewer than
     * {@code spotdraft.retry.max-attempts}; absent for every other run.
     */
    static final String CALL_ATTEMPTS = "callAttempts";

    public ExportRun {
        contracts = contracts == null ? List.of() : List.copyOf(contracts);
    }

    boolean targeted() {
        return TARGETED.equals(mode);
    }

    private static final String STARTED_AT = "export.startedAt";
    private static final String MODE = "export.mode";
    private static final String WATERMARK_BEFORE = "export.watermarkBefore";
    private static final String FILTER_FROM = "export.filterFrom";

    private static final String RETRY_CONTRACTS = "export.retryContracts";

    /**
     * The contracts that earlier runs skipped and this run tries again (composite ids), fixed when the run began so
     * that a resumed run retries the same ones; empty for full and targeted runs.
     */
    static List<String> retryContracts(JobExecution execution) {
        String joined = execution.getExecutionContext().getString(RETRY_CONTRACTS, "");
        return joined.isBlank() ? List.of() : List.of(joined.split(","));
    }

    static void saveRetryContracts(ExecutionContext context, List<String> compositeIds) {
        context.putString(RETRY_CONTRACTS, String.join(",", compositeIds));
    }

    /** The run's own per-call attempt budget ({@link #CALL_ATTEMPTS}), or null: the client's. */
    static Integer callAttempts(JobExecution execution) {
        Long attempts = execution.getJobParameters().getLong(CALL_ATTEMPTS);
        return attempts == null ? null : Math.toIntExact(attempts);
    }

    static boolean begun(JobExecution execution) {
        return execution.getExecutionContext().containsKey(STARTED_AT);
    }

    void saveIn(ExecutionContext context) {
        context.putString(STARTED_AT, startedAt.toString());
        context.putString(MODE, mode);
        if (watermarkBefore != null) {
            context.putString(WATERMARK_BEFORE, watermarkBefore.toString());
        }
        if (filterFrom != null) {
            context.putString(FILTER_FROM, filterFrom.toString());
        }
    }

    static ExportRun of(JobExecution execution) {
        ExecutionContext context = execution.getExecutionContext();
        var parameters = execution.getJobParameters();
        return new ExportRun(parameters.getString(RunLauncher.RUN_ID), parameters.getString(RunLauncher.WORKSPACE),
                context.containsKey(MODE) ? context.getString(MODE) : parameters.getString(RunLauncher.MODE),
                parameters.getString(RunLauncher.TRIGGER, "cli"),
                instant(context, STARTED_AT), instant(context, WATERMARK_BEFORE), instant(context, FILTER_FROM),
                contractIds(parameters.getString(CONTRACTS)));
    }

    static String joinContractIds(java.util.Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    private static List<Long> contractIds(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(joined.split(",")).map(String::trim).map(Long::valueOf).toList();
    }

    private static Instant instant(ExecutionContext context, String key) {
        return context.containsKey(key) ? Instant.parse(context.getString(key)) : null;
    }
}
