package io.spotdraftsync.check;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.spotdraftsync.jobs.Failures;
import io.spotdraftsync.spotdraft.PostgresRequestBudget;

/**
 * The shared request budget ({@code spotdraft.rate-limit.store=postgres}, what {@code serve} with several pods uses):
 * its table exists or can be created in the job-repository database, and the workspace's bucket hands out one
 * request (the one the check spends).
 */
public final class BudgetStoreCheck {

    static final String CONNECTION = "budget-store";

    private final DataSource dataSource;
    private final String workspace;
    private final int requestsPerSecond;
    private final Duration margin;

    public BudgetStoreCheck(DataSource dataSource, String workspace, int requestsPerSecond, Duration margin) {
        this.dataSource = dataSource;
        this.workspace = workspace;
        this.requestsPerSecond = requestsPerSecond;
        this.margin = margin;
    }

    public List<CheckResult> run() {
        String check = PostgresRequestBudget.TABLE + " exists or can be created, one request taken";
        try {
            new PostgresRequestBudget(workspace, requestsPerSecond, margin, dataSource).acquire();
            return List.of(CheckResult.ok(workspace, CONNECTION, check));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return List.of(CheckResult.failed(workspace, CONNECTION, check, "interrupted"));
        } catch (RuntimeException failure) {
            return List.of(CheckResult.failed(workspace, CONNECTION, check,
                    "the shared budget (spotdraft.rate-limit.store=postgres) lives in the job-repository database, a "
                            + "PostgreSQL one (spring.datasource.url), where spring.datasource.username needs CREATE on its "
                            + "schema the first time: " + Failures.rootMessage(failure)
                            + "; or set spotdraft.rate-limit.store=local for a single process"));
        }
    }
}
