package io.spotdraftsync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The SQL of the stream loads, per dialect: what the MERGE and the soft delete compare and set. */
class StreamSqlTest {

    static Stream<SqlDialect> dialects() {
        return Stream.of(new DuckDbDialect(), new PostgresDialect(), new SnowflakeDialect());
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void streamRowsMergeOnlyFromSetsNotOlderThanTheStoredState(SqlDialect dialect) {
        String merge = dialect.mergeStreamRows(Tables.APPROVALS, StreamRows.APPROVALS);
        assertThat(merge)
                .startsWith("MERGE INTO contract_approvals AS tgt\nUSING (SELECT workspace, contract_id, approval_id,")
                .contains("FROM " + dialect.stagingTable(Tables.APPROVALS) + " AS r\n")
                .contains("FROM " + dialect.stagingTable(Tables.STREAM_STATE) + " WHERE stream = 'approvals' GROUP BY workspace, contract_id) AS sets")
                .contains("LEFT JOIN contract_stream_state AS stored_state ON stored_state.workspace = sets.workspace"
                        + " AND stored_state.contract_id = sets.contract_id AND stored_state.stream = 'approvals'")
                .contains("WHERE stored_state._extracted_at IS NULL OR stored_state._extracted_at <= sets._extracted_at")
                .contains("sets._extracted_at = r._extracted_at")
                .contains("ON tgt.workspace = src.workspace AND tgt.contract_id = src.contract_id AND tgt.approval_id = src.approval_id")
                .contains("WHEN MATCHED AND src._extracted_at >= tgt._extracted_at AND (")
                .contains("OR tgt._deleted) THEN UPDATE SET")
                .contains("_deleted = CASE WHEN tgt._deleted AND tgt._deleted_at > src._extracted_at THEN TRUE ELSE FALSE END")
                .endsWith(", FALSE, NULL)");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void rowsMissingFromTheNewSetAreSoftDeletedAtTheSetsExtractTime(SqlDialect dialect) {
        String delete = dialect.softDeleteRemovedStreamRows(Tables.SIGNATURES, StreamRows.PROCESS_METRICS);
        assertThat(delete)
                .startsWith("MERGE INTO contract_signatures AS tgt\nUSING (SELECT stored.workspace, stored.contract_id,"
                        + " stored.signatory_email, stored.signed_at, sets._extracted_at AS _deleted_at")
                .contains("WHERE stream = 'process_metrics'")
                .contains("LEFT JOIN " + dialect.stagingTable(Tables.SIGNATURES) + " AS r ON r.workspace = stored.workspace"
                        + " AND r.contract_id = stored.contract_id AND r.signatory_email = stored.signatory_email"
                        + " AND r.signed_at = stored.signed_at AND r._extracted_at = sets._extracted_at")
                .contains("WHERE r.workspace IS NULL AND stored._deleted = FALSE AND stored._extracted_at <= sets._extracted_at")
                .endsWith("WHEN MATCHED THEN UPDATE SET _deleted = TRUE, _deleted_at = src._deleted_at, _synced_at = src._synced_at,"
                        + " _run_id = src._run_id");
        assertThatThrownBy(() -> dialect.softDeleteRemovedStreamRows(Tables.PROCESS_METRICS, StreamRows.PROCESS_METRICS))
                .hasMessageContaining("no soft delete");
        assertThatThrownBy(() -> dialect.mergeStreamRows(Tables.APPROVALS, "x'; DROP TABLE contracts; --"))
                .hasMessageContaining("Not a stream name");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void theStateIsConfirmedByEveryExtractNotOlderEvenUnchanged(SqlDialect dialect) {
        assertThat(dialect.merge(Tables.STREAM_STATE))
                .contains("WHEN MATCHED AND src._extracted_at >= tgt._extracted_at THEN UPDATE SET contract_status = src.contract_status,"
                        + " fingerprint = src.fingerprint, _extracted_at = src._extracted_at, _synced_at = src._synced_at, _run_id = src._run_id");
    }
}
