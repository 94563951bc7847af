package io.spotdraftsync.ops;

import java.util.function.Predicate;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServletRequest;

import io.spotdraftsync.export.ExportRunLifecycle;
import io.spotdraftsync.importer.ImportRunLifecycle;
import io.spotdraftsync.jobs.JobRuns;
import io.spotdraftsync.jobs.RunProgressRegistry;
import io.spotdraftsync.reconcile.ReconcileLifecycle;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The authenticated admin API ({@code /api}) of {@code serve}: a bearer-token filter on {@code /api/*} only (the
 * webhook receiver and Actuator are not behind it), the controller and its problem details.
 *
 * <p>The token is resolved while the web server is being created, before the jobs' beans: a {@code serve} with a
 * SpotDraft workspace and no {@code sync.admin.token} stops there, with a message that names the property.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
public class AdminConfiguration {

    @Bean
    AdminToken adminToken(AdminProperties properties, Environment environment) {
        return AdminToken.resolve(properties, environment);
    }

    @Bean
    FilterRegistrationBean<BearerTokenFilter> adminApiAuthentication(AdminToken adminToken, JsonMapper jsonMapper,
            ObjectProvider<StatusPageAccess> statusPageAccess) {
        // the status page's data may be public (sync.status-page.public); nothing else under /api is
        Predicate<HttpServletRequest> open = statusPageAccess.getIfAvailable(() -> new StatusPageAccess(false));
        FilterRegistrationBean<BearerTokenFilter> registration =
                new FilterRegistrationBean<>(new BearerTokenFilter(adminToken, jsonMapper, open));
        registration.setName("adminApiAuthentication");
        registration.addUrlPatterns("/api/*");
        // before anything else that could answer or spend work on an /api request
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    RunViews runViews(JobRepository jobRepository, DataSource dataSource, RunProgressRegistry runProgressRegistry,
            ExportRunLifecycle exportRunLifecycle, ReconcileLifecycle reconcileLifecycle, ImportRunLifecycle importRunLifecycle,
            JobRuns jobRuns, io.spotdraftsync.jobs.RunOwners runOwners) {
        return new RunViews(jobRepository, new JdbcTemplate(dataSource), runProgressRegistry, exportRunLifecycle,
                reconcileLifecycle, importRunLifecycle, jobRuns::inFlight, runOwners);
    }

    @Bean
    AdminController adminController(JobRuns jobRuns, RunViews runViews, io.spotdraftsync.workspace.Workspaces workspaces) {
        return new AdminController(jobRuns, runViews, workspaces);
    }

    @Bean
    AdminProblems adminProblems() {
        return new AdminProblems();
    }

    /** {@code /api/webhook-events}: failed webhook events, to retry or discard. */
    @Bean
    WebhookEventsController webhookEventsController(io.spotdraftsync.webhook.WebhookInbox webhookInbox,
            ObjectProvider<io.spotdraftsync.webhook.WebhookWorkers> webhookWorkers,
            io.spotdraftsync.workspace.Workspaces workspaces, ObjectProvider<java.time.Clock> clock) {
        return new WebhookEventsController(webhookInbox, webhookWorkers, workspaces, clock.getIfUnique(java.time.Clock::systemUTC));
    }
}
