package io.spotdraftsync.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Issue 14's reference and event tables and the lifecycle views on PostgreSQL, in a schema of this class's own. */
class PostgresLifecycleTest extends LifecycleWarehouseContract {

    private static String schema;
    private static Warehouse warehouse;

    @BeforeAll
    static void migrate() {
        schema = TestDatabases.postgresSchema("wh_lifecycle");
        warehouse = WarehouseFactory.create(TestDatabases.postgresProperties(schema), REGISTRY, Clock.systemUTC());
        warehouse.migrate();
    }

    @AfterAll
    static void close() throws SQLException {
        warehouse.close();
        TestDatabases.dropPostgresSchema(schema);
    }

    @Override
    Warehouse warehouse() {
        return warehouse;
    }

    @Override
    Connection connect() throws SQLException {
        return TestDatabases.postgres(schema);
    }
}
