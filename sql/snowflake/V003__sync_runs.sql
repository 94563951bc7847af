-- One row per sync run.
-- Applied once, in version order, by the migration runner (schema_migrations): never edit an
-- applied script, add the next version instead.

CREATE TABLE IF NOT EXISTS sync_runs (
    run_id VARCHAR NOT NULL,
    workspace VARCHAR NOT NULL,
    job VARCHAR NOT NULL,
    mode VARCHAR,
    "TRIGGER" VARCHAR,
    started_at TIMESTAMP_TZ NOT NULL,
    ended_at TIMESTAMP_TZ,
    outcome VARCHAR,
    contracts_read NUMBER(19,0),
    contracts_written NUMBER(19,0),
    contracts_skipped NUMBER(19,0),
    documents_written NUMBER(19,0),
    document_bytes NUMBER(19,0),
    api_calls NUMBER(19,0),
    api_429s NUMBER(19,0),
    watermark_before TIMESTAMP_TZ,
    watermark_after TIMESTAMP_TZ,
    message VARCHAR,
    PRIMARY KEY (run_id)
);
COMMENT ON TABLE sync_runs IS 'One row per sync run (export, incremental, reconcile, import): what it did, how it ended, and how far it got.';
COMMENT ON COLUMN sync_runs.run_id IS 'Id of the run; other tables'' _run_id and run_id point here. Key.';
COMMENT ON COLUMN sync_runs.workspace IS 'The SpotDraft workspace the run synced.';
COMMENT ON COLUMN sync_runs.job IS 'The job: export, reconcile, import, ...';
COMMENT ON COLUMN sync_runs.mode IS 'full or incremental.';
COMMENT ON COLUMN sync_runs."TRIGGER" IS 'What started the run: schedule, cli, api, webhook.';
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
