-- One row per contract the import job created in SpotDraft, keyed by its id in the source system.
-- Applied once, in version order, by the migration runner (schema_migrations): never edit an
-- applied script, add the next version instead.

CREATE TABLE IF NOT EXISTS imported_contracts (
    workspace VARCHAR NOT NULL,
    source_system VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    contract_id VARCHAR NOT NULL,
    numeric_id BIGINT,
    imported_at TIMESTAMPTZ NOT NULL,
    run_id VARCHAR,
    PRIMARY KEY (workspace, source_system, source_id)
);
COMMENT ON TABLE imported_contracts IS 'One row per executed contract the import job created in SpotDraft: the mapping from the source system''s id to SpotDraft''s, which makes a re-run of an import create nothing twice.';
COMMENT ON COLUMN imported_contracts.workspace IS 'The SpotDraft workspace the contract was imported into. Key with source_system and source_id.';
COMMENT ON COLUMN imported_contracts.source_system IS 'The system the contract came from (manifest column source_system; sent as external_metadata.integration_name). Key with workspace and source_id.';
COMMENT ON COLUMN imported_contracts.source_id IS 'The contract''s id in the source system (manifest column source_id; sent as external_metadata.id). Key with workspace and source_system.';
COMMENT ON COLUMN imported_contracts.contract_id IS 'SpotDraft''s composite id of the imported contract, H-<n> (contracts.contract_id).';
COMMENT ON COLUMN imported_contracts.numeric_id IS 'The number part of contract_id.';
COMMENT ON COLUMN imported_contracts.imported_at IS 'When the import job created the contract, or found it already created, and recorded this row (UTC).';
COMMENT ON COLUMN imported_contracts.run_id IS 'The import run (sync_runs.run_id) that recorded this row.';
