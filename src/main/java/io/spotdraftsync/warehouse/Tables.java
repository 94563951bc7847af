package io.spotdraftsync.warehouse;

import static io.spotdraftsync.warehouse.ColumnType.BIGINT;
import static io.spotdraftsync.warehouse.ColumnType.BOOLEAN;
import static io.spotdraftsync.warehouse.ColumnType.DATE;
import static io.spotdraftsync.warehouse.ColumnType.DECIMAL;
import static io.spotdraftsync.warehouse.ColumnType.JSON;
import static io.spotdraftsync.warehouse.ColumnType.TEXT;
import static io.spotdraftsync.warehouse.ColumnType.TIMESTAMP;

import java.time.Instant;
import java.util.List;

import io.spotdraftsync.warehouse.TableSpec.OnMatch;

/**
 * The loader's view of the tables of {@code sql/<dialect>/}: columns in DDL order. A test compares these with
 * the columns that the migrations create, so the two cannot drift apart.
 */
public final class Tables {

    public static final TableSpec<ContractRow> CONTRACTS = TableSpec.<ContractRow>of("contracts")
            .column("contract_id", TEXT, ContractRow::contractId)
            .column("contract_numeric_id", BIGINT, ContractRow::contractNumericId)
            .column("workspace", TEXT, ContractRow::workspace)
            .column("contract_name", TEXT, ContractRow::contractName)
            .column("contract_status", TEXT, ContractRow::contractStatus)
            .column("contract_kind", TEXT, ContractRow::contractKind)
            .column("contract_type_id", BIGINT, ContractRow::contractTypeId)
            .column("contract_type_name", TEXT, ContractRow::contractTypeName)
            .column("counter_party_name", TEXT, ContractRow::counterPartyName)
            .column("reference_id", TEXT, ContractRow::referenceId)
            .column("contract_link", TEXT, ContractRow::contractLink)
            .column("created_by_user_name", TEXT, ContractRow::createdByUserName)
            .column("created_by_user_email", TEXT, ContractRow::createdByUserEmail)
            .column("created_at", TIMESTAMP, ContractRow::createdAt)
            .column("executed_at", TIMESTAMP, ContractRow::executedAt)
            .column("external_metadata", JSON, ContractRow::externalMetadata)
            .column("document_key", TEXT, ContractRow::documentKey)
            .column("document_sha256", TEXT, ContractRow::documentSha256)
            .column("document_bytes", BIGINT, ContractRow::documentBytes)
            .column("document_version_id", TEXT, ContractRow::documentVersionId)
            .systemColumns(ContractRow::extractedAt, ContractRow::runId)
            .key("workspace", "contract_id")
            .softDelete()
            .build();

    public static final TableSpec<KeyPointerRow> KEY_POINTERS = TableSpec.<KeyPointerRow>of("contract_key_pointers")
            .column("workspace", TEXT, KeyPointerRow::workspace)
            .column("contract_id", TEXT, KeyPointerRow::contractId)
            .column("field_name", TEXT, KeyPointerRow::fieldName)
            .column("label", TEXT, KeyPointerRow::label)
            .column("data_type", TEXT, KeyPointerRow::dataType)
            .column("value_text", TEXT, KeyPointerRow::valueText)
            .column("value_number", DECIMAL, KeyPointerRow::valueNumber)
            .column("value_date", DATE, KeyPointerRow::valueDate)
            .column("value_boolean", BOOLEAN, KeyPointerRow::valueBoolean)
            .column("value_json", JSON, KeyPointerRow::valueJson)
            .systemColumns(KeyPointerRow::extractedAt, KeyPointerRow::runId)
            .key("workspace", "contract_id", "field_name")
            .build();

    /**
     * Staging only: the contracts whose key pointers a chunk replaces, with the extract time of the set (a
     * contract may have no key pointer left, so the set cannot be read off the key pointer rows).
     */
    public static final TableSpec<KeyPointerSet> KEY_POINTER_SETS = TableSpec.<KeyPointerSet>of("key_pointer_sets")
            .column("workspace", TEXT, KeyPointerSet::workspace)
            .column("contract_id", TEXT, KeyPointerSet::contractId)
            .column(TableSpec.EXTRACTED_AT, TIMESTAMP, KeyPointerSet::extractedAt)
            .key("workspace", "contract_id")
            .build();

    public static final TableSpec<CounterpartyRow> COUNTERPARTIES = TableSpec.<CounterpartyRow>of("counterparties")
            .column("workspace", TEXT, CounterpartyRow::workspace)
            .column("counterparty_id", BIGINT, CounterpartyRow::counterpartyId)
            .column("name", TEXT, CounterpartyRow::name)
            .column("is_individual", BOOLEAN, CounterpartyRow::isIndividual)
            .column("status", TEXT, CounterpartyRow::status)
            .column("brand_name", TEXT, CounterpartyRow::brandName)
            .column("primary_address", JSON, CounterpartyRow::primaryAddress)
            .column("contacts", JSON, CounterpartyRow::contacts)
            .column("custom_fields", JSON, CounterpartyRow::customFields)
            .systemColumns(CounterpartyRow::extractedAt, CounterpartyRow::runId)
            .key("workspace", "counterparty_id")
            .build();

    public static final TableSpec<ContractTypeRow> CONTRACT_TYPES = TableSpec.<ContractTypeRow>of("contract_types")
            .column("workspace", TEXT, ContractTypeRow::workspace)
            .column("contract_type_id", BIGINT, ContractTypeRow::contractTypeId)
            .column("name", TEXT, ContractTypeRow::name)
            .systemColumns(ContractTypeRow::extractedAt, ContractTypeRow::runId)
            .key("workspace", "contract_type_id")
            .build();

