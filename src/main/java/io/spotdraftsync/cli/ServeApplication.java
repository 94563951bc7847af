package io.spotdraftsync.cli;

import io.spotdraftsync.jobs.RunRecoveryConfiguration;
import io.spotdraftsync.ops.ActuatorConfiguration;
import io.spotdraftsync.ops.ActuatorSanitizing;
import io.spotdraftsync.ops.AdminConfiguration;
import io.spotdraftsync.ops.SecurityHeadersConfiguration;
import io.spotdraftsync.ops.StatusPageConfiguration;
import io.spotdraftsync.schedule.ScheduleConfiguration;
import io.spotdraftsync.webhook.WebhookConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring context of {@code serve}: the jobs, plus the web server (webhook receiver, admin API, status page,
 * Actuator with its health checks and metrics), the webhook worker and the Quartz schedules.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({SyncStack.class, WebhookConfiguration.class, ScheduleConfiguration.class, AdminConfiguration.class,
        StatusPageConfiguration.class, ActuatorConfiguration.class, ActuatorSanitizing.class,
        SecurityHeadersConfiguration.class, RunRecoveryConfiguration.class})
public class ServeApplication {
}
