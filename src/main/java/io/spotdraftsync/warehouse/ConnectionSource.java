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

    /**
     * A connection for a health check: like {@link #open()}, but without waiting for a lock another process
     * holds ({@link LockedElsewhere} at once) and without creating a database that is not there.
     */
    default Connection openForCheck() throws SQLException {
        return open();
    }

    /** The database is held by another process (DuckDB's single writer). */
    final class LockedElsewhere extends SQLException {
        LockedElsewhere(String message, SQLException cause) {
            super(message, cause.getSQLState(), cause);
        }
    }

    /** Where the connections go, for messages (no secrets). */
    String describe();

    @Override
    void close();
}