    public static final TableSpec<SyncRunRow> SYNC_RUNS = TableSpec.<SyncRunRow>of("sync_runs")
            .column("run_id", TEXT, SyncRunRow::runId)
            .column("workspace", TEXT, SyncRunRow::workspace)
            .column("job", TEXT, SyncRunRow::job)
            .column("mode", TEXT, SyncRunRow::mode)
            .column("trigger", TEXT, SyncRunRow::trigger)
            .column("started_at", TIMESTAMP, SyncRunRow::startedAt)
            .column("ended_at", TIMESTAMP, SyncRunRow::endedAt)
            .column("outcome", TEXT, SyncRunRow::outcome)
            .column("contracts_read", BIGINT, SyncRunRow::contractsRead)
            .column("contracts_written", BIGINT, SyncRunRow::contractsWritten)
            .column("contracts_skipped", BIGINT, SyncRunRow::contractsSkipped)
            .column("documents_written", BIGINT, SyncRunRow::documentsWritten)
            .column("document_bytes", BIGINT, SyncRunRow::documentBytes)
            .column("api_calls", BIGINT, SyncRunRow::apiCalls)
            .column("api_429s", BIGINT, SyncRunRow::api429s)
            .column("watermark_before", TIMESTAMP, SyncRunRow::watermarkBefore)
            .column("watermark_after", TIMESTAMP, SyncRunRow::watermarkAfter)
            .column("message", TEXT, SyncRunRow::message)
            .key("run_id")
            .onMatch(OnMatch.UPDATE)
            .build();

    public static final TableSpec<StatusChangeRow> STATUS_HISTORY = TableSpec.<StatusChangeRow>of("contract_status_history")
            .column("workspace", TEXT, StatusChangeRow::workspace)
            .column("contract_id", TEXT, StatusChangeRow::contractId)
            .column("from_status", TEXT, StatusChangeRow::fromStatus)
            .column("to_status", TEXT, StatusChangeRow::toStatus)
            .column("observed_at", TIMESTAMP, StatusChangeRow::observedAt)
            .column("source", TEXT, StatusChangeRow::source)
            .column("run_id", TEXT, StatusChangeRow::runId)
            .key("workspace", "contract_id", "observed_at", "to_status")
            .onMatch(OnMatch.KEEP)
            .build();

    public static final TableSpec<FindingRow> FINDINGS = TableSpec.<FindingRow>of("reconcile_findings")
            .column("run_id", TEXT, FindingRow::runId)
            .column("workspace", TEXT, FindingRow::workspace)
            .column("contract_id", TEXT, FindingRow::contractId)
            .column("finding", TEXT, FindingRow::finding)
            .column("action", TEXT, FindingRow::action)
            .column("detail", TEXT, FindingRow::detail)
            .column("observed_at", TIMESTAMP, FindingRow::observedAt)
            .key("run_id", "workspace", "contract_id", "finding")
            .onMatch(OnMatch.KEEP)
            .build();

    public static final TableSpec<ImportedContractRow> IMPORTED_CONTRACTS = TableSpec.<ImportedContractRow>of("imported_contracts")
            .column("workspace", TEXT, ImportedContractRow::workspace)
            .column("source_system", TEXT, ImportedContractRow::sourceSystem)
            .column("source_id", TEXT, ImportedContractRow::sourceId)
            .column("contract_id", TEXT, ImportedContractRow::contractId)
            .column("numeric_id", BIGINT, ImportedContractRow::numericId)
            .column("imported_at", TIMESTAMP, ImportedContractRow::importedAt)
            .column("run_id", TEXT, ImportedContractRow::runId)
            .key("workspace", "source_system", "source_id")
            .onMatch(OnMatch.KEEP)
            .build();

    public static final TableSpec<RunSkipRow> RUN_SKIPS = TableSpec.<RunSkipRow>of("sync_run_skips")
            .column("run_id", TEXT, RunSkipRow::runId)
            .column("workspace", TEXT, RunSkipRow::workspace)
            .column("contract_id", TEXT, RunSkipRow::contractId)
            .column("reason", TEXT, RunSkipRow::reason)
            .column("skipped_at", TIMESTAMP, RunSkipRow::skippedAt)
            .key("run_id", "workspace", "contract_id")
            .onMatch(OnMatch.KEEP)
            .build();

    /** Every warehouse table (not the staging-only spec), in DDL order. */
    public static final List<TableSpec<?>> ALL = List.of(CONTRACTS, KEY_POINTERS, COUNTERPARTIES, CONTRACT_TYPES,
            SYNC_RUNS, STATUS_HISTORY, FINDINGS, IMPORTED_CONTRACTS, RUN_SKIPS);

    /**
     * The scratch table of {@code check}: created in the configured schema, loaded with one row through the real load
     * plan (staging, MERGE) and dropped. Not one of {@link #ALL}: no script creates it.
     *
     * @param name the table's name: lower-case letters, digits and '_'
     */
    public static TableSpec<ScratchRow> scratch(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("A scratch table name is lower-case letters, digits and '_': " + name);
        }
        return TableSpec.<ScratchRow>of(name)
                .column("workspace", TEXT, ScratchRow::workspace)
                .column("check_id", TEXT, ScratchRow::checkId)
                .column("payload", JSON, ScratchRow::payload)
                .systemColumns(ScratchRow::extractedAt, ScratchRow::runId)
                .key("workspace", "check_id")
                .build();
    }

    /** One row of a scratch table ({@link #scratch}). */
    public record ScratchRow(String workspace, String checkId, String payload, Instant extractedAt, String runId) {
    }

    /** A contract whose key pointer set a chunk replaces. */
    public record KeyPointerSet(String workspace, String contractId, Instant extractedAt) {
    }

    private Tables() {
    }
}
