package io.spotdraftsync.warehouse;

import java.time.Clock;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.MeterRegistry;

import net.snowflake.client.jdbc.SnowflakeBasicDataSource;

/** Builds the {@link Warehouse} that {@code sync.warehouse.url} names. */
public final class WarehouseFactory {

    static final String SNOWFLAKE_SESSION_SETUP = "ALTER SESSION SET JDBC_QUERY_RESULT_FORMAT = 'JSON'";

    private WarehouseFactory() {
    }

    public static Warehouse create(WarehouseProperties properties, MeterRegistry registry) {
        return create(properties, registry, Clock.systemUTC());
    }

    static Warehouse create(WarehouseProperties properties, MeterRegistry registry, Clock clock) {
        SqlDialect dialect = SqlDialect.forUrl(properties.url());
        SqlLog sql = new SqlLog(dialect.name(), registry);
        ConnectionSource connections = connections(dialect, properties);
        StagingWriter staging = switch (dialect.name()) {
            case "snowflake" -> new SnowflakeStagingWriter((SnowflakeDialect) dialect, sql, properties.stage());
            case "duckdb" -> new DuckDbAppenderStagingWriter(dialect);
            default -> new InsertStagingWriter(dialect, sql, JdbcValues.of(dialect), properties.rowsPerInsert());
        };
        MigrationRunner migrations = new MigrationRunner(dialect, MigrationRunner.packaged(dialect), sql, clock);
        return new JdbcWarehouse(dialect, connections, staging, sql, migrations, properties.schema(), clock);
    }

    static ConnectionSource connections(SqlDialect dialect, WarehouseProperties properties) {
        return switch (dialect.name()) {
            case "duckdb" -> new DuckDbConnections(properties.url(), properties.schema(), properties.duckdbLockWait());
            case "postgresql" -> new PooledConnections(postgresDataSource(properties), "PostgreSQL " + safeUrl(properties.url()));
            case "snowflake" -> new PooledConnections(snowflakeDataSource(properties), "Snowflake " + safeUrl(properties.url()));
            default -> throw new IllegalArgumentException("sync.warehouse.url: no warehouse for " + dialect.name());
        };
    }

    static HikariDataSource postgresDataSource(WarehouseProperties properties) {
        HikariDataSource dataSource = pool(properties);
        dataSource.setJdbcUrl(properties.url().trim());
        dataSource.setUsername(properties.username());
        dataSource.setPassword(properties.password());
        if (properties.schema() != null && !properties.schema().isBlank()) {
            dataSource.setSchema(properties.schema());
        }
        return dataSource;
    }

    /**
     * Snowflake's own data source inside Hikari: Hikari would pass a {@code PrivateKey} through its string
     * properties, so key-pair authentication is set on the driver's data source, which Hikari only borrows from.
     */
    static HikariDataSource snowflakeDataSource(WarehouseProperties properties) {
        SnowflakeBasicDataSource snowflake = new SnowflakeBasicDataSource();
        snowflake.setUrl(properties.url().trim());
        snowflake.setUser(properties.username());
        if (properties.privateKeyFile() != null) {
            // sets the SNOWFLAKE_JWT authenticator; encrypted keys are decrypted by the driver
            snowflake.setPrivateKeyFile(properties.privateKeyFile().toAbsolutePath().toString(), properties.privateKeyPassphrase());
        } else {
            snowflake.setPassword(properties.password());
        }
        setIfPresent(properties.database(), snowflake::setDatabaseName);
        setIfPresent(properties.schema(), snowflake::setSchema);
        setIfPresent(properties.warehouse(), snowflake::setWarehouse);
        setIfPresent(properties.role(), snowflake::setRole);
        snowflake.setApplication("spotdraft-sync");
        HikariDataSource dataSource = pool(properties);
        dataSource.setDataSource(snowflake);
        // the driver's default Arrow results need --add-opens=java.base/java.nio=ALL-UNNAMED on Java 17; JSON
        // results work without it, and our result sets are small (counts, stored contracts)
        dataSource.setConnectionInitSql(SNOWFLAKE_SESSION_SETUP);
        return dataSource;
    }

    private static HikariDataSource pool(WarehouseProperties properties) {
        // the no-argument constructor connects lazily: the first call (the migration at start) opens the pool
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("warehouse");
        dataSource.setMaximumPoolSize(properties.poolSize());
        dataSource.setMinimumIdle(1);
        dataSource.setConnectionTimeout(properties.connectionTimeout().toMillis());
        return dataSource;
    }

    private static void setIfPresent(String value, java.util.function.Consumer<String> setter) {
        if (value != null && !value.isBlank()) {
            setter.accept(value);
        }
    }

    private static String safeUrl(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
