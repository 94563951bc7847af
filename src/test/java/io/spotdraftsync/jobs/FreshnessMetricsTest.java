package io.spotdraftsync.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Freshness comes from the job repository's watermarks: right after a restart, refreshed every few seconds. */
class FreshnessMetricsTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-05T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void secondsSinceTheLastSuccessfulRunPerJobReadFromTheJobRepository() throws Exception {
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl("jdbc:h2:mem:freshness-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            new JobRepositorySchema(dataSource).afterPropertiesSet();
            WatermarkStore watermarks = new WatermarkStore(new JdbcTemplate(dataSource));
            watermarks.advance("acme", "export", now.get().minusSeconds(120), 1);
            watermarks.advance("other", "reconcile", now.get().minusSeconds(5), 2);

            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new FreshnessMetrics(watermarks, "acme", List.of("export", "reconcile"), registry, clock);
            assertThat(gauge(registry, "export")).isEqualTo(120.0);
            assertThat(gauge(registry, "reconcile")).as("none in this workspace").isNaN();

            now.set(now.get().plusSeconds(10));
            watermarks.advance("acme", "export", now.get().minusSeconds(1), 3);
            assertThat(gauge(registry, "export")).as("rows read again only after the refresh interval").isEqualTo(130.0);
            now.set(now.get().plus(FreshnessMetrics.REFRESH));
            assertThat(gauge(registry, "export")).isEqualTo(1.0 + FreshnessMetrics.REFRESH.toSeconds());

            // a restart: a new process reads the same rows
            SimpleMeterRegistry restarted = new SimpleMeterRegistry();
            new FreshnessMetrics(watermarks, "acme", List.of("export", "reconcile"), restarted, clock);
            assertThat(gauge(restarted, "export")).isEqualTo(gauge(registry, "export"));

            // the job repository gone: the last watermarks read still age
            dataSource.close();
            now.set(now.get().plus(Duration.ofMinutes(1)));
            assertThat(gauge(restarted, "export")).isEqualTo(61.0 + FreshnessMetrics.REFRESH.toSeconds());
        }
    }

    private static double gauge(SimpleMeterRegistry registry, String job) {
        return registry.get(FreshnessMetrics.NAME).tag("workspace", "acme").tag("sync_job", job).gauge().value();
    }
}
