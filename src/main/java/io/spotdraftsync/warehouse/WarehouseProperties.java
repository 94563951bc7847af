package io.spotdraftsync.warehouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The warehouse that receives the synced tables; {@code url} picks it.
 *
 * @param url                  {@code jdbc:duckdb:<file>} (default, embedded), {@code jdbc:postgresql://...} or
 *                             {@code jdbc:snowflake://<account>.snowflakecomputing.com}
 * @param username             database user (PostgreSQL, Snowflake)
 * @param password             password; never logged. Snowflake: or {@code private-key-file}
 * @param privateKeyFile       Snowflake key-pair (JWT) authentication: a PKCS#8 PEM private key file
 * @param privateKeyPassphrase passphrase of an encrypted private key file; never logged
 * @param schema               schema of the tables: created if missing on DuckDB and PostgreSQL, must exist on Snowflake
 * @param database             Snowflake database
 * @param warehouse            Snowflake virtual warehouse that runs the loads
 * @param role                 Snowflake role
 * @param stage                Snowflake stage that load files go through: {@code ~} (the user's stage) or a named stage
 * @param poolSize             pooled connections (PostgreSQL, Snowflake); DuckDB opens one per call
 * @param rowsPerInsert        rows per staging INSERT statement (PostgreSQL; DuckDB uses its Appender)
 * @param connectionTimeout    longest wait for a pooled connection
 * @param duckdbLockWait       how long a DuckDB load waits for another process (an analyst) to release the file
 */
@ConfigurationProperties("sync.warehouse")
@Validated
public record WarehouseProperties(
        @DefaultValue(WarehouseProperties.DEFAULT_URL)
        @NotBlank(message = "sync.warehouse.url is required (SYNC_WAREHOUSE_URL), for example " + WarehouseProperties.DEFAULT_URL)
        String url,
        String username,
        String password,
        Path privateKeyFile,
        String privateKeyPassphrase,
        String schema,
        String database,
        String warehouse,
        String role,
        @DefaultValue("~") @NotBlank(message = "sync.warehouse.stage must not be blank (~ is the user's stage)") String stage,
        @DefaultValue("4") @Min(value = 1, message = "sync.warehouse.pool-size must be at least 1") int poolSize,
        @DefaultValue("500") @Min(value = 1, message = "sync.warehouse.rows-per-insert must be between 1 and 1000")
        @Max(value = 1000, message = "sync.warehouse.rows-per-insert must be between 1 and 1000") int rowsPerInsert,
        @DefaultValue("30s") @NotNull Duration connectionTimeout,
        @DefaultValue("30s") @NotNull Duration duckdbLockWait) {

    public static final String DEFAULT_URL = "jdbc:duckdb:./data/warehouse.duckdb";

    private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_$]*";

    @AssertTrue(message = "sync.warehouse.url must be a jdbc:duckdb:, jdbc:postgresql: or jdbc:snowflake: URL, for example " + DEFAULT_URL)
    public boolean isUrlSupported() {
        return url == null || url.isBlank() || kind() != null;
    }

    @AssertTrue(message = "sync.warehouse.url must name a DuckDB file without ?options (they become part of the file name; "
            + "an in-memory database would lose every load), for example " + DEFAULT_URL)
    public boolean isDuckDbFileNamed() {
        if (!"duckdb".equals(kind())) {
            return true;
        }
        String path = url.trim().substring("jdbc:duckdb:".length());
        return !path.isBlank() && !path.startsWith(":memory:") && !path.contains("?");
    }

    @AssertTrue(message = "Snowflake needs sync.warehouse.username and either sync.warehouse.password or sync.warehouse.private-key-file")
    public boolean isSnowflakeAuthenticationConfigured() {
        return !"snowflake".equals(kind())
                || (hasText(username) && (hasText(password) || privateKeyFile != null));
    }

    @AssertTrue(message = "sync.warehouse.private-key-file must be a readable PKCS#8 PEM file")
    public boolean isPrivateKeyFileReadable() {
        return privateKeyFile == null || Files.isReadable(privateKeyFile);
    }

    @AssertTrue(message = "sync.warehouse.schema must be a plain identifier (letters, digits, _ and $, not starting with a digit)")
    public boolean isSchemaAnIdentifier() {
        return !hasText(schema) || schema.matches(IDENTIFIER);
    }

    @AssertTrue(message = "sync.warehouse.stage must be ~ (the user's stage) or a stage name such as my_stage or db.schema.my_stage")
    public boolean isStageAName() {
        return stage == null || stage.equals("~") || stage.matches(IDENTIFIER + "(\\." + IDENTIFIER + "){0,2}");
    }

    /** {@code duckdb}, {@code postgresql}, {@code snowflake}, or null for an unsupported URL. */
    public String kind() {
        String lower = url == null ? "" : url.trim().toLowerCase(Locale.ROOT);
        for (String kind : new String[] {"duckdb", "postgresql", "snowflake"}) {
            if (lower.startsWith("jdbc:" + kind + ":")) {
                return kind;
            }
        }
        return null;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    /** Properties for code and tests that build a warehouse without Spring. */
    public static WarehouseProperties of(String url) {
        return new WarehouseProperties(url, null, null, null, null, null, null, null, null, "~", 4, 500,
                Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    public WarehouseProperties withCredentials(String user, String secret) {
        return new WarehouseProperties(url, user, secret, privateKeyFile, privateKeyPassphrase, schema, database, warehouse,
                role, stage, poolSize, rowsPerInsert, connectionTimeout, duckdbLockWait);
    }

    public WarehouseProperties withSchema(String value) {
        return new WarehouseProperties(url, username, password, privateKeyFile, privateKeyPassphrase, value, database, warehouse,
                role, stage, poolSize, rowsPerInsert, connectionTimeout, duckdbLockWait);
    }

    public WarehouseProperties withRowsPerInsert(int value) {
        return new WarehouseProperties(url, username, password, privateKeyFile, privateKeyPassphrase, schema, database, warehouse,
                role, stage, poolSize, value, connectionTimeout, duckdbLockWait);
    }

    /** Secrets never reach a log line, also not through {@code toString()}. */
    @Override
    public String toString() {
        return "WarehouseProperties[url=" + (url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1****"))
                + ", username=" + username + ", password=" + (password == null ? "unset" : "****")
                + ", privateKeyFile=" + privateKeyFile + ", privateKeyPassphrase=" + (privateKeyPassphrase == null ? "unset" : "****")
                + ", schema=" + schema + ", database=" + database + ", warehouse=" + warehouse + ", role=" + role
                + ", stage=" + stage + ", poolSize=" + poolSize + "]";
    }
}
