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

    public static final TableSpec<ApprovalRow> APPROVALS = TableSpec.<ApprovalRow>of("contract_approvals")
            .column("workspace", TEXT, ApprovalRow::workspace)
            .column("contract_id", TEXT, ApprovalRow::contractId)
            .column("approval_id", BIGINT, ApprovalRow::approvalId)
            .column("approval_name", TEXT, ApprovalRow::approvalName)
            .column("approval_type", TEXT, ApprovalRow::approvalType)
            .column("approval_status", TEXT, ApprovalRow::approvalStatus)
            .column("approver_user_id", BIGINT, ApprovalRow::approverUserId)
            .column("approver_email", TEXT, ApprovalRow::approverEmail)
            .column("approver_name", TEXT, ApprovalRow::approverName)
            .column("sent_for_approval", BOOLEAN, ApprovalRow::sentForApproval)
            .column("last_sent_at", TIMESTAMP, ApprovalRow::lastSentAt)
            .column("created_by_email", TEXT, ApprovalRow::createdByEmail)
            .column("notes", TEXT, ApprovalRow::notes)
            .systemColumns(ApprovalRow::extractedAt, ApprovalRow::runId)
            .key("workspace", "contract_id", "approval_id")
            .softDelete()
            .build();

    public static final TableSpec<ApprovalActionRow> APPROVAL_ACTIONS = TableSpec.<ApprovalActionRow>of("contract_approval_actions")
            .column("workspace", TEXT, ApprovalActionRow::workspace)
            .column("contract_id", TEXT, ApprovalActionRow::contractId)
            .column("approval_id", BIGINT, ApprovalActionRow::approvalId)
            .column("action_status", TEXT, ApprovalActionRow::actionStatus)
            .column("acted_at", TIMESTAMP, ApprovalActionRow::actedAt)
            .column("notes", TEXT, ApprovalActionRow::notes)
            .column("is_latest", BOOLEAN, ApprovalActionRow::isLatest)
            .systemColumns(ApprovalActionRow::extractedAt, ApprovalActionRow::runId)
            .key("workspace", "contract_id", "approval_id", "acted_at", "action_status")
            .softDelete()
            .build();

    public static final TableSpec<RecipientRow> RECIPIENTS = TableSpec.<RecipientRow>of("contract_recipients")
            .column("workspace", TEXT, RecipientRow::workspace)
            .column("contract_id", TEXT, RecipientRow::contractId)
            .column("recipient_id", BIGINT, RecipientRow::recipientId)
            .column("recipient_type", TEXT, RecipientRow::recipientType)
            .column("user_id", BIGINT, RecipientRow::userId)
            .column("user_email", TEXT, RecipientRow::userEmail)
            .column("user_name", TEXT, RecipientRow::userName)
            .column("designation", TEXT, RecipientRow::designation)
            .column("title", TEXT, RecipientRow::title)
            .column("recipient_order", BIGINT, RecipientRow::recipientOrder)
            .column("recipient_status", TEXT, RecipientRow::recipientStatus)
            .column("is_sent_for_signature", BOOLEAN, RecipientRow::isSentForSignature)
            .column("last_sent_for_signature_at", TIMESTAMP, RecipientRow::lastSentForSignatureAt)
            .column("action_success", BOOLEAN, RecipientRow::actionSuccess)
            .column("action_notes", TEXT, RecipientRow::actionNotes)
            .column("acted_at", TIMESTAMP, RecipientRow::actedAt)
            .systemColumns(RecipientRow::extractedAt, RecipientRow::runId)
            .key("workspace", "contract_id", "recipient_id")
            .softDelete()
            .build();

    public static final TableSpec<ProcessMetricsRow> PROCESS_METRICS = TableSpec.<ProcessMetricsRow>of("contract_process_metrics")
            .column("workspace", TEXT, ProcessMetricsRow::workspace)
            .column("contract_id", TEXT, ProcessMetricsRow::contractId)
            .column("workflow_type", TEXT, ProcessMetricsRow::workflowType)
            .column("pending_with", TEXT, ProcessMetricsRow::pendingWith)
            .column("sent_to_counterparty_at", TIMESTAMP, ProcessMetricsRow::sentToCounterpartyAt)
            .column("counterparty_opened_review_email_at", TIMESTAMP, ProcessMetricsRow::counterpartyOpenedReviewEmailAt)
            .column("counterparty_first_update_at", TIMESTAMP, ProcessMetricsRow::counterpartyFirstUpdateAt)
            .column("counterparty_latest_update_at", TIMESTAMP, ProcessMetricsRow::counterpartyLatestUpdateAt)
            .column("marked_for_signature_at", TIMESTAMP, ProcessMetricsRow::markedForSignatureAt)
            .column("executed_at", TIMESTAMP, ProcessMetricsRow::executedAt)
            .column("turns", BIGINT, ProcessMetricsRow::turns)
            .column("last_turn_change_at", TIMESTAMP, ProcessMetricsRow::lastTurnChangeAt)
            .column("last_turn_change_by_email", TEXT, ProcessMetricsRow::lastTurnChangeByEmail)
            .column("turn_override_reason", TEXT, ProcessMetricsRow::turnOverrideReason)
            .systemColumns(ProcessMetricsRow::extractedAt, ProcessMetricsRow::runId)
            .key("workspace", "contract_id")
            .build();

    public static final TableSpec<SignatureRow> SIGNATURES = TableSpec.<SignatureRow>of("contract_signatures")
            .column("workspace", TEXT, SignatureRow::workspace)
            .column("contract_id", TEXT, SignatureRow::contractId)
            .column("signatory_email", TEXT, SignatureRow::signatoryEmail)
            .column("signed_at", TIMESTAMP, SignatureRow::signedAt)
            .column("is_creator_party", BOOLEAN, SignatureRow::isCreatorParty)
            .systemColumns(SignatureRow::extractedAt, SignatureRow::runId)
            .key("workspace", "contract_id", "signatory_email", "signed_at")
            .softDelete()
            .build();

    public static final TableSpec<StreamStateRow> STREAM_STATE = TableSpec.<StreamStateRow>of("contract_stream_state")
            .column("workspace", TEXT, StreamStateRow::workspace)
            .column("contract_id", TEXT, StreamStateRow::contractId)
            .column("stream", TEXT, StreamStateRow::stream)
            .column("contract_status", TEXT, StreamStateRow::contractStatus)
            .column("fingerprint", TEXT, StreamStateRow::fingerprint)
            .systemColumns(StreamStateRow::extractedAt, StreamStateRow::runId)
            .key("workspace", "contract_id", "stream")
            .build();

    public static final TableSpec<UserRow> USERS = TableSpec.<UserRow>of("users")
            .column("workspace", TEXT, UserRow::workspace)
            .column("user_id", BIGINT, UserRow::userId)
            .column("email", TEXT, UserRow::email)
            .column("user_name", TEXT, UserRow::userName)
            .column("designation", TEXT, UserRow::designation)
            .column("is_active", BOOLEAN, UserRow::isActive)
            .column("roles", JSON, UserRow::roles)
            .systemColumns(UserRow::extractedAt, UserRow::runId)
            .key("workspace", "user_id")
            .softDelete()
            .build();

    public static final TableSpec<TemplateRow> TEMPLATES = TableSpec.<TemplateRow>of("templates")
            .column("workspace", TEXT, TemplateRow::workspace)
            .column("template_id", BIGINT, TemplateRow::templateId)
            .column("template_name", TEXT, TemplateRow::templateName)
            .column("contract_type_id", BIGINT, TemplateRow::contractTypeId)
            .systemColumns(TemplateRow::extractedAt, TemplateRow::runId)
            .key("workspace", "template_id")
            .softDelete()
            .build();

    public static final TableSpec<OrganizationEntityRow> ORGANIZATION_ENTITIES = TableSpec.<OrganizationEntityRow>of("organization_entities")
            .column("workspace", TEXT, OrganizationEntityRow::workspace)
            .column("entity_id", BIGINT, OrganizationEntityRow::entityId)
            .column("entity_name", TEXT, OrganizationEntityRow::entityName)
            .column("reference_id", TEXT, OrganizationEntityRow::referenceId)
            .column("jurisdiction", TEXT, OrganizationEntityRow::jurisdiction)
            .column("organization_type", TEXT, OrganizationEntityRow::organizationType)
            .column("is_primary", BOOLEAN, OrganizationEntityRow::isPrimary)
            .column("address", JSON, OrganizationEntityRow::address)
            .systemColumns(OrganizationEntityRow::extractedAt, OrganizationEntityRow::runId)
            .key("workspace", "entity_id")
            .softDelete()
            .build();

    /** Insert-only: a delivery received again (same event key) leaves the stored row as it is. */
    public static final TableSpec<ContractEventRow> CONTRACT_EVENTS = TableSpec.<ContractEventRow>of("contract_events")
            .column("workspace", TEXT, ContractEventRow::workspace)
            .column("event_key", TEXT, ContractEventRow::eventKey)
            .column("contract_id", TEXT, ContractEventRow::contractId)
            .column("contract_numeric_id", BIGINT, ContractEventRow::contractNumericId)
            .column("activity", TEXT, ContractEventRow::activity)
            .column("performed_by_name", TEXT, ContractEventRow::performedByName)
            .column("performed_by_email", TEXT, ContractEventRow::performedByEmail)
            .column("occurred_at", TIMESTAMP, ContractEventRow::occurredAt)
            .column("received_at", TIMESTAMP, ContractEventRow::receivedAt)
            .column("business_user_email", TEXT, ContractEventRow::businessUserEmail)
            .column("legal_user_email", TEXT, ContractEventRow::legalUserEmail)
            .column("payload", JSON, ContractEventRow::payload)
            .systemColumns(ContractEventRow::extractedAt, ContractEventRow::runId)
            .key("workspace", "event_key")
            .onMatch(OnMatch.KEEP)
            .build();

    /** Every warehouse table (not the staging-only spec), in DDL order. */
    public static final List<TableSpec<?>> ALL = List.of(CONTRACTS, KEY_POINTERS, COUNTERPARTIES, CONTRACT_TYPES,
            SYNC_RUNS, STATUS_HISTORY, FINDINGS, IMPORTED_CONTRACTS, RUN_SKIPS, APPROVALS, APPROVAL_ACTIONS, RECIPIENTS,
            PROCESS_METRICS, SIGNATURES, STREAM_STATE, USERS, TEMPLATES, ORGANIZATION_ENTITIES, CONTRACT_EVENTS);

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
