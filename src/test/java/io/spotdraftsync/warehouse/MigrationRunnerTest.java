package io.spotdraftsync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runner on both embedded-testable warehouses: DuckDB (a file) and PostgreSQL (a schema of its own). */
class MigrationRunnerTest {

    private static final MigrationScript FIRST = MigrationScript.of("sql/test/V001__things.sql", """
            CREATE TABLE IF NOT EXISTS things (id BIGINT PRIMARY KEY, name VARCHAR);
            COMMENT ON TABLE things IS 'things; for the runner test';
            """);
    private static final MigrationScript SECOND = MigrationScript.of("sql/test/V002__more_things.sql", """
            CREATE TABLE IF NOT EXISTS more_things (id BIGINT PRIMARY KEY);
            """);

    private static String schema;

    @BeforeAll
    static void schema() {
        schema = TestDatabases.postgresSchema("wh_migrations");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        TestDatabases.dropPostgresSchema(schema);
    }

    private static MigrationRunner runner(SqlDialect dialect, MigrationScript... scripts) {
        return new MigrationRunner(dialect, List.of(scripts), new SqlLog(dialect.name(), new SimpleMeterRegistry()), Clock.systemUTC());
    }

    @Test
    void duckDbAppliesEachScriptOnceAndRefusesAnEditedOne() throws SQLException {
        String url = TestDatabases.duckDbUrl("migrations");
        DuckDbConnections connections = new DuckDbConnections(url, null, java.time.Duration.ZERO);
        try {
            appliesOnceAndRefusesEdits(new DuckDbDialect(), connections::open);
        } finally {
            TestDatabases.deleteDuckDb(url);
        }
    }

    @Test
    void postgresAppliesEachScriptOnceAndRefusesAnEditedOne() throws SQLException {
        try (Connection connection = TestDatabases.postgres("public"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        appliesOnceAndRefusesEdits(new PostgresDialect(), () -> TestDatabases.postgres(schema));
    }

    @Test
    void aFailingScriptLeavesNothingAppliedOnPostgres() throws SQLException {
        String own = TestDatabases.postgresSchema("wh_migrations_fail");
        try (Connection connection = TestDatabases.postgres("public"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + own);
        }
        try (Connection connection = TestDatabases.postgres(own)) {
            MigrationScript broken = MigrationScript.of("sql/test/V002__broken.sql", "CREATE TABLE broken (id NOT_A_TYPE);");
            assertThatThrownBy(() -> runner(new PostgresDialect(), FIRST, broken).migrate(connection))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("sql/test/V002__broken.sql failed");
            assertThat(tables(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + own + "'"))
                    .isEmpty();
        } finally {
            TestDatabases.dropPostgresSchema(own);
        }
    }

    @FunctionalInterface
    private interface Opener {
        Connection open() throws SQLException;
    }

    private static void appliesOnceAndRefusesEdits(SqlDialect dialect, Opener opener) throws SQLException {
        try (Connection connection = opener.open()) {
            assertThat(runner(dialect, FIRST).migrate(connection)).containsExactly(FIRST);
            assertThat(runner(dialect, FIRST).migrate(connection)).as("a second start applies nothing").isEmpty();
            assertThat(runner(dialect, FIRST, SECOND).migrate(connection)).containsExactly(SECOND);
            assertThat(runner(dialect, FIRST, SECOND).migrate(connection)).isEmpty();
            assertThat(tables(connection, "SELECT script FROM schema_migrations ORDER BY version"))
                    .containsExactly("V001__things.sql", "V002__more_things.sql");

            MigrationScript edited = MigrationScript.of(FIRST.location(), FIRST.text() + "CREATE TABLE sneaky (id BIGINT);\n");
            MigrationScript third = MigrationScript.of("sql/test/V003__third.sql", "CREATE TABLE third (id BIGINT);");
            assertThatThrownBy(() -> runner(dialect, edited, SECOND, third).migrate(connection))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("sql/test/V001__things.sql was edited after it was applied")
                    .hasMessageContaining("V004__<name>.sql");
            assertThat(tables(connection, "SELECT COUNT(*) FROM schema_migrations")).containsExactly("2");
            // checked before anything is applied: V003 did not run either
            assertThat(tables(connection, "SELECT table_name FROM information_schema.tables WHERE table_name IN ('sneaky', 'third')"))
                    .isEmpty();
        }
    }

    @Test
    void twoScriptsWithOneVersionAreRefused() {
        MigrationScript twin = MigrationScript.of("sql/test/V001__twin.sql", "SELECT 1;");
        assertThatThrownBy(() -> runner(new DuckDbDialect(), FIRST, twin))
                .hasMessageContaining("Two migration scripts have version 1");
    }

    private static List<String> tables(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet results = statement.executeQuery(sql)) {
            List<String> values = new java.util.ArrayList<>();
            while (results.next()) {
                values.add(results.getString(1));
            }
            return values;
        }
    }
}
