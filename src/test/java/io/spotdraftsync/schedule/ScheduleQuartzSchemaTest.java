package io.spotdraftsync.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Quartz's tables: created once from Quartz's own scripts, never dropped, whoever else creates them at the same time. */
class ScheduleQuartzSchemaTest {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    @Test
    void theScriptsDropNothingAndCreateOnlyWhatIsMissing() {
        QuartzSchema schema = new QuartzSchema(new DriverManagerDataSource("jdbc:h2:mem:unused"));
        for (QuartzSchema.Platform platform : QuartzSchema.Platform.values()) {
            List<String> statements = schema.statements(platform);
            assertThat(statements).isNotEmpty().noneMatch(sql -> sql.toUpperCase(Locale.ROOT).startsWith("DROP"))
                    .noneMatch(sql -> sql.equalsIgnoreCase("COMMIT"));
            assertThat(statements).filteredOn(sql -> sql.startsWith("CREATE TABLE"))
                    .hasSize(QuartzSchema.TABLES.size())
                    .allMatch(sql -> sql.startsWith("CREATE TABLE IF NOT EXISTS "));
        }
        assertThat(new QuartzSchema(new DriverManagerDataSource("jdbc:h2:mem:unused"), "SYNC_Q_")
                .statements(QuartzSchema.Platform.POSTGRESQL)).noneMatch(sql -> sql.contains("QRTZ_"));
    }

    @Test
    void onH2ASecondRunAndAHalfCreatedSchemaAreCompleted() throws Exception {
        DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:quartz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        QuartzSchema schema = new QuartzSchema(h2);
        schema.afterPropertiesSet();
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(schema.missingTables(connection)).isEmpty();
            statement.execute("INSERT INTO qrtz_locks (sched_name, lock_name) VALUES ('s', 'TRIGGER_ACCESS')");
            statement.execute("DROP TABLE qrtz_fired_triggers");
            assertThat(schema.missingTables(connection)).containsExactly("qrtz_fired_triggers");
        }

        schema.afterPropertiesSet();

        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(schema.missingTables(connection)).isEmpty();
            var rows = statement.executeQuery("SELECT count(*) FROM qrtz_locks");
            rows.next();
            assertThat(rows.getInt(1)).as("rows of existing tables are kept").isEqualTo(1);
        }
    }

    @Test
    void twoProcessesCreatingOnPostgresAtOnceCreateTheTablesOnce() throws Exception {
        String name = "schedq_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(POSTGRES, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + name);
        }
        ExecutorService pods = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<Void>> creators = java.util.stream.IntStream.range(0, 4).<Callable<Void>>mapToObj(pod -> () -> {
                DataSource dataSource = new DriverManagerDataSource(POSTGRES + "?currentSchema=" + name, "postgres", "");
                go.await();
                new QuartzSchema(dataSource).afterPropertiesSet();
                return null;
            }).toList();
            List<Future<Void>> started = creators.stream().map(pods::submit).toList();
            go.countDown();
            for (Future<Void> creator : started) {
                creator.get();
            }
            try (Connection connection = DriverManager.getConnection(POSTGRES + "?currentSchema=" + name, "postgres", "")) {
                assertThat(new QuartzSchema(null).missingTables(connection)).isEmpty();
            }
        } finally {
            pods.shutdownNow();
            try (Connection admin = DriverManager.getConnection(POSTGRES, "postgres", "");
                    Statement statement = admin.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
        }
    }
}
