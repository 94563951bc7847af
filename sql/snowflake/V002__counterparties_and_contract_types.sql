-- Reference data: counterparties and contract types.
-- Applied once, in version order, by the migration runner (schema_migrations): never edit an
-- applied script, add the next version instead.

CREATE TABLE IF NOT EXISTS counterparties (
    workspace VARCHAR NOT NULL,
    counterparty_id NUMBER(19,0) NOT NULL,
    name VARCHAR,
    is_individual BOOLEAN,
    status VARCHAR,
    brand_name VARCHAR,
    primary_address VARIANT,
    contacts VARIANT,
    custom_fields VARIANT,
    _extracted_at TIMESTAMP_TZ NOT NULL,
    _synced_at TIMESTAMP_TZ NOT NULL,
    _run_id VARCHAR,
    PRIMARY KEY (workspace, counterparty_id)
);
COMMENT ON TABLE counterparties IS 'Counterparties (organizations and individuals) of a workspace, as last read from SpotDraft.';
COMMENT ON COLUMN counterparties.workspace IS 'The SpotDraft workspace. Key with counterparty_id.';
COMMENT ON COLUMN counterparties.counterparty_id IS 'SpotDraft''s id of the counterparty. Key with workspace.';
COMMENT ON COLUMN counterparties.name IS 'The counterparty''s name.';
COMMENT ON COLUMN counterparties.is_individual IS 'True for a person, false for an organization.';
COMMENT ON COLUMN counterparties.status IS 'The counterparty''s status in SpotDraft.';
COMMENT ON COLUMN counterparties.brand_name IS 'The counterparty''s brand (trading) name.';
COMMENT ON COLUMN counterparties.primary_address IS 'The primary address, as JSON.';
COMMENT ON COLUMN counterparties.contacts IS 'The contacts, as a JSON array.';
COMMENT ON COLUMN counterparties.custom_fields IS 'The workspace''s custom fields of the counterparty, as JSON.';
COMMENT ON COLUMN counterparties._extracted_at IS 'When the sync engine read this row from SpotDraft; an older extract never overwrites a newer one.';
COMMENT ON COLUMN counterparties._synced_at IS 'When the sync engine last changed this row (UTC); a run that finds the row unchanged leaves it, and this time, as they are.';
COMMENT ON COLUMN counterparties._run_id IS 'The sync run (sync_runs.run_id) that last wrote this row.';

CREATE TABLE IF NOT EXISTS contract_types (
    workspace VARCHAR NOT NULL,
    contract_type_id NUMBER(19,0) NOT NULL,
    name VARCHAR,
    _extracted_at TIMESTAMP_TZ NOT NULL,
    _synced_at TIMESTAMP_TZ NOT NULL,
    _run_id VARCHAR,
    PRIMARY KEY (workspace, contract_type_id)
);
COMMENT ON TABLE contract_types IS 'Contract types of a workspace, as last read from SpotDraft.';
COMMENT ON COLUMN contract_types.workspace IS 'The SpotDraft workspace. Key with contract_type_id.';
COMMENT ON COLUMN contract_types.contract_type_id IS 'SpotDraft''s id of the contract type (differs between UAT and production). Key with workspace.';
COMMENT ON COLUMN contract_types.name IS 'The contract type''s name.';
COMMENT ON COLUMN contract_types._extracted_at IS 'When the sync engine read this row from SpotDraft; an older extract never overwrites a newer one.';
COMMENT ON COLUMN contract_types._synced_at IS 'When the sync engine last changed this row (UTC); a run that finds the row unchanged leaves it, and this time, as they are.';
COMMENT ON COLUMN contract_types._run_id IS 'The sync run (sync_runs.run_id) that last wrote this row.';
