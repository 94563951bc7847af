package io.spotdraftsync.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A schema of its own in the test PostgreSQL (127.0.0.1:5432, database {@code test}, trust auth), so that test
 * classes run beside each other and beside other projects' tests; dropped with everything in it on close.
 */
public final class PostgresScratchSchema implements AutoCloseable {

    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";

    private final String name;

    private PostgresScratchSchema(String name) {
        this.name = name;
    }

    /** Creates {@code <prefix>_<12 random hex digits>}. */
    public static PostgresScratchSchema create(String prefix) throws SQLException {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
        onServer("CREATE SCHEMA " + name);
        return new PostgresScratchSchema(name);
    }

    public String name() {
        return name;
    }

    /** A JDBC URL whose connections work in this schema. */
    public String url() {
        return SERVER + "?currentSchema=" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    /** A statement run in this schema. */
    public void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of every row of a query run in this schema. */
    public List<String> strings(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /** Drops another schema a test made the application create (a warehouse schema, say). */
    public static void drop(String schema) throws SQLException {
        onServer("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Override
    public void close() throws SQLException {
        drop(name);
    }

    private static void onServer(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER, USER, ""); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
