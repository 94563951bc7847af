package io.spotdraftsync.export;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads that enrich contracts, one set per workspace: an item waiting for its workspace's request budget
 * holds a thread, so workspaces sharing threads would wait on each other's budgets. Export and reconcile runs of
 * the same workspace share its set (they share its budget anyway).
 */
public final class EnrichmentExecutors implements AutoCloseable {

    /**
     * @param items runs items (each then waits for its own calls)
     * @param calls runs an item's API calls alongside each other; two per item in flight at most
     */
    public record Pools(ThreadPoolTaskExecutor items, ThreadPoolTaskExecutor calls) {
    }

    private final int concurrency;
    private final Map<String, Pools> byWorkspace = new ConcurrentHashMap<>();

    public EnrichmentExecutors(int concurrency) {
        this.concurrency = concurrency;
    }

    public Pools forWorkspace(String workspace) {
        return byWorkspace.computeIfAbsent(workspace, name -> new Pools(
                pool(concurrency, "enrich-" + name + "-"), pool(2 * concurrency, "enrich-call-" + name + "-")));
    }

    private static ThreadPoolTaskExecutor pool(int threads, String prefix) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setThreadNamePrefix(prefix);
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
        return executor;
    }

    @Override
    public void close() {
        byWorkspace.values().forEach(pools -> {
            pools.items().shutdown();
            pools.calls().shutdown();
        });
    }
}
