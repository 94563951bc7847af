package io.spotdraftsync.schedule;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.spotdraftsync.cli.ServeApplication;
import io.spotdraftsync.cli.SpringLauncher;
import io.spotdraftsync.jobs.RunLauncher;
import io.spotdraftsync.sandbox.EmbeddedSandbox;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the real {@code serve} context on the embedded sandbox, with temporary storage and a schedule directory. */
final class ServeContexts {

    private ServeContexts() {
    }

    /** Properties of a serve context whose warehouse, documents and (H2) job repository live under {@code work}. */
    static Map<String, Object> properties(Path work, Path scheduleDirectory) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("spring.datasource.url", "jdbc:h2:file:" + work.resolve("jobs").toAbsolutePath() + ";AUTO_SERVER=TRUE");
        properties.put("sync.warehouse.url", "jdbc:duckdb:" + work.resolve("warehouse.duckdb").toAbsolutePath());
        properties.put("sync.documents.location", "file:" + work.resolve("documents").toAbsolutePath());
        properties.put("sync.documents.temp-dir", work.resolve("tmp").toAbsolutePath().toString());
        properties.put("sync.export.progress-interval", "60s");
        properties.put("sync.embedded-sandbox.contracts", 50);
        properties.put("sync.embedded-sandbox.requests-per-second", 1000);
        properties.put("sync.schedule.directory", scheduleDirectory.toAbsolutePath().toString());
        // the schedules under test start the runs, not the first export of an empty warehouse (ScheduleInitialExportTest)
        properties.put("sync.schedule.initial-export", false);
        return properties;
    }

    static ConfigurableApplicationContext start(Map<String, Object> properties) {
        List<String> arguments = new ArrayList<>();
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return SpringLauncher.start(ServeApplication.class, WebApplicationType.SERVLET, arguments.toArray(String[]::new),
                Map.of(), new EmbeddedSandbox());
    }

    /** The first COMPLETED run of the job that a schedule started, once there is one. */
    static JobExecution awaitCompletedScheduledRun(ConfigurableApplicationContext context, String job) {
        JobRepository repository = context.getBean(JobRepository.class);
        return await("a COMPLETED " + job + " run started by a schedule").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> completedScheduledRun(repository, job), Optional::isPresent).orElseThrow();
    }

    private static Optional<JobExecution> completedScheduledRun(JobRepository repository, String job) {
        return repository.getJobInstances(job, 0, 100).stream()
                .flatMap(instance -> repository.getJobExecutions(instance).stream())
                .filter(execution -> execution.getStatus() == BatchStatus.COMPLETED)
                .filter(execution -> Objects.equals(ScheduledRun.TRIGGER,
                        execution.getJobParameters().getString(RunLauncher.TRIGGER)))
                .findFirst();
    }

    /** Stops firing, lets the run in flight end, then closes the context: no run is cut short by the test. */
    static void stop(ConfigurableApplicationContext context) throws SchedulerException {
        try {
            Scheduler scheduler = context.getBean(Scheduler.class);
            scheduler.standby();
            await("the scheduled runs in flight to end").atMost(Duration.ofSeconds(90))
                    .until(() -> scheduler.getCurrentlyExecutingJobs().isEmpty());
        } finally {
            context.close();
        }
    }
}
