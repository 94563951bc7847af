package io.spotdraftsync.spotdraft;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Micrometer meters of one workspace's client, plus plain counters for per-run accounting. */
final class ClientMetrics {

    private final MeterRegistry registry;
    private final String workspace;
    private final Counter tooManyRequestsCounter;
    private final Counter retriesCounter;
    private final Timer budgetWaitTimer;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong tooManyRequests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong budgetWaitNanos = new AtomicLong();

    ClientMetrics(MeterRegistry registry, String workspace) {
        this.registry = registry;
        this.workspace = workspace;
        this.tooManyRequestsCounter = Counter.builder("spotdraft.api.rate_limited")
                .description("429 Too Many Requests answers from SpotDraft").tag("workspace", workspace).register(registry);
        this.retriesCounter = Counter.builder("spotdraft.api.retries")
                .description("SpotDraft requests retried after a transient fault").tag("workspace", workspace).register(registry);
        this.budgetWaitTimer = Timer.builder("spotdraft.api.budget.wait")
                .description("Time spent waiting for the workspace's request budget").tag("workspace", workspace).register(registry);
    }

    void budgetWaited(Duration waited) {
        budgetWaitNanos.addAndGet(waited.toNanos());
        budgetWaitTimer.record(waited);
    }

    /** @param outcome the HTTP status, or {@code io_error} */
    void requestCompleted(Endpoint endpoint, String outcome, long nanos) {
        calls.incrementAndGet();
        Timer.builder("spotdraft.api.requests")
                .description("SpotDraft API requests, by endpoint and outcome")
                .tag("workspace", workspace).tag("endpoint", endpoint.describe()).tag("outcome", outcome)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        if ("429".equals(outcome)) {
            tooManyRequests.incrementAndGet();
            tooManyRequestsCounter.increment();
        }
    }

    void retried() {
        retries.incrementAndGet();
        retriesCounter.increment();
    }

    ClientCounters snapshot() {
        return new ClientCounters(calls.get(), tooManyRequests.get(), retries.get(), Duration.ofNanos(budgetWaitNanos.get()));
    }
}
