package io.spotdraftsync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

/**
 * The tables of issue 14 that this side loads (users, templates, organization entities, contract events) and the
 * lifecycle views, on a real warehouse: known rows in, known answers out. Each dialect runs it on its own database.
 */
abstract class LifecycleWarehouseContract {

    static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    abstract Warehouse warehouse();

    /** A connection that may write (the test's own inserts of stream rows). */
    abstract Connection connect() throws SQLException;

    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant T3 = Instant.parse("2026-03-03T10:00:00Z");

    @Test
    void aReferenceRowMissingFromTheListingIsSoftDeletedAndComesBackWhenListedAgain() throws SQLException {
        String ws = "ref-users";
        Warehouse warehouse = warehouse();
        MergeResult first = warehouse.mergeReference(Tables.USERS, List.of(
                new UserRow(ws, 1, "ana@example.com", "Ana Núñez", "Counsel", true, "[{\"id\":7,\"name\":\"Legal\"}]", T1, "r1"),
                new UserRow(ws, 2, "bo@example.com", "Bo Li", null, false, "[]", T1, "r1"),
                new UserRow(ws, 3, "zoë@example.com", "Zoë Ødegård", "CFO", true, null, T1, "r1")));
        assertThat(first.inserted()).isEqualTo(3);

        int deleted = warehouse.softDeleteMissing(Tables.USERS, ws, Set.of(1L, 3L), T2, "r2");
        assertThat(deleted).isEqualTo(1);
        assertThat(warehouse.softDeleteMissing(Tables.USERS, ws, Set.of(1L, 3L), T2, "r2")).as("already deleted").isZero();
        assertThat(rows("SELECT user_id, _deleted, _run_id FROM users WHERE workspace = '" + ws + "' ORDER BY user_id"))
                .containsExactly(List.of(1L, false, "r1"), List.of(2L, true, "r2"), List.of(3L, false, "r1"));

        MergeResult again = warehouse.mergeReference(Tables.USERS,
                List.of(new UserRow(ws, 2, "bo@example.com", "Bo Li", null, false, "[]", T3, "r3")));
        assertThat(again.updated()).isEqualTo(1);
        assertThat(rows("SELECT user_id, _deleted, is_active, user_name FROM users WHERE workspace = '" + ws
                + "' AND user_id IN (2, 3) ORDER BY user_id"))
                .containsExactly(List.of(2L, false, false, "Bo Li"), List.of(3L, false, true, "Zoë Ødegård"));
    }

    @Test
    void templatesAndEntitiesMergeByIdAndAnOlderListingDeletesNothingNewer() throws SQLException {
        String ws = "ref-templates";
        Warehouse warehouse = warehouse();
        warehouse.mergeReference(Tables.TEMPLATES, List.of(new TemplateRow(ws, 10, "NDA", 5L, T2, "r2"),
                new TemplateRow(ws, 11, "MSA", 6L, T2, "r2")));
        // a listing read before those rows were extracted cannot delete them
        assertThat(warehouse.softDeleteMissing(Tables.TEMPLATES, ws, Set.of(10L), T1, "r1")).isZero();
        assertThat(warehouse.softDeleteMissing(Tables.TEMPLATES, ws, Set.of(10L), T3, "r3")).isEqualTo(1);
        warehouse.mergeReference(Tables.ORGANIZATION_ENTITIES, List.of(new OrganizationEntityRow(ws, 1045, "Acme Inc.", "US20",
                "US", "Private Company", true, "{\"city_name\":\"Houston\"}", T1, "r1")));
        assertThat(rows("SELECT template_id, template_name, contract_type_id, _deleted FROM templates WHERE workspace = '" + ws
                + "' ORDER BY template_id")).containsExactly(List.of(10L, "NDA", 5L, false), List.of(11L, "MSA", 6L, true));
        assertThat(rows("SELECT entity_name, jurisdiction, organization_type, is_primary FROM organization_entities WHERE workspace = '"
                + ws + "'")).containsExactly(List.of("Acme Inc.", "US", "Private Company", true));
    }

