package io.spotdraftsync.warehouse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Issue 14's reference and event tables and the lifecycle views on DuckDB (a file under target/). */
class DuckDbLifecycleTest extends LifecycleWarehouseContract {

    private static String url;
    private static Warehouse warehouse;

    @BeforeAll
    static void migrate() {
        url = TestDatabases.duckDbUrl("lifecycle");
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

    @Override
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }
}
