package io.spotdraftsync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.LoggerFactory;

/** The load plan on DuckDB: a file under target/, opened only for the duration of each call. */
class DuckDbWarehouseTest extends WarehouseLoadContract {

    private static String url;
    private static Warehouse warehouse;

    @BeforeAll
    static void migrate() {
        url = TestDatabases.duckDbUrl("load");
        warehouse = WarehouseFactory.create(WarehouseProperties.of(url), REGISTRY, Clock.systemUTC());
        warehouse.migrate();
    }

    @AfterAll
    static void close() {
        warehouse.close();
        TestDatabases.deleteDuckDb(url);
    }

    @Override
    Warehouse warehouse() {
        return warehouse;
    }

    /** Read-only, as an analyst would look (and it skips the checkpoint that closing a writer costs). */
    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, readOnly());
    }

    private static Properties readOnly() {
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        return properties;
    }

    @Override
    SqlDialect dialect() {
        return new DuckDbDialect();
    }

    @Override
    String currentSchemaExpression() {
        return "'main'";
    }

    @Test
    void anAnalystCanOpenTheFileReadOnlyRightAfterALoad(TestInfo test) throws SQLException {
        String ws = workspace(test);
        warehouse.mergeContracts(List.of(contract(ws, 1, T1, "c")));

        try (Connection analyst = DriverManager.getConnection(url, readOnly()); Statement statement = analyst.createStatement();
                ResultSet results = statement.executeQuery("SELECT COUNT(*) FROM contracts_current WHERE workspace = '" + ws + "'")) {
            results.next();
            assertThat(results.getLong(1)).isEqualTo(1);
        }
        // and the next load opens it again for writing
        assertThat(warehouse.mergeContracts(List.of(contract(ws, 2, T1, "d"))).inserted()).isEqualTo(1);
    }

    @Test
    void anotherProcessReadsTheFileBetweenLoadsAndALoadWaitsForItToLetGo() throws Exception {
        String other = TestDatabases.duckDbUrl("process");
        WarehouseProperties properties = WarehouseProperties.of(other);
        try (Warehouse impatient = WarehouseFactory.create(new WarehouseProperties(other, null, null, null, null, null, null, null,
                null, "~", 1, 500, Duration.ofSeconds(5), Duration.ZERO), REGISTRY, Clock.systemUTC());
                Warehouse patient = WarehouseFactory.create(properties, REGISTRY, Clock.systemUTC())) {
            patient.migrate();
            patient.mergeContracts(List.of(contract("ws", 1, T1, "c")));

            Process analyst = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ReadOnlyProbe.class.getName(), other)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(analyst.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).as("read right after the load returned").isEqualTo("contracts=1");

                assertThatThrownBy(() -> impatient.mergeContracts(List.of(contract("ws", 2, T1, "d"))))
                        .isInstanceOf(WarehouseException.class)
                        .hasMessageContaining("is locked by another process")
                        .hasMessageContaining("sync.warehouse.duckdb-lock-wait");
                // the readiness check does not wait for the lock, and does not count an analyst's lock as a failure
                assertThat(impatient.check()).isEqualTo(Warehouse.Availability.LOCKED_ELSEWHERE);

                Logger connectionsLog = (Logger) LoggerFactory.getLogger(DuckDbConnections.class);
                ListAppender<ILoggingEvent> retries = new ListAppender<>();
                retries.start();
                connectionsLog.addAppender(retries);
                try {
                    CompletableFuture<MergeResult> waiting = CompletableFuture.supplyAsync(
                            () -> patient.mergeContracts(List.of(contract("ws", 2, T1, "d"))));
                    await().atMost(Duration.ofSeconds(10)).until(() -> !retries.list.isEmpty());
                    assertThat(waiting).isNotDone();
                    analyst.getOutputStream().close();
                    assertThat(analyst.waitFor(10, TimeUnit.SECONDS)).isTrue();
                    assertThat(waiting.get(20, TimeUnit.SECONDS).inserted()).isEqualTo(1);
                } finally {
                    connectionsLog.detachAppender(retries);
                }
            } finally {
                analyst.destroy();
            }
        } finally {
            TestDatabases.deleteDuckDb(other);
        }
    }

    @Test
    void everyStatementIsLoggedAtDebugWithItsDurationAndRowCount(TestInfo test) {
        Logger logger = (Logger) LoggerFactory.getLogger(SqlLog.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(appender);
        try {
            String ws = workspace(test);
            ContractRow contract = contract(ws, 1, T1, "c");
            warehouse.loadChunk(ChunkLoad.of(List.of(contract), keyPointers(contract, "party", "amount")));
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).matches("(?s)\\[duckdb\\] create stg_contracts: done in \\d+ ms\nCREATE TEMPORARY TABLE stg_contracts .*"))
                .anySatisfy(line -> assertThat(line).matches("(?s)\\[duckdb\\] merge contracts: 1 rows in \\d+ ms\nMERGE INTO contracts AS tgt.*"))
                .anySatisfy(line -> assertThat(line).matches("(?s)\\[duckdb\\] delete removed contract_key_pointers: 0 rows in \\d+ ms\nDELETE FROM .*"))
                .anySatisfy(line -> assertThat(line).matches("(?s)\\[duckdb\\] merge contract_key_pointers: 2 rows in \\d+ ms\nMERGE INTO contract_key_pointers .*"));
    }

    @Test
    void aConfiguredSchemaIsCreatedAndHoldsTheTables() throws SQLException {
        String other = TestDatabases.duckDbUrl("schema");
        try (Warehouse inSchema = WarehouseFactory.create(WarehouseProperties.of(other).withSchema("spotdraft"), REGISTRY,
                Clock.systemUTC())) {
            inSchema.migrate();
            inSchema.mergeContracts(List.of(contract("ws", 1, T1, "c")));
            try (Connection connection = DriverManager.getConnection(other, readOnly()); Statement statement = connection.createStatement();
                    ResultSet results = statement.executeQuery("SELECT COUNT(*) FROM spotdraft.contracts")) {
                results.next();
                assertThat(results.getLong(1)).isEqualTo(1);
            }
        } finally {
            TestDatabases.deleteDuckDb(other);
        }
    }

    @Test
    void theDirectoryOfTheFileIsCreated() {
        String fresh = TestDatabases.duckDbUrl("fresh");
        Path file = Path.of(fresh.substring("jdbc:duckdb:".length()));
        assertThat(file.getParent()).doesNotExist();
        try (Warehouse other = WarehouseFactory.create(WarehouseProperties.of(fresh), REGISTRY, Clock.systemUTC())) {
            other.migrate();
            assertThat(Files.exists(file)).isTrue();
        } finally {
            TestDatabases.deleteDuckDb(fresh);
        }
    }
}
