package io.spotdraftsync.warehouse;

import java.sql.Connection;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariDataSource;

/** PostgreSQL and Snowflake: a Hikari pool (lazy: it connects at the first call, the migration at start). */
final class PooledConnections implements ConnectionSource {

    private final HikariDataSource dataSource;
    private final String description;

    PooledConnections(HikariDataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public Connection open() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
