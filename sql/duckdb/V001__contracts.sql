-- Contracts and their key pointers, and the views of what exists now.
-- Applied once, in version order, by the migration runner (schema_migrations): never edit an
-- applied script, add the next version instead.

CREATE TABLE IF NOT EXISTS contracts (
    contract_id VARCHAR NOT NULL,
    contract_numeric_id BIGINT,
    workspace VARCHAR NOT NULL,
    contract_name VARCHAR,
    contract_status VARCHAR,
    contract_kind VARCHAR,
    contract_type_id BIGINT,
    contract_type_name VARCHAR,
    counter_party_name VARCHAR,
    reference_id VARCHAR,
    contract_link VARCHAR,
    created_by_user_name VARCHAR,
    created_by_user_email VARCHAR,
    created_at TIMESTAMPTZ,
    executed_at TIMESTAMPTZ,
    external_metadata JSON,
    document_key VARCHAR,
    document_sha256 VARCHAR,
    document_bytes BIGINT,
    document_version_id VARCHAR,
    _extracted_at TIMESTAMPTZ NOT NULL,
    _synced_at TIMESTAMPTZ NOT NULL,
    _run_id VARCHAR,
    _deleted BOOLEAN NOT NULL DEFAULT FALSE,
    _deleted_at TIMESTAMPTZ,
    PRIMARY KEY (workspace, contract_id)
);
COMMENT ON TABLE contracts IS 'One row per SpotDraft contract of a workspace, as last read from SpotDraft; deleted contracts stay, flagged by _deleted.';
COMMENT ON COLUMN contracts.contract_id IS 'SpotDraft''s composite contract id: T-<n> for template contracts, H-<n> for historical (imported) ones. Key with workspace.';
COMMENT ON COLUMN contracts.contract_numeric_id IS 'The number part of contract_id, as webhooks carry it (ambiguous between the T and H families).';
COMMENT ON COLUMN contracts.workspace IS 'The SpotDraft workspace the contract belongs to (spotdraft.workspace). Key with contract_id.';
COMMENT ON COLUMN contracts.contract_name IS 'The contract''s name in SpotDraft.';
COMMENT ON COLUMN contracts.contract_status IS 'The contract''s workflow status in SpotDraft, one of DRAFT, REDLINING, SIGN, EXECUTED, ON_HOLD, VOIDED.';
COMMENT ON COLUMN contracts.contract_kind IS 'The contract family, from its id: TEMPLATE (T- ids, made in SpotDraft) or HISTORICAL (H- ids, executed elsewhere and imported).';
COMMENT ON COLUMN contracts.contract_type_id IS 'SpotDraft''s id of the contract type (contract_types.contract_type_id); ids differ between UAT and production.';
COMMENT ON COLUMN contracts.contract_type_name IS 'The contract type''s name at extract time.';
COMMENT ON COLUMN contracts.counter_party_name IS 'The counterparty''s name as the contract shows it.';
COMMENT ON COLUMN contracts.reference_id IS 'The contract''s reference id in SpotDraft, if any.';
COMMENT ON COLUMN contracts.contract_link IS 'Link that opens the contract in SpotDraft''s web app.';
COMMENT ON COLUMN contracts.created_by_user_name IS 'Name of the SpotDraft user who created the contract.';
COMMENT ON COLUMN contracts.created_by_user_email IS 'Email of the SpotDraft user who created the contract.';
COMMENT ON COLUMN contracts.created_at IS 'When the contract was created in SpotDraft (UTC).';
COMMENT ON COLUMN contracts.executed_at IS 'When the contract was executed (fully signed), if it was (UTC).';
COMMENT ON COLUMN contracts.external_metadata IS 'Free-form metadata that integrations attached to the contract, as JSON.';
COMMENT ON COLUMN contracts.document_key IS 'Object key of the contract''s document in the document store: {workspace}/{contract_id}/{version}-{sha256}.pdf.';
COMMENT ON COLUMN contracts.document_sha256 IS 'SHA-256 of the stored document, lower-case hex.';
COMMENT ON COLUMN contracts.document_bytes IS 'Size of the stored document in bytes.';
COMMENT ON COLUMN contracts.document_version_id IS 'SpotDraft''s id of the document version that was stored.';
COMMENT ON COLUMN contracts._extracted_at IS 'When the sync engine read this row from SpotDraft; an older extract never overwrites a newer one.';
COMMENT ON COLUMN contracts._synced_at IS 'When the sync engine last changed this row (UTC); a run that finds the row unchanged leaves it, and this time, as they are.';
COMMENT ON COLUMN contracts._run_id IS 'The sync run (sync_runs.run_id) that last wrote this row.';
COMMENT ON COLUMN contracts._deleted IS 'True once the contract was found deleted in SpotDraft (soft delete: the row stays).';
COMMENT ON COLUMN contracts._deleted_at IS 'When the contract was found deleted; null while it exists.';