    @Test
    void anEventRecordedTwiceIsOneRow() throws SQLException {
        String ws = "ev-dupes";
        ContractEventRow event = event(ws, "k1", null, 99L, "SIGNING_EMAIL_OPENED", "2026-01-05T10:00:00Z", null);
        assertThat(warehouse().recordEvents(List.of(event, event))).isEqualTo(1);
        assertThat(warehouse().recordEvents(List.of(event))).isZero();
        assertThat(rows("SELECT COUNT(*) FROM contract_events WHERE workspace = '" + ws + "'")).containsExactly(List.of(1L));
    }

    @Test
    void numericIdsResolveToTheOneStoredContractOnly() throws SQLException {
        String ws = "ev-ids";
        execute("INSERT INTO contracts (contract_id, contract_numeric_id, workspace, _extracted_at, _synced_at) VALUES "
                + "('T-1', 1, '" + ws + "', " + ts("2026-01-01 00:00") + ", " + ts("2026-01-01 00:00") + "), "
                + "('T-2', 2, '" + ws + "', " + ts("2026-01-01 00:00") + ", " + ts("2026-01-01 00:00") + "), "
                + "('H-2', 2, '" + ws + "', " + ts("2026-01-01 00:00") + ", " + ts("2026-01-01 00:00") + ")");
        assertThat(warehouse().contractIdsByNumber(ws, List.of(1L, 2L, 3L))).isEqualTo(Map.of(1L, "T-1"));
    }

