package io.spotdraftsync.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB and PostgreSQL: multi-row {@code INSERT ... VALUES (...), (...)} statements run as one JDBC batch,
 * so a chunk of a thousand rows costs a few round trips, not a thousand.
 */
final class InsertStagingWriter implements StagingWriter {

    private final SqlDialect dialect;
    private final SqlLog sql;
    private final JdbcValues values;
    private final int rowsPerStatement;

    InsertStagingWriter(SqlDialect dialect, SqlLog sql, JdbcValues values, int rowsPerStatement) {
        this.dialect = dialect;
        this.sql = sql;
        this.values = values;
        this.rowsPerStatement = rowsPerStatement;
    }

    @Override
    public void write(Connection connection, StagedRows<?> staged) throws SQLException {
        int total = staged.rows().size();
        int full = total / rowsPerStatement;
        String table = dialect.stagingTable(staged.table());
        if (full > 0) {
            List<SqlLog.Binder> batches = new ArrayList<>();
            for (int batch = 0; batch < full; batch++) {
                batches.add(binder(staged, batch * rowsPerStatement, rowsPerStatement));
            }
            sql.batch(connection, "stage", table, dialect.insertStagingRows(staged.table(), rowsPerStatement), rowsPerStatement, batches);
        }
        int rest = total - full * rowsPerStatement;
        if (rest > 0) {
            sql.batch(connection, "stage", table, dialect.insertStagingRows(staged.table(), rest), rest,
                    List.of(binder(staged, full * rowsPerStatement, rest)));
        }
    }

    private SqlLog.Binder binder(StagedRows<?> staged, int first, int count) {
        return statement -> {
            int index = 1;
            for (int row = first; row < first + count; row++) {
                Object[] rowValues = staged.values(row);
                for (int column = 0; column < rowValues.length; column++) {
                    values.bind(statement, index++, staged.type(column), rowValues[column]);
                }
            }
        };
    }
}
