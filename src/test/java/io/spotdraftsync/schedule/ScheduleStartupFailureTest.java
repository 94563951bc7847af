package io.spotdraftsync.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.spotdraftsync.cli.SyncCommandLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A malformed schedule file stops {@code serve} with one line naming the file, the line and the field. */
class ScheduleStartupFailureTest {

    private static String errorOf(Path work, String... extra) {
        List<String> args = new ArrayList<>(List.of("serve", "--port=0"));
        ServeContexts.properties(work, work.resolve("schedules")).forEach((name, value) -> {
            if (!name.equals("server.port")) {
                args.add("--" + name + "=" + value);
            }
        });
        args.addAll(List.of(extra));
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try {
            assertThat(SyncCommandLine.execute(args.toArray(String[]::new))).isEqualTo(1);
        } finally {
            System.setErr(original);
        }
        return captured.toString().lines().filter(line -> line.startsWith("error: ")).findFirst().orElse("");
    }

    @Test
    void aBadCronStopsServeNamingFileLineAndField(@TempDir Path work) throws Exception {
        Path jobs = Files.createDirectories(work.resolve("schedules"));
        Path file = Files.writeString(jobs.resolve("export-incremental.yml"), """
                name: export-incremental
                job: export
                cron: every 15 min
                """);

        assertThat(errorOf(work)).isEqualTo("error: " + file.toAbsolutePath() + " line 3: cron 'every 15 min' has 3 "
                + "fields: Quartz cron expressions have 6 or 7 fields: second minute hour day-of-month month day-of-week "
                + "[year], with ? in one of the two day fields, e.g. '0 */15 * * * ?'");
    }

    @Test
    void bootsOwnQuartzSchemaInitializationIsRefused(@TempDir Path work) throws Exception {
        Files.createDirectories(work.resolve("schedules"));

        assertThat(errorOf(work, "--spring.quartz.jdbc.initialize-schema=always"))
                .startsWith("error: spring.quartz.jdbc.initialize-schema must be never, was 'always'");
    }

    @Test
    void aMissingDirectoryThatWasSetIsAnError(@TempDir Path work) {
        assertThat(errorOf(work)).isEqualTo("error: " + work.resolve("schedules").toAbsolutePath()
                + ": the schedule directory (sync.schedule.directory) does not exist; set sync.schedule.enabled=false to "
                + "run without schedules");
    }
}