    /** The four views and contracts_current, on rows inserted here, with answers worked out by hand. */
    @Test
    void theLifecycleViewsGiveTheKnownAnswers() throws SQLException {
        String ws = "views";
        String c = "INSERT INTO contracts (contract_id, contract_numeric_id, workspace, contract_name, contract_status, created_at,"
                + " executed_at, _extracted_at, _synced_at, _deleted) VALUES ";
        execute(c + "('T-1', 1, '" + ws + "', 'NDA Acme', 'EXECUTED', " + ts("2026-01-01 00:00") + ", NULL, " + ts("2026-03-01 00:00")
                + ", " + ts("2026-03-01 00:00") + ", FALSE), "
                + "('T-2', 2, '" + ws + "', 'MSA Zoë', 'SIGN', " + ts("2026-01-10 00:00") + ", NULL, " + ts("2026-03-01 00:00")
                + ", " + ts("2026-03-01 00:00") + ", FALSE), "
                + "('T-3', 3, '" + ws + "', 'DPA', 'REDLINING', " + ts("2026-02-01 00:00") + ", NULL, " + ts("2026-03-01 00:00")
                + ", " + ts("2026-03-01 00:00") + ", FALSE), "
                + "('T-4', 4, '" + ws + "', 'Gone', 'DRAFT', " + ts("2026-02-01 00:00") + ", NULL, " + ts("2026-03-01 00:00")
                + ", " + ts("2026-03-01 00:00") + ", TRUE)");
        String m = "INSERT INTO contract_process_metrics (workspace, contract_id, pending_with, sent_to_counterparty_at,"
                + " marked_for_signature_at, executed_at, turns, last_turn_change_at, _extracted_at, _synced_at) VALUES ";
        execute(m + "('" + ws + "', 'T-1', NULL, " + ts("2026-01-01 12:00") + ", " + ts("2026-01-02 12:00") + ", "
                + ts("2026-01-03 00:00") + ", 3, NULL, " + ts("2026-03-01 00:00") + ", " + ts("2026-03-01 00:00") + "), "
                + "('" + ws + "', 'T-2', 'COUNTER_PARTY', " + ts("2026-01-10 06:00") + ", " + ts("2026-01-11 00:00") + ", NULL, 1, "
                + ts("2026-01-10 06:00") + ", " + ts("2026-03-01 00:00") + ", " + ts("2026-03-01 00:00") + "), "
                + "('" + ws + "', 'T-4', 'LEGAL', NULL, NULL, NULL, 0, NULL, " + ts("2026-03-01 00:00") + ", " + ts("2026-03-01 00:00") + ")");
        String a = "INSERT INTO contract_approvals (workspace, contract_id, approval_id, approval_name, approval_type, approval_status,"
                + " approver_email, last_sent_at, _extracted_at, _synced_at, _deleted) VALUES ";
        execute(a + "('" + ws + "', 'T-2', 21, 'Finance', 'PRE_SIGN', 'APPROVED', 'bob@example.com', " + ts("2026-01-10 08:00") + ", "
                + ts("2026-03-01 00:00") + ", " + ts("2026-03-01 00:00") + ", FALSE), "
                + "('" + ws + "', 'T-3', 31, 'Legal', 'PRE_SEND', 'PENDING', 'ann@example.com', " + ts("2026-02-02 00:00") + ", "
                + ts("2026-03-01 00:00") + ", " + ts("2026-03-01 00:00") + ", FALSE), "
                + "('" + ws + "', 'T-3', 32, 'Tax', 'PRE_SEND', 'REJECTED', 'carl@example.com', " + ts("2026-02-01 00:00") + ", "
                + ts("2026-03-01 00:00") + ", " + ts("2026-03-01 00:00") + ", FALSE), "
                + "('" + ws + "', 'T-3', 33, 'Old', 'PRE_SEND', 'PENDING', 'old@example.com', " + ts("2026-01-01 00:00") + ", "
                + ts("2026-03-01 00:00") + ", " + ts("2026-03-01 00:00") + ", TRUE)");
        String aa = "INSERT INTO contract_approval_actions (workspace, contract_id, approval_id, action_status, acted_at, is_latest,"
                + " _extracted_at, _synced_at, _deleted) VALUES ";
        execute(aa + "('" + ws + "', 'T-2', 21, 'SUGGESTED', " + ts("2026-01-10 09:00") + ", FALSE, " + ts("2026-03-01 00:00") + ", "
                + ts("2026-03-01 00:00") + ", FALSE), "
                + "('" + ws + "', 'T-2', 21, 'APPROVED', " + ts("2026-01-10 18:00") + ", TRUE, " + ts("2026-03-01 00:00") + ", "
                + ts("2026-03-01 00:00") + ", FALSE), "
                + "('" + ws + "', 'T-3', 32, 'REJECTED', " + ts("2026-02-01 01:15") + ", TRUE, " + ts("2026-03-01 00:00") + ", "
                + ts("2026-03-01 00:00") + ", FALSE)");
        String r = "INSERT INTO contract_recipients (workspace, contract_id, recipient_id, recipient_type, user_email, user_name,"
                + " recipient_order, recipient_status, is_sent_for_signature, last_sent_for_signature_at, action_success, acted_at,"
                + " _extracted_at, _synced_at, _deleted) VALUES ";
        execute(r + "('" + ws + "', 'T-2', 201, 'SIGNATORY', 'sam@example.com', 'Sam', 1, 'COMPLETED', TRUE, " + ts("2026-01-11 00:00")
                + ", TRUE, " + ts("2026-01-11 02:30") + ", " + ts("2026-03-01 00:00") + ", " + ts("2026-03-01 00:00") + ", FALSE), "
                + "('" + ws + "', 'T-2', 202, 'SIGNATORY', 'zoë@example.com', 'Zoë', 2, 'IN_PROGRESS', TRUE, " + ts("2026-01-11 03:00")
                + ", NULL, NULL, " + ts("2026-03-01 00:00") + ", " + ts("2026-03-01 00:00") + ", FALSE), "
                + "('" + ws + "', 'T-2', 203, 'APPROVER', 'bob@example.com', 'Bob', 0, 'COMPLETED', TRUE, " + ts("2026-01-10 08:00")
                + ", TRUE, " + ts("2026-01-10 18:00") + ", " + ts("2026-03-01 00:00") + ", " + ts("2026-03-01 00:00") + ", FALSE)");
        warehouse().recordEvents(List.of(
                event(ws, "e1", "T-1", 1L, "CONTRACT_CREATED", "2026-01-01T00:00:00Z", "alice@example.com"),
                event(ws, "e2", "T-1", 1L, "CONTRACT_EXECUTED", "2026-01-03T00:00:00Z", "dana@example.com"),
                event(ws, "e3", "T-1", 1L, "SIGNING_EMAIL_OPENED", "2026-01-04T00:00:00Z", null),
                event(ws, "e4", null, 2L, "CONTRACT_CREATED", "2026-01-10T00:00:00Z", "eve@example.com")));

        assertThat(rows("SELECT contract_id, hours_to_send, hours_in_negotiation, hours_in_signature, hours_total, turns, "
                + epoch("executed_at") + " FROM contract_cycle_times WHERE workspace = '" + ws + "' ORDER BY contract_id"))
                .containsExactly(
                        List.of("T-1", 12.0, 24.0, 12.0, 48.0, 3L, epochOf("2026-01-03T00:00:00Z")),
                        nulls("T-2", 6.0, 18.0, null, null, 1L, null),
                        nulls("T-3", null, null, null, null, null, null));
        assertThat(rows("SELECT contract_id, approval_id, approver_email, outcome, hours_to_act, " + epoch("latest_action_at")
                + " FROM approval_turnaround WHERE workspace = '" + ws + "' ORDER BY approval_id"))
                .containsExactly(
                        List.of("T-2", 21L, "bob@example.com", "APPROVED", 10.0, epochOf("2026-01-10T18:00:00Z")),
                        nulls("T-3", 31L, "ann@example.com", "PENDING", null, null),
                        List.of("T-3", 32L, "carl@example.com", "REJECTED", 1.25, epochOf("2026-02-01T01:15:00Z")));
        assertThat(rows("SELECT contract_id, signatory_email, outcome, hours_to_act FROM signature_turnaround WHERE workspace = '"
                + ws + "' ORDER BY recipient_id"))
                .containsExactly(List.of("T-2", "sam@example.com", "SIGNED", 2.5), nulls("T-2", "zoë@example.com", "WAITING", null));
        assertThat(rows("SELECT contract_id, pending_with, waiting_on_email, " + epoch("waiting_since")
                + ", pending_approvals, pending_signatories, hours_waiting > 0 FROM contracts_awaiting WHERE workspace = '" + ws
                + "' ORDER BY contract_id"))
                .containsExactly(
                        List.of("T-2", "COUNTER_PARTY", "zoë@example.com", epochOf("2026-01-11T00:00:00Z"), 0L, 1L, true),
                        nulls("T-3", null, "ann@example.com", epochOf("2026-02-01T00:00:00Z"), 1L, 0L, true));
        assertThat(rows("SELECT contract_id, owner_email, pending_with, " + epoch("executed_at") + " FROM contracts_current WHERE workspace = '"
                + ws + "' ORDER BY contract_id"))
                .containsExactly(
                        nulls("T-1", "dana@example.com", null, epochOf("2026-01-03T00:00:00Z")),
                        nulls("T-2", null, "COUNTER_PARTY", null),
                        nulls("T-3", null, null, null));
    }

