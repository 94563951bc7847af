package io.spotdraftsync.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import io.spotdraftsync.jobs.RunLauncher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A new deployment's warehouse is filled at once: {@code serve} starts a full export of a workspace that has never
 * completed one, and only of such a workspace.
 */
class ScheduleInitialExportTest {

    @Test
    void serveExportsANeverExportedWorkspaceAtStartAndOnlyOnce(@TempDir Path work) throws Exception {
        Path noSchedules = Files.createDirectories(work.resolve("schedules"));
        Map<String, Object> properties = ServeContexts.properties(work, noSchedules);
        properties.put("sync.schedule.initial-export", true);

        try (ConfigurableApplicationContext first = ServeContexts.start(properties)) {
            JobRepository repository = first.getBean(JobRepository.class);
            await("the initial export to complete").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> startupRuns(repository).stream().anyMatch(run -> run.getStatus() == BatchStatus.COMPLETED));
            JobExecution run = startupRuns(repository).get(0);
            assertThat(run.getJobParameters().getString(RunLauncher.MODE)).isEqualTo("full");
            assertThat(run.getJobParameters().getString("workspace")).isEqualTo("sandbox");
        }
        assertThat(count(work, "SELECT count(*) FROM contracts")).isEqualTo(50);
        assertThat(count(work, "SELECT count(*) FROM sync_runs WHERE trigger = 'startup' AND outcome = 'COMPLETED'")).isEqualTo(1);

        // the next start finds the workspace exported: the decision is made before the context is ready
        try (ConfigurableApplicationContext next = ServeContexts.start(properties)) {
            assertThat(startupRuns(next.getBean(JobRepository.class))).hasSize(1);
        }
    }

    private static List<JobExecution> startupRuns(JobRepository repository) {
        return repository.getJobInstances("export", 0, 100).stream()
                .flatMap(instance -> repository.getJobExecutions(instance).stream())
                .filter(execution -> Objects.equals(InitialExport.TRIGGER, execution.getJobParameters().getString(RunLauncher.TRIGGER)))
                .toList();
    }

    private static long count(Path work, String sql) throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection warehouse = DriverManager.getConnection("jdbc:duckdb:" + work.resolve("warehouse.duckdb"), readOnly);
                Statement statement = warehouse.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
