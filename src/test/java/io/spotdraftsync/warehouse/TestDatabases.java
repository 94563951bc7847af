package io.spotdraftsync.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/** The databases of the warehouse tests: DuckDB files under target/, PostgreSQL schemas of their own. */
final class TestDatabases {

    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String POSTGRES_USER = "postgres";

    private TestDatabases() {
    }

    /** A DuckDB URL of a file that does not exist yet, in a directory that does not either. */
    static String duckDbUrl(String name) {
        Path directory = Path.of("target", "warehouse-tests", name + "-" + UUID.randomUUID());
        return "jdbc:duckdb:" + directory.resolve("warehouse.duckdb");
    }

    static void deleteDuckDb(String url) {
        Path file = Path.of(url.substring("jdbc:duckdb:".length()));
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + ".wal"));
            Files.deleteIfExists(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh schema name, so test classes can run beside each other and beside other projects' tests. */
    static String postgresSchema(String prefix) {
        return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
    }

    static void dropPostgresSchema(String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    static Connection postgres(String schema) throws SQLException {
        return DriverManager.getConnection(POSTGRES_URL + "?currentSchema=" + schema, POSTGRES_USER, "");
    }

    static WarehouseProperties postgresProperties(String schema) {
        return WarehouseProperties.of(POSTGRES_URL).withCredentials(POSTGRES_USER, null).withSchema(schema);
    }
}