    private static ContractEventRow event(String ws, String key, String contractId, Long number, String activity, String at,
            String businessUser) {
        Instant occurred = Instant.parse(at);
        String payload = "{\"activity\":\"" + activity + "\",\"contract_id\":" + number + "}";
        return new ContractEventRow(ws, key, contractId, number, activity, "Ana", "ana@example.com", occurred,
                occurred.plusSeconds(2), businessUser, null, payload, occurred.plusSeconds(3), null);
    }

    // ---- SQL helpers shared by the dialects (CAST(... AS TIMESTAMPTZ) and EXTRACT(EPOCH ...) are both DuckDB's and PostgreSQL's) ----

    private static String ts(String utc) {
        return "CAST('" + utc + ":00+00' AS TIMESTAMPTZ)";
    }

    private static String epoch(String column) {
        return "CAST(EXTRACT(EPOCH FROM " + column + ") AS BIGINT)";
    }

    private static Object epochOf(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }

    private static List<Object> nulls(Object... values) {
        return java.util.Arrays.asList(values);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Rows as lists: integers as Long, decimals as Double, text as String, booleans as Boolean. */
    private List<List<Object>> rows(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery(sql)) {
            ResultSetMetaData meta = results.getMetaData();
            List<List<Object>> rows = new ArrayList<>();
            while (results.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = results.getObject(i);
                    if (value instanceof java.math.BigDecimal decimal) {
                        value = decimal.scale() <= 0 && meta.getScale(i) == 0 && !isDecimalType(meta, i)
                                ? (Object) decimal.longValueExact() : (Object) decimal.doubleValue();
                    } else if (value instanceof Integer || value instanceof Short || value instanceof java.math.BigInteger) {
                        value = ((Number) value).longValue();
                    } else if (value instanceof Float) {
                        value = ((Number) value).doubleValue();
                    }
                    row.add(value);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static boolean isDecimalType(ResultSetMetaData meta, int column) throws SQLException {
        int type = meta.getColumnType(column);
        return type == java.sql.Types.NUMERIC || type == java.sql.Types.DECIMAL;
    }
}
