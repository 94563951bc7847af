-- One row per contract that a run skipped because it kept failing (export and webhook runs); the next export
-- run reads the contracts skipped since its window's start and tries them again.
-- Applied once, in version order, by the migration runner (schema_migrations): never edit an
-- applied script, add the next version instead.

CREATE TABLE IF NOT EXISTS sync_run_skips (
    run_id VARCHAR NOT NULL,
    workspace VARCHAR NOT NULL,
    contract_id VARCHAR NOT NULL,
    reason VARCHAR,
    skipped_at TIMESTAMP_TZ NOT NULL,
    PRIMARY KEY (run_id, workspace, contract_id)
);
COMMENT ON TABLE sync_run_skips IS 'Contracts a run skipped because fetching their details kept failing (after the API client''s retries): the run went on without them, and the next export run tries them again.';
COMMENT ON COLUMN sync_run_skips.run_id IS 'The run that skipped the contract (sync_runs.run_id). Key with workspace and contract_id.';
COMMENT ON COLUMN sync_run_skips.workspace IS 'The SpotDraft workspace. Key with run_id and contract_id.';
COMMENT ON COLUMN sync_run_skips.contract_id IS 'The contract skipped (contracts.contract_id). Key with run_id and workspace.';
COMMENT ON COLUMN sync_run_skips.reason IS 'Why: the last error, for people (the endpoint and the answer, never a secret or a signed URL).';
COMMENT ON COLUMN sync_run_skips.skipped_at IS 'When the run skipped it (UTC).';
