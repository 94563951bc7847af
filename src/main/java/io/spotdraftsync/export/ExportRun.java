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
        Instant watermarkBefore, Instant filterFrom, List<Long> contracts,
        java.util.Map<Long, io.spotdraftsync.streams.ActivityStreams.Effect> effects) {

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
    /**
     * Job parameter of a targeted run: what each contract's activities can change, {@code id=h:stream,stream;...}
     * ({@code h:} when the header is read again); a contract not named changes everything.
     */
    static final String EFFECTS = "effects";

    public ExportRun {
        contracts = contracts == null ? List.of() : List.copyOf(contracts);
        effects = effects == null ? java.util.Map.of() : java.util.Map.copyOf(effects);
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
                contractIds(parameters.getString(CONTRACTS)), parseEffects(parameters.getString(EFFECTS)));
    }

    /**
     * Compact (a job parameter holds at most 2,500 characters): {@code mask:id,id;mask:id}, the mask's bit 0 the
     * header and bit n+1 the stream of ordinal n; contracts whose activities change everything are left out.
     */
    static String joinEffects(java.util.Map<Long, io.spotdraftsync.streams.ActivityStreams.Effect> effects) {
        java.util.Map<Integer, java.util.List<Long>> byMask = new java.util.TreeMap<>();
        effects.forEach((id, effect) -> {
            if (!effect.equals(io.spotdraftsync.streams.ActivityStreams.Effect.EVERYTHING)) {
                byMask.computeIfAbsent(mask(effect), m -> new java.util.ArrayList<>()).add(id);
            }
        });
        return byMask.entrySet().stream()
                .map(entry -> entry.getKey() + ":" + entry.getValue().stream().sorted().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",")))
                .collect(java.util.stream.Collectors.joining(";"));
    }

    static java.util.Map<Long, io.spotdraftsync.streams.ActivityStreams.Effect> parseEffects(String joined) {
        java.util.Map<Long, io.spotdraftsync.streams.ActivityStreams.Effect> effects = new java.util.HashMap<>();
        if (joined == null || joined.isBlank()) {
            return effects;
        }
        for (String group : joined.split(";")) {
            String[] parts = group.split(":", 2);
            int mask = Integer.parseInt(parts[0].trim());
            java.util.Set<io.spotdraftsync.streams.ContractStream> streams = java.util.EnumSet.noneOf(io.spotdraftsync.streams.ContractStream.class);
            for (io.spotdraftsync.streams.ContractStream stream : io.spotdraftsync.streams.ContractStream.values()) {
                if ((mask & (1 << (stream.ordinal() + 1))) != 0) {
                    streams.add(stream);
                }
            }
            io.spotdraftsync.streams.ActivityStreams.Effect effect = new io.spotdraftsync.streams.ActivityStreams.Effect((mask & 1) != 0, streams);
            for (String id : parts[1].split(",")) {
                effects.put(Long.valueOf(id.trim()), effect);
            }
        }
        return effects;
    }

    private static int mask(io.spotdraftsync.streams.ActivityStreams.Effect effect) {
        int mask = effect.header() ? 1 : 0;
        for (io.spotdraftsync.streams.ContractStream stream : effect.streams()) {
            mask |= 1 << (stream.ordinal() + 1);
        }
        return mask;
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