CREATE TABLE IF NOT EXISTS contract_key_pointers (
    workspace VARCHAR NOT NULL,
    contract_id VARCHAR NOT NULL,
    field_name VARCHAR NOT NULL,
    label VARCHAR,
    data_type VARCHAR,
    value_text VARCHAR,
    value_number DECIMAL(38,10),
    value_date DATE,
    value_boolean BOOLEAN,
    value_json JSON,
    _extracted_at TIMESTAMPTZ NOT NULL,
    _synced_at TIMESTAMPTZ NOT NULL,
    _run_id VARCHAR,
    PRIMARY KEY (workspace, contract_id, field_name)
);
COMMENT ON TABLE contract_key_pointers IS 'Key pointers (metadata fields) of contracts in long format: one row per contract and field, with the value in the typed column that fits its data type. A field removed in SpotDraft disappears at the next sync of its contract.';
COMMENT ON COLUMN contract_key_pointers.workspace IS 'The SpotDraft workspace. Key with contract_id and field_name.';
COMMENT ON COLUMN contract_key_pointers.contract_id IS 'The contract (contracts.contract_id). Key with workspace and field_name.';
COMMENT ON COLUMN contract_key_pointers.field_name IS 'The key pointer''s field name, stable across label changes. Key with workspace and contract_id.';
COMMENT ON COLUMN contract_key_pointers.label IS 'The key pointer''s label as SpotDraft shows it.';
COMMENT ON COLUMN contract_key_pointers.data_type IS 'SpotDraft''s data type of the field, for example TEXT, DATE, NUMBER, CURRENCY, BOOLEAN, DROPDOWN.';
COMMENT ON COLUMN contract_key_pointers.value_text IS 'The value as text: set for text-like types, and the text form of scalar values of other types.';
COMMENT ON COLUMN contract_key_pointers.value_number IS 'The value as a number, for numeric and currency amounts.';
COMMENT ON COLUMN contract_key_pointers.value_date IS 'The value as a date, for date fields.';
COMMENT ON COLUMN contract_key_pointers.value_boolean IS 'The value as a boolean, for yes/no fields.';
COMMENT ON COLUMN contract_key_pointers.value_json IS 'The value as JSON, for structured values (currency objects, lists, multi-selects).';
COMMENT ON COLUMN contract_key_pointers._extracted_at IS 'When the sync engine read this row from SpotDraft; an older extract never overwrites a newer one.';
COMMENT ON COLUMN contract_key_pointers._synced_at IS 'When the sync engine last changed this row (UTC); a run that finds the row unchanged leaves it, and this time, as they are.';
COMMENT ON COLUMN contract_key_pointers._run_id IS 'The sync run (sync_runs.run_id) that last wrote this row.';

CREATE OR REPLACE VIEW contracts_current AS
SELECT * FROM contracts WHERE _deleted = FALSE;
COMMENT ON VIEW contracts_current IS 'Contracts that exist in SpotDraft (contracts without the soft-deleted ones).';

CREATE OR REPLACE VIEW contract_key_pointers_current AS
SELECT kp.* FROM contract_key_pointers AS kp JOIN contracts AS c ON c.workspace = kp.workspace AND c.contract_id = kp.contract_id WHERE c._deleted = FALSE;
COMMENT ON VIEW contract_key_pointers_current IS 'Key pointers of contracts that exist in SpotDraft (without those of soft-deleted contracts).';
