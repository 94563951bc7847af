package io.spotdraftsync.warehouse;

import java.sql.Connection;
import java.sql.SQLException;

/** Where a warehouse call gets its connection; closing the connection gives it back. */
interface ConnectionSource extends AutoCloseable {

    Connection open() throws SQLException;

    /** Whether calls must not overlap: DuckDB has one writer, and two in-process writers would conflict. */
    default boolean serializesCalls() {
        return false;
    }

    /** Where the connections go, for messages (no secrets). */
    String describe();

    @Override
    void close();
}
