package io.spotdraftsync.schedule;

import java.time.ZoneId;
import java.util.Map;

/**
 * One schedule file, checked: a job to run by name with its parameters, at the times of a Quartz cron expression
 * in a time zone.
 *
 * @param name        unique among the files; with the workspace, the Quartz job and trigger name
 * @param job         {@code export}, {@code reconcile} or {@code import}
 * @param cron        a Quartz cron expression (6 or 7 fields, seconds first)
 * @param timeZone    the zone the cron expression is read in
 * @param parameters  the job's parameters, as strings (checked by the job)
 * @param enabled     false: the schedule is not in the scheduler (and is removed from it)
 * @param description optional text, shown with the trigger
 * @param file        the file it was read from, as shown in messages
 */
public record ScheduleDefinition(String name, String job, String cron, ZoneId timeZone, Map<String, String> parameters,
        boolean enabled, String description, String file) {

    public ScheduleDefinition {
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }
}
