package io.spotdraftsync.reconcile;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands a run's plan from its comparison step to its repair step, in memory: a resumed run compares again
 * (the comparison step always reruns), so nothing here needs to survive the process.
 */
public class ReconcilePlans {

    private final Map<Long, ReconcilePlan> byJobExecution = new ConcurrentHashMap<>();

    void put(long jobExecutionId, ReconcilePlan plan) {
        byJobExecution.put(jobExecutionId, plan);
    }

    ReconcilePlan get(long jobExecutionId) {
        ReconcilePlan plan = byJobExecution.get(jobExecutionId);
        if (plan == null) {
            throw new IllegalStateException("No reconciliation plan for job execution " + jobExecutionId);
        }
        return plan;
    }

    void remove(long jobExecutionId) {
        byJobExecution.remove(jobExecutionId);
    }
}
