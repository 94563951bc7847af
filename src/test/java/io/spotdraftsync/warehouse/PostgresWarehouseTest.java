package io.spotdraftsync.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The load plan on PostgreSQL 15+, in a schema of this class's own. */
class PostgresWarehouseTest extends WarehouseLoadContract {

    private static String schema;
    private static Warehouse warehouse;

    @BeforeAll
    static void migrate() {
        schema = TestDatabases.postgresSchema("wh_load");
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

    @Override
    SqlDialect dialect() {
        return new PostgresDialect();
    }

    @Override
    String currentSchemaExpression() {
        return "'" + schema + "'";
    }
}
