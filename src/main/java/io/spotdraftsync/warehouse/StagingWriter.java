package io.spotdraftsync.warehouse;

import java.sql.Connection;
import java.sql.SQLException;

/** Fills a staging table that the load created. */
interface StagingWriter {

    void write(Connection connection, StagedRows<?> rows) throws SQLException;
}
