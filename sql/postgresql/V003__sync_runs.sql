-- One row per sync run.
-- Applied once, in version order, by the migration runner (schema_migrations): never edit an
-- applied script, add the next version instead.

CREATE TABLE IF NOT EXISTS sync_runs (
    run_id TEXT NOT NULL,
    workspace TEXT NOT NULL,
    job TEXT NOT NULL,
    mode TEXT,
    trigger TEXT,
    started_at TIMESTAMPTZ NOT NULL,
    ended_at TIMESTAMPTZ,
    outcome TEXT,
    contracts_read BIGINT,
    contracts_written BIGINT,
    contracts_skipped BIGINT,
    documents_written BIGINT,
    document_bytes BIGINT,
    api_calls BIGINT,
    api_429s BIGINT,
    watermark_before TIMESTAMPTZ,
    watermark_after TIMESTAMPTZ,
    message TEXT,
    PRIMARY KEY (run_id)
);
COMMENT ON TABLE sync_runs IS 'One row per sync run (export, incremental, reconcile, import): what it did, how it ended, and how far it got.';
COMMENT ON COLUMN sync_runs.run_id IS 'Id of the run; other tables'' _run_id and run_id point here. Key.';
COMMENT ON COLUMN sync_runs.workspace IS 'The SpotDraft workspace the run synced.';
COMMENT ON COLUMN sync_runs.job IS 'The job: export, reconcile, import, ...';
COMMENT ON COLUMN sync_runs.mode IS 'full or incremental.';
COMMENT ON COLUMN sync_runs.trigger IS 'What started the run: schedule, cli, api, webhook.';
COMMENT ON COLUMN sync_runs.started_at IS 'When the run started (UTC).';
COMMENT ON COLUMN sync_runs.ended_at IS 'When the run ended (UTC); null while it runs.';
COMMENT ON COLUMN sync_runs.outcome IS 'RUNNING, COMPLETED, FAILED or STOPPED.';
COMMENT ON COLUMN sync_runs.contracts_read IS 'Contracts read from SpotDraft.';
COMMENT ON COLUMN sync_runs.contracts_written IS 'Contracts inserted or updated in the warehouse.';
COMMENT ON COLUMN sync_runs.contracts_skipped IS 'Contracts left as stored (unchanged, or an older extract than the stored one).';
COMMENT ON COLUMN sync_runs.documents_written IS 'Documents written to the document store.';
COMMENT ON COLUMN sync_runs.document_bytes IS 'Bytes of documents written.';
COMMENT ON COLUMN sync_runs.api_calls IS 'SpotDraft API requests made.';
COMMENT ON COLUMN sync_runs.api_429s IS '429 Too Many Requests answers from SpotDraft.';
COMMENT ON COLUMN sync_runs.watermark_before IS 'The incremental watermark the run started from (UTC).';
COMMENT ON COLUMN sync_runs.watermark_after IS 'The watermark the run committed (UTC); the next incremental run starts there minus the overlap window.';
COMMENT ON COLUMN sync_runs.message IS 'A human-readable summary, or the failure''s message.';
