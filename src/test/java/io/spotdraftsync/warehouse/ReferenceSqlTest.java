package io.spotdraftsync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The statements of the reference streams and the event history, as text, per dialect. */
class ReferenceSqlTest {

    private static final List<SqlDialect> DIALECTS = List.of(new DuckDbDialect(), new PostgresDialect(), new SnowflakeDialect());

    @Test
    void softDeletingMissingRowsTouchesOnlyLiveRowsNotNewerThanTheListing() {
        assertThat(new PostgresDialect().softDeleteRows(Tables.USERS, 2)).isEqualTo("UPDATE users SET _deleted = TRUE, "
                + "_deleted_at = CAST(? AS TIMESTAMPTZ), _run_id = ?, _synced_at = CAST(? AS TIMESTAMPTZ) WHERE workspace = ? "
                + "AND user_id IN (?, ?) AND _deleted = FALSE AND _extracted_at <= CAST(? AS TIMESTAMPTZ)");
        assertThat(new SnowflakeDialect().softDeleteRows(Tables.TEMPLATES, 1)).contains("UPDATE templates SET _deleted = TRUE")
                .contains("template_id IN (?)").doesNotContain("TIMESTAMPTZ");
        for (SqlDialect dialect : DIALECTS) {
            assertThat(dialect.selectLiveIds(Tables.ORGANIZATION_ENTITIES))
                    .isEqualTo("SELECT entity_id AS id FROM organization_entities WHERE workspace = ? AND _deleted = FALSE");
            assertThat(dialect.selectContractIdsByNumber(3)).isEqualTo(
                    "SELECT contract_numeric_id, contract_id FROM contracts WHERE workspace = ? AND contract_numeric_id IN (?, ?, ?)");
        }
        assertThatThrownBy(() -> new DuckDbDialect().softDeleteRows(Tables.COUNTERPARTIES, 1))
                .hasMessageContaining("not a reference table");
    }

    @Test
    void eventsAreInsertOnlyAndReferenceRowsComeBackFromANewerExtract() {
        for (SqlDialect dialect : DIALECTS) {
            String events = dialect.merge(Tables.CONTRACT_EVENTS);
            assertThat(events).as(dialect.name()).startsWith("MERGE INTO contract_events AS tgt")
                    .contains("ON tgt.workspace = src.workspace AND tgt.event_key = src.event_key")
                    .doesNotContain("WHEN MATCHED").contains("WHEN NOT MATCHED THEN INSERT");
            String users = dialect.merge(Tables.USERS);
            assertThat(users).as(dialect.name()).contains("WHEN MATCHED AND src._extracted_at >= tgt._extracted_at")
                    .contains("_deleted = CASE WHEN tgt._deleted AND tgt._deleted_at > src._extracted_at THEN TRUE ELSE FALSE END")
                    .contains(", FALSE, NULL)");
        }
        assertThat(new PostgresDialect().merge(Tables.USERS)).contains("CAST(roles AS JSONB) AS roles");
        assertThat(new SnowflakeDialect().merge(Tables.CONTRACT_EVENTS)).contains("PARSE_JSON(payload) AS payload");
    }
}
