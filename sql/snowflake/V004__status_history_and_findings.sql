-- Status history and reconciliation findings (filled by later jobs).
-- Applied once, in version order, by the migration runner (schema_migrations): never edit an
-- applied script, add the next version instead.

CREATE TABLE IF NOT EXISTS contract_status_history (
    workspace VARCHAR NOT NULL,
    contract_id VARCHAR NOT NULL,
    from_status VARCHAR,
    to_status VARCHAR NOT NULL,
    observed_at TIMESTAMP_TZ NOT NULL,
    source VARCHAR NOT NULL,
    run_id VARCHAR,
    PRIMARY KEY (workspace, contract_id, observed_at, to_status)
);
COMMENT ON TABLE contract_status_history IS 'One row per observed change of a contract''s status, from export runs, reconciliation and webhooks.';
COMMENT ON COLUMN contract_status_history.workspace IS 'The SpotDraft workspace.';
COMMENT ON COLUMN contract_status_history.contract_id IS 'The contract (contracts.contract_id).';
COMMENT ON COLUMN contract_status_history.from_status IS 'The status before the change; null when the contract was first seen.';
COMMENT ON COLUMN contract_status_history.to_status IS 'The status after the change.';
COMMENT ON COLUMN contract_status_history.observed_at IS 'When the change was observed (UTC): not necessarily when it happened in SpotDraft.';
COMMENT ON COLUMN contract_status_history.source IS 'Who observed it: export, reconcile or webhook.';
COMMENT ON COLUMN contract_status_history.run_id IS 'The run that observed it (sync_runs.run_id); null for webhooks outside a run.';

CREATE TABLE IF NOT EXISTS reconcile_findings (
    run_id VARCHAR NOT NULL,
    workspace VARCHAR NOT NULL,
    contract_id VARCHAR NOT NULL,
    finding VARCHAR NOT NULL,
    action VARCHAR,
    detail VARCHAR,
    observed_at TIMESTAMP_TZ NOT NULL,
    PRIMARY KEY (run_id, workspace, contract_id, finding)
);
COMMENT ON TABLE reconcile_findings IS 'Differences that a reconciliation run found between SpotDraft and the warehouse, and what it did about each.';
COMMENT ON COLUMN reconcile_findings.run_id IS 'The reconciliation run (sync_runs.run_id).';
COMMENT ON COLUMN reconcile_findings.workspace IS 'The SpotDraft workspace.';
COMMENT ON COLUMN reconcile_findings.contract_id IS 'The contract concerned.';
COMMENT ON COLUMN reconcile_findings.finding IS 'What differed, for example MISSING_IN_WAREHOUSE, DELETED_IN_SPOTDRAFT, STALE, DOCUMENT_MISSING.';
COMMENT ON COLUMN reconcile_findings.action IS 'What the run did: INSERTED, UPDATED, SOFT_DELETED, UNDELETED, NONE.';
COMMENT ON COLUMN reconcile_findings.detail IS 'Details of the difference, for people.';
COMMENT ON COLUMN reconcile_findings.observed_at IS 'When the difference was found (UTC).';
