package io.spotdraftsync.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.spotdraftsync.jobs.JobStarter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;

/** Schedule files: what loads, and that every malformed file is refused naming the file, the line and the field. */
class ScheduleLoaderTest {

    @TempDir
    Path directory;

    /** A job with boolean parameters, checked the way the real jobs check them. */
    private static JobStarter flags(String job, String... names) {
        return new JobStarter() {
            @Override
            public String job() {
                return job;
            }

            @Override
            public Set<String> parameterNames() {
                return Set.of(names);
            }

            @Override
            public void validate(Map<String, String> parameters) {
                JobStarter.requireKnown(job, parameters, parameterNames());
                for (String name : names) {
                    JobStarter.flag(parameters, name);
                }
            }

            @Override
            public JobExecution run(Map<String, String> parameters, String trigger) {
                throw new UnsupportedOperationException("a loader test runs nothing");
            }
        };
    }

    /** A job with a required parameter, like import. */
    private static JobStarter needsManifest() {
        return new JobStarter() {
            @Override
            public String job() {
                return "import";
            }

            @Override
            public Set<String> parameterNames() {
                return Set.of("manifest");
            }

            @Override
            public void validate(Map<String, String> parameters) {
                JobStarter.requireKnown(job(), parameters, parameterNames());
                if (!parameters.containsKey("manifest")) {
                    throw new IllegalArgumentException("Job import needs the parameter manifest (a path or s3:// URI)");
                }
            }

            @Override
            public JobExecution run(Map<String, String> parameters, String trigger) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private final ScheduleLoader loader = new ScheduleLoader(
            List.of(flags("export", "full"), flags("reconcile", "deep", "allow-mass-delete"), needsManifest()));

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(directory.resolve(name), String.join("\n", lines) + "\n");
    }

    private String failure(String... lines) throws IOException {
        Path file = write("broken.yml", lines);
        try {
            loader.load(directory);
        } catch (ScheduleFileException refused) {
            assertThat(refused.file()).isEqualTo(file.toString());
            return refused.getMessage();
        }
        throw new AssertionError("the file was accepted");
    }

    @Test
    void theRepositoryDefaultsLoad() {
        List<ScheduleDefinition> schedules = loader.load(Path.of("jobs"));

        assertThat(schedules).extracting(ScheduleDefinition::name)
                .containsExactly("export-full", "export-incremental", "reconcile");
        assertThat(schedules).allSatisfy(schedule -> {
            assertThat(schedule.enabled()).isTrue();
            assertThat(schedule.timeZone()).isEqualTo(ZoneId.of("UTC"));
        });
        assertThat(schedules.get(0)).satisfies(full -> {
            assertThat(full.job()).isEqualTo("export");
            assertThat(full.cron()).isEqualTo("0 0 2 * * ?");
            assertThat(full.parameters()).containsExactly(Map.entry("full", "true"));
            assertThat(full.file()).isEqualTo(Path.of("jobs", "export-full.yml").toString());
        });
        assertThat(schedules.get(1).cron()).isEqualTo("0 */15 * * * ?");
        assertThat(schedules.get(1).parameters()).containsExactly(Map.entry("full", "false"));
        assertThat(schedules.get(2).job()).isEqualTo("reconcile");
        assertThat(schedules.get(2).cron()).isEqualTo("0 30 * * * ?");
    }

    @Test
    void aValidFileLoadsWithItsDefaultsAndOnlyYamlFilesAreRead() throws IOException {
        write("a.yml", "name: nightly", "job: reconcile", "cron: 0 0 3 ? * SUN 2099",
                "parameters:", "  deep: yes", "  allow-mass-delete: 'false'", "description: weekly deep check");
        write("b.yaml", "name: minimal", "job: export", "cron: '*/30 * * * * ?'", "time-zone: Europe/Paris");
        write("README.md", "# not a schedule");
        write(".hidden.yml", "not: a schedule");

        List<ScheduleDefinition> schedules = loader.load(directory);

        assertThat(schedules).hasSize(2);
        ScheduleDefinition nightly = schedules.get(0);
        assertThat(nightly.name()).isEqualTo("nightly");
        assertThat(nightly.cron()).isEqualTo("0 0 3 ? * SUN 2099");
        assertThat(nightly.timeZone()).isEqualTo(ZoneId.of("UTC"));
        // an unquoted YAML boolean reaches the job as true or false; a quoted one as its text
        assertThat(nightly.parameters()).containsExactly(Map.entry("deep", "true"), Map.entry("allow-mass-delete", "false"));
        assertThat(nightly.description()).isEqualTo("weekly deep check");
        assertThat(nightly.enabled()).isTrue();
        ScheduleDefinition minimal = schedules.get(1);
        assertThat(minimal.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(minimal.parameters()).isEmpty();
        assertThat(minimal.description()).isNull();
    }

    @Test
    void theJobsOwnParameterCheckNamesTheParameterLine() throws IOException {
        assertThat(failure("name: x", "job: export", "cron: '0 * * * * ?'", "parameters:", "  other: 1", "  full: yes"))
                .endsWith("broken.yml line 5: parameters: Job export has no parameter 'other' (known: full)");
        assertThat(failure("name: x", "job: export", "cron: '0 * * * * ?'", "parameters:", "  full: 'yes'"))
                .endsWith("broken.yml line 5: parameters: Parameter full must be true or false, was 'yes'");
        assertThat(failure("name: x", "job: export", "cron: '0 * * * * ?'", "parameters:", "  full: maybe"))
                .endsWith("broken.yml line 5: parameters: Parameter full must be true or false, was 'maybe'");
    }

    @Test
    void aRequiredParameterThatIsMissingNamesTheJobLine() throws IOException {
        assertThat(failure("name: x", "# comment", "job: import", "cron: '0 0 * * * ?'"))
                .endsWith("broken.yml line 3: parameters: Job import needs the parameter manifest (a path or s3:// URI)");
    }

    @Test
    void disabledFilesAreCheckedAndMarkedDisabled() throws IOException {
        write("off.yml", "name: off", "job: export", "cron: '0 0 * * * ?'", "enabled: false");
        write("on.yml", "name: on", "job: export", "cron: '0 0 * * * ?'", "enabled: true");

        assertThat(loader.load(directory)).extracting(ScheduleDefinition::name, ScheduleDefinition::enabled)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("off", false), org.assertj.core.groups.Tuple.tuple("on", true));

        assertThat(failure("name: x", "job: export", "cron: nonsense * * * * ?", "enabled: false"))
                .contains("broken.yml line 3: cron 'nonsense * * * * ?' is not a valid Quartz cron expression");
    }

    @Test
    void aBadCronNamesFileLineAndField() throws IOException {
        assertThat(failure("name: x", "job: export", "cron: every 15 min"))
                .endsWith("broken.yml line 3: cron 'every 15 min' has 3 fields: Quartz cron expressions have 6 or 7 "
                        + "fields: second minute hour day-of-month month day-of-week [year], with ? in one of the two "
                        + "day fields, e.g. '0 */15 * * * ?'");
        assertThat(failure("name: x", "job: export", "cron: '*/15 * * * *'"))
                .contains("broken.yml line 3: cron '*/15 * * * *' has 5 fields");
        assertThat(failure("name: x", "job: export", "cron: 0 */15 * * * *"))
                .contains("broken.yml line 3: cron '0 */15 * * * *' is not a valid Quartz cron expression (Support for "
                        + "specifying both a day-of-week AND a day-of-month parameter is not implemented.)");
        assertThat(failure("name: x", "job: export", "", "cron: 0 0 0 ? * MON 2001"))
                .endsWith("broken.yml line 4: cron '0 0 0 ? * MON 2001' never fires again");
    }

    @Test
    void anUnquotedStarIsAYamlErrorWithAHint() throws IOException {
        assertThat(failure("name: x", "job: export", "cron: */2 * * * * ?"))
                .contains("broken.yml line 3: not valid YAML:")
                .contains("a value that starts with * must be quoted");
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() throws IOException {
        assertThat(failure("name: x", "job: export", "cron: '0 * * * * ?'", "parameters:", "  full: [true", "enabled: true"))
                .matches(".*broken\\.yml line [56]: not valid YAML: .*");
        assertThat(failure("name: x", "job: export", "  cron: '0 * * * * ?'"))
                .matches(".*broken\\.yml line 3: not valid YAML: mapping values are not allowed here.*");
    }

    @Test
    void unknownAndRepeatedFieldsAreErrors() throws IOException {
        assertThat(failure("name: x", "job: export", "crom: '0 * * * * ?'"))
                .endsWith("broken.yml line 3: unknown field 'crom' (known: name, job, cron, time-zone, parameters, enabled, "
                        + "description)");
        assertThat(failure("name: x", "job: export", "cron: '0 * * * * ?'", "name: y"))
                .endsWith("broken.yml line 4: field 'name' appears twice");
        assertThat(failure("name: x", "job: export", "cron: '0 * * * * ?'", "timezone: UTC"))
                .contains("line 4: unknown field 'timezone'");
    }

    @Test
    void missingAndEmptyFieldsAreErrors() throws IOException {
        assertThat(failure("name: x", "job: export"))
                .endsWith("broken.yml line 1: missing field 'cron' (a Quartz cron expression, e.g. '0 */15 * * * ?')");
        assertThat(failure("name: x", "job:", "cron: '0 * * * * ?'"))
                .endsWith("broken.yml line 2: job has no value (one of export, reconcile, import)");
        assertThat(failure("# nothing but a comment"))
                .endsWith("broken.yml: is empty: a schedule needs at least the fields name, job and cron");
        assertThat(failure("- name: x"))
                .contains("broken.yml line 1: a schedule file holds one mapping of fields");
    }

    @Test
    void unknownJobTimeZoneNameAndEnabledValuesAreErrors() throws IOException {
        assertThat(failure("name: x", "job: exprt", "cron: '0 * * * * ?'"))
                .endsWith("broken.yml line 2: job 'exprt' is not a job (known: export, reconcile, import)");
        assertThat(failure("name: x", "job: export", "cron: '0 * * * * ?'", "time-zone: Mars/Olympus"))
                .startsWith(directory.resolve("broken.yml") + " line 4: time-zone 'Mars/Olympus' is not a time zone id");
        assertThat(failure("name: 'my schedule'", "job: export", "cron: '0 * * * * ?'"))
                .contains("broken.yml line 1: name 'my schedule' must be 1 to 100 letters");
        assertThat(failure("name: x", "job: export", "cron: '0 * * * * ?'", "enabled: sometimes"))
                .endsWith("broken.yml line 4: enabled must be true or false, was 'sometimes'");
    }

    @Test
    void parametersMustBeAMappingOfSingleValues() throws IOException {
        assertThat(failure("name: x", "job: export", "cron: '0 * * * * ?'", "parameters: full"))
                .contains("broken.yml line 4: parameters must be a mapping of names to values");
        assertThat(failure("name: x", "job: export", "cron: '0 * * * * ?'", "parameters:", "  full:", "    - true"))
                .contains("broken.yml line 6: parameters.full must be a single value");
        assertThat(failure("name: x", "job: export", "cron: '0 * * * * ?'", "parameters:", "  full:"))
                .endsWith("broken.yml line 5: parameters.full has no value");
    }

    @Test
    void twoFilesWithOneNameAreRefusedNamingBoth() throws IOException {
        Path first = write("a.yml", "name: hourly", "job: export", "cron: '0 0 * * * ?'");
        Path second = write("b.yml", "# the same name again", "name: hourly", "job: reconcile", "cron: '0 30 * * * ?'");

        assertThatThrownBy(() -> loader.load(directory))
                .isInstanceOf(ScheduleFileException.class)
                .hasMessage(second + " line 2: name 'hourly' is already used by " + first + " (names must be unique)");
    }
}
