package io.spotdraftsync.spotdraft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class LocalRequestBudgetTest {

    @Test
    void concurrentCallersNeverGetMoreThanTheRateInAnyOneSecondWindow() throws Exception {
        // times are recorded after acquire() returns, so a descheduled thread records late: a wide margin
        // keeps that scheduling noise out of what is tested, the pacing and the hard window
        LocalRequestBudget budget = new LocalRequestBudget(10, Duration.ofMillis(100));
        List<Long> grants = Collections.synchronizedList(new ArrayList<>());
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(callers.submit(() -> {
                    for (int j = 0; j < 4; j++) {
                        budget.acquire();
                        grants.add(System.nanoTime());
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            callers.shutdownNow();
        }
        List<Long> sorted = new ArrayList<>(grants);
        Collections.sort(sorted);
        assertThat(sorted).hasSize(32);
        assertThat(busiestOneSecondWindow(sorted)).isLessThanOrEqualTo(10);
        double seconds = (sorted.get(31) - sorted.get(0)) / 1e9;
        // 31 intervals of 110 ms: the budget is spent evenly, at the full rate it allows
        assertThat(31 / seconds).isBetween(8.5, 9.1);
    }

    @Test
    void rejectsANonPositiveRate() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LocalRequestBudget(0, Duration.ZERO))
                .hasMessageContaining("at least 1");
    }

    static int busiestOneSecondWindow(List<Long> sortedNanos) {
        int busiest = 0;
        int start = 0;
        for (int end = 0; end < sortedNanos.size(); end++) {
            while (sortedNanos.get(end) - sortedNanos.get(start) >= 1_000_000_000L) {
                start++;
            }
            busiest = Math.max(busiest, end - start + 1);
        }
        return busiest;
    }
}
