package io.spotdraftsync.check;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.spotdraftsync.jobs.Failures;
import io.spotdraftsync.jobs.JobRepositorySchema;

/**
 * The job repository ({@code spring.datasource.*}): Spring Batch's run history and restart state, the watermarks,
 * run locks and the webhook inbox. Connect; the tables exist or can be created (created here when missing, as every
 * command does at its start).
 */
public final class JobRepositoryCheck {

    static final String CONNECTION = "job-repository";

    private final DataSource dataSource;
    private final String url;

    /** @param url {@code spring.datasource.url}, for messages (without its query: it may hold a password) */
    public JobRepositoryCheck(DataSource dataSource, String url) {
        this.dataSource = dataSource;
        this.url = url == null ? "(unset)" : url.replaceAll("[?;].*$", "");
    }

    public List<CheckResult> run() {
        List<CheckResult> results = new ArrayList<>();
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
            results.add(CheckResult.ok(CheckResult.SHARED, CONNECTION, "connect (" + product + ", " + url + ")"));
        } catch (Exception failure) {
            results.add(CheckResult.failed(CheckResult.SHARED, CONNECTION, "connect (" + url + ")",
                    "cannot connect (" + Failures.rootMessage(failure) + "): check spring.datasource.url, "
                            + "spring.datasource.username and spring.datasource.password (SPRING_DATASOURCE_*)"));
            return results;
        }
        try {
            new JobRepositorySchema(dataSource).afterPropertiesSet();
            results.add(CheckResult.ok(CheckResult.SHARED, CONNECTION, "tables exist or were created"));
        } catch (Exception failure) {
            results.add(CheckResult.failed(CheckResult.SHARED, CONNECTION, "tables exist or can be created",
                    "could not create the job repository's tables (" + Failures.rootMessage(failure) + "): give "
                            + "spring.datasource.username CREATE on its schema, or create them once with a user that has it"));
        }
        return results;
    }
}
