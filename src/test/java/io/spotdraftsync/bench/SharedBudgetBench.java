package io.spotdraftsync.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spotdraftsync.spotdraft.PostgresRequestBudget;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.SpotDraftProperties;
import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.spotdraft.ContractFilter;

/**
 * One of the processes of {@code bench/shared-budget.sh}: a client whose budget is the workspace's in PostgreSQL,
 * with several threads calling the API as fast as the budget lets them, from a common start time for a given time.
 *
 * <ul>
 *   <li>{@code schema JDBC_URL SCHEMA create|drop}: the scratch schema of the run;</li>
 *   <li>{@code call BASE_URL JDBC_URL SCHEMA WORKSPACE START_EPOCH_MILLIS SECONDS THREADS}: calls, then prints
 *   {@code calls N}.</li>
 * </ul>
 */
public final class SharedBudgetBench {

    private SharedBudgetBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("schema")) {
            try (Connection connection = DriverManager.getConnection(args[1], "postgres", "");
                    Statement statement = connection.createStatement()) {
                statement.execute(args[3].equals("create") ? "CREATE SCHEMA " + args[2]
                        : "DROP SCHEMA IF EXISTS " + args[2] + " CASCADE");
            }
            return;
        }
        URI baseUrl = URI.create(args[1]);
        String jdbcUrl = args[2] + "?currentSchema=" + args[3];
        String workspace = args[4];
        long start = Long.parseLong(args[5]);
        long seconds = Long.parseLong(args[6]);
        int threads = Integer.parseInt(args[7]);
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(jdbcUrl);
            pool.setUsername("postgres");
            pool.setMaximumPoolSize(4);
            PostgresRequestBudget budget = new PostgresRequestBudget(workspace, 10, Duration.ofMillis(25), pool);
            SpotDraftProperties properties = SpotDraftProperties.of(baseUrl, "sandbox", "sandbox-secret").withWorkspace(workspace);
            try (SpotDraftClient client = SpotDraftClient.create(properties, budget, new SimpleMeterRegistry())) {
                List<String> ids = client.listContracts(ContractFilter.none(), 1).results().stream()
                        .map(ContractListItem::id).toList();
                // both processes begin at the same instant (the common start time given by the script)
                org.awaitility.Awaitility.await("the common start time").atMost(Duration.ofMinutes(5))
                        .pollInterval(Duration.ofMillis(1)).until(() -> System.currentTimeMillis() >= start);
                long end = start + seconds * 1000;
                AtomicLong calls = new AtomicLong();
                ExecutorService callers = Executors.newFixedThreadPool(threads);
                List<Future<?>> loops = new ArrayList<>();
                for (int thread = 0; thread < threads; thread++) {
                    int offset = thread;
                    loops.add(callers.submit(() -> {
                        for (int call = offset; System.currentTimeMillis() < end; call++) {
                            client.status(ids.get(call % ids.size()));
                            calls.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> loop : loops) {
                    loop.get();
                }
                callers.shutdown();
                System.out.println("calls " + calls.get());
            }
        }
    }
}
