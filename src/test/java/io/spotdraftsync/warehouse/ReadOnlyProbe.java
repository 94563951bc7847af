package io.spotdraftsync.warehouse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * An analyst in another process: opens the DuckDB file read-only, prints the number of current contracts, and keeps
 * the file open until its standard input closes.
 */
public final class ReadOnlyProbe {

    private ReadOnlyProbe() {
    }

    public static void main(String[] args) throws SQLException, IOException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection connection = DriverManager.getConnection(args[0], readOnly); Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery("SELECT COUNT(*) FROM contracts_current")) {
            results.next();
            System.out.println("contracts=" + results.getLong(1));
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the file until the test lets go
            }
        }
    }
}
