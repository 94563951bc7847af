package io.spotdraftsync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

class WarehouseConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(WarehouseConfiguration.class);

    /** Properties only: a started warehouse would create the default file in ./data of whoever runs the tests. */
    @EnableConfigurationProperties(WarehouseProperties.class)
    static class PropertiesOnly {
    }

    @Test
    void theDefaultIsAnEmbeddedDuckDbFile() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(PropertiesOnly.class)
                .run(started -> {
                    WarehouseProperties properties = started.getBean(WarehouseProperties.class);
                    assertThat(properties.url()).isEqualTo(WarehouseProperties.DEFAULT_URL).isEqualTo("jdbc:duckdb:./data/warehouse.duckdb");
                    assertThat(properties.stage()).isEqualTo("~");
                    assertThat(properties.kind()).isEqualTo("duckdb");
                });
    }

    @Test
    void aDuckDbWarehouseIsMigratedAtStart() {
        String url = TestDatabases.duckDbUrl("configuration");
        try {
            context.withPropertyValues("sync.warehouse.url=" + url).run(started -> {
                assertThat(started).hasNotFailed();
                Warehouse warehouse = started.getBean(Warehouse.class);
                assertThat(warehouse.dialect()).isEqualTo("duckdb");
                assertThat(warehouse.storedContracts("nobody")).isEmpty();
            });
        } finally {
            TestDatabases.deleteDuckDb(url);
        }
    }

    @Test
    void aPostgresWarehouseIsMigratedIntoItsSchemaAtStart() throws SQLException {
        String schema = TestDatabases.postgresSchema("wh_config");
        try {
            context.withPropertyValues("sync.warehouse.url=" + TestDatabases.POSTGRES_URL, "sync.warehouse.username=postgres",
                    "sync.warehouse.schema=" + schema).run(started -> {
                        assertThat(started).hasNotFailed();
                        assertThat(started.getBean(Warehouse.class).dialect()).isEqualTo("postgresql");
                        assertThat(started.getBean(Warehouse.class).storedContract("ws", "T-1")).isEmpty();
                    });
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    @Test
    void anUnsupportedUrlFailsTheStartNamingTheProperty() {
        context.withPropertyValues("sync.warehouse.url=jdbc:mysql://db/dw").run(started -> {
            assertThat(started).hasFailed();
            assertThat(messages(started.getStartupFailure()))
                    .contains("sync.warehouse.url must be a jdbc:duckdb:, jdbc:postgresql: or jdbc:snowflake: URL");
        });
    }

    @Test
    void duckDbUrlOptionsAndInMemoryDatabasesAreRefused() {
        context.withPropertyValues("sync.warehouse.url=jdbc:duckdb:./data/w.duckdb?access_mode=read_only").run(started ->
                assertThat(messages(started.getStartupFailure())).contains("sync.warehouse.url must name a DuckDB file without ?options"));
        context.withPropertyValues("sync.warehouse.url=jdbc:duckdb:").run(started ->
                assertThat(messages(started.getStartupFailure())).contains("sync.warehouse.url must name a DuckDB file"));
    }

    @Test
    void snowflakeNeedsAUserAndAPasswordOrAKey(@TempDir Path directory) throws Exception {
        context.withPropertyValues("sync.warehouse.url=jdbc:snowflake://acme.snowflakecomputing.com").run(started ->
                assertThat(messages(started.getStartupFailure()))
                        .contains("Snowflake needs sync.warehouse.username and either sync.warehouse.password or sync.warehouse.private-key-file"));
        context.withPropertyValues("sync.warehouse.url=jdbc:snowflake://acme.snowflakecomputing.com", "sync.warehouse.username=loader",
                "sync.warehouse.private-key-file=" + directory.resolve("missing.p8")).run(started ->
                assertThat(messages(started.getStartupFailure())).contains("sync.warehouse.private-key-file must be a readable PKCS#8 PEM file"));
        Path key = Files.writeString(directory.resolve("key.p8"), "-----BEGIN PRIVATE KEY-----\n");
        context.withPropertyValues("sync.warehouse.url=jdbc:snowflake://acme.snowflakecomputing.com", "sync.warehouse.username=loader",
                "sync.warehouse.private-key-file=" + key, "sync.warehouse.stage=bad stage!").run(started ->
                assertThat(messages(started.getStartupFailure())).contains("sync.warehouse.stage must be ~ (the user's stage) or a stage name")
                        .doesNotContain("sync.warehouse.private-key-file must"));
    }

    @Test
    void secretsNeverPrint() {
        WarehouseProperties properties = WarehouseProperties.of("jdbc:postgresql://db/dw?password=url-secret")
                .withCredentials("loader", "very-secret");
        assertThat(properties.toString()).contains("loader").doesNotContain("very-secret").doesNotContain("url-secret");
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
