package io.spotdraftsync.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the DuckDB file for one call and closes it after. DuckDB allows one writing process and no reader
 * beside it, so holding no connection between calls is what lets an analyst open the file read-only
 * ({@code duckdb.read_only=true}) between loads.
 */
final class DuckDbConnections implements ConnectionSource {

    private static final Logger log = LoggerFactory.getLogger(DuckDbConnections.class);
    private static final String PREFIX = "jdbc:duckdb:";
    private static final Duration RETRY_EVERY = Duration.ofMillis(250);

    private final String url;
    private final Path file;
    private final String schema;
    private final Duration lockWait;

    DuckDbConnections(String url, String schema, Duration lockWait) {
        this.url = url.trim();
        this.file = file(this.url);
        this.schema = schema;
        this.lockWait = lockWait;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory of the DuckDB file " + file
                    + " (sync.warehouse.url)", e);
        }
    }

    /** The database file of a DuckDB URL; in-memory URLs and URL options are refused. */
    static Path file(String url) {
        if (!url.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            throw new IllegalArgumentException("sync.warehouse.url is not a DuckDB URL: " + url);
        }
        String path = url.substring(PREFIX.length());
        if (path.isBlank() || path.startsWith(":memory:")) {
            throw new IllegalArgumentException("sync.warehouse.url must name a DuckDB file, for example "
                    + "jdbc:duckdb:./data/warehouse.duckdb: an in-memory database would lose every load when its call ends");
        }
        if (path.contains("?")) {
            throw new IllegalArgumentException("sync.warehouse.url must not carry ?options for DuckDB (they become part of the "
                    + "file name): " + url);
        }
        return Path.of(path);
    }

    Path file() {
        return file;
    }

    @Override
    public Connection open() throws SQLException {
        long deadline = System.nanoTime() + lockWait.toNanos();
        while (true) {
            try {
                Connection connection = DriverManager.getConnection(url, new Properties());
                useSchema(connection);
                return connection;
            } catch (SQLException e) {
                if (!isLockConflict(e)) {
                    throw e;
                }
                if (System.nanoTime() >= deadline) {
                    throw new SQLException("The DuckDB file " + file.toAbsolutePath() + " is locked by another process (an "
                            + "analyst's connection?), still after sync.warehouse.duckdb-lock-wait=" + lockWait
                            + ": close it and run again", e.getSQLState(), e);
                }
                log.info("DuckDB file {} is locked by another process; retrying", file);
                sleep();
            }
        }
    }

    /** One attempt; a missing file is an error here (opening would create an empty database without our tables). */
    @Override
    public Connection openForCheck() throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw new SQLException("The DuckDB file " + file.toAbsolutePath() + " is missing (deleted or moved?); its tables "
                    + "are created at start");
        }
        try {
            Connection connection = DriverManager.getConnection(url, new Properties());
            useSchema(connection);
            return connection;
        } catch (SQLException e) {
            if (isLockConflict(e)) {
                throw new LockedElsewhere("The DuckDB file " + file.toAbsolutePath() + " is locked by another process", e);
            }
            throw e;
        }
    }

    private void useSchema(Connection connection) throws SQLException {
        if (schema == null || schema.isBlank()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            statement.execute("SET schema = '" + schema + "'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private static boolean isLockConflict(SQLException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("could not set lock") || message.contains("conflicting lock");
    }

    @SuppressWarnings("java:S2925")
    private static void sleep() throws SQLException {
        try {
            Thread.sleep(RETRY_EVERY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting for the DuckDB file lock", e);
        }
    }

    @Override
    public boolean serializesCalls() {
        return true;
    }

    @Override
    public String describe() {
        return "DuckDB file " + file.toAbsolutePath();
    }

    @Override
    public void close() {
        // nothing is held between calls
    }
}
