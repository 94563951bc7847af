package io.spotdraftsync.schedule;

import org.springframework.context.annotation.Configuration;

/** Quartz schedules loaded from the files of {@code jobs/} ({@code serve}). */
@Configuration(proxyBeanMethods = false)
public class ScheduleConfiguration {
}
