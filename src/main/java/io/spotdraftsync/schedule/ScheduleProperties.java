package io.spotdraftsync.schedule;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The schedules of {@code serve}.
 *
 * @param directory        the directory of the schedule files (one YAML file per schedule), relative to the working
 *                         directory unless absolute
 * @param enabled          false: no file is read and this process fires no trigger (the triggers stored in the job
 *                         repository stay, for the processes that have schedules on)
 * @param misfireThreshold how late a trigger may fire before it counts as misfired (Quartz's
 *                         {@code org.quartz.jobStore.misfireThreshold}); a misfired schedule runs once, then keeps
 *                         its times
 * @param initialExport    with schedules on: a workspace that has never completed an export gets a full one as soon
 *                         as {@code serve} is up, rather than at its first scheduled time
 */
@ConfigurationProperties("sync.schedule")
@Validated
public record ScheduleProperties(
        @DefaultValue(ScheduleProperties.DEFAULT_DIRECTORY)
        @NotBlank(message = "sync.schedule.directory must not be blank") String directory,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60s") @NotNull Duration misfireThreshold,
        @DefaultValue("true") boolean initialExport) {

    public static final String DEFAULT_DIRECTORY = "jobs";

    public ScheduleProperties {
        if (misfireThreshold != null && misfireThreshold.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("sync.schedule.misfire-threshold must be at least 1s, was " + misfireThreshold);
        }
    }

    public Path directoryPath() {
        return Path.of(directory);
    }

    /** Whether the directory is the default one (a missing default directory means no schedules, not an error). */
    public boolean defaultDirectory() {
        return DEFAULT_DIRECTORY.equals(directory);
    }
}
