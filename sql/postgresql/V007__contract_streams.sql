-- Lifecycle data of contracts, one table per stream (approvals, recipients, process metrics and signatures),
-- and the per-contract state of every stream (what was last synced).
-- Applied once, in version order, by the migration runner (schema_migrations): never edit an
-- applied script, add the next version instead.

CREATE TABLE IF NOT EXISTS contract_approvals (
    workspace TEXT NOT NULL,
    contract_id TEXT NOT NULL,
    approval_id BIGINT NOT NULL,
    approval_name TEXT,
    approval_type TEXT,
    approval_status TEXT,
    approver_user_id BIGINT,
    approver_email TEXT,
    approver_name TEXT,
    sent_for_approval BOOLEAN,
    last_sent_at TIMESTAMPTZ,
    created_by_email TEXT,
    notes TEXT,
    _extracted_at TIMESTAMPTZ NOT NULL,
    _synced_at TIMESTAMPTZ NOT NULL,
    _run_id TEXT,
    _deleted BOOLEAN NOT NULL DEFAULT FALSE,
    _deleted_at TIMESTAMPTZ,
    PRIMARY KEY (workspace, contract_id, approval_id)
);
COMMENT ON TABLE contract_approvals IS 'Approvals of a contract (GET /api/v2.1/public/contracts/approvals/{contract_id}/, the approvals stream): one row per approval step, with its approver. After a sync of the contract, the rows not deleted are SpotDraft''s current set.';
COMMENT ON COLUMN contract_approvals.workspace IS 'The SpotDraft workspace. Key with contract_id.';
COMMENT ON COLUMN contract_approvals.contract_id IS 'The contract (contracts.contract_id, composite: T-<n> or H-<n>). Key with workspace.';
COMMENT ON COLUMN contract_approvals.approval_id IS 'SpotDraft''s id of the approval. Key with workspace and contract_id.';
COMMENT ON COLUMN contract_approvals.approval_name IS 'The approval''s name.';
COMMENT ON COLUMN contract_approvals.approval_type IS 'When the approval applies: PRE_SEND, PRE_SIGN, AD_HOC or APPROVAL_V5.';
COMMENT ON COLUMN contract_approvals.approval_status IS 'The approval''s current status: NOT_STARTED, PENDING, REJECTED, SUGGESTED, APPROVED or SKIPPED.';
COMMENT ON COLUMN contract_approvals.approver_user_id IS 'SpotDraft''s id of the user who is to approve (users.user_id).';
COMMENT ON COLUMN contract_approvals.approver_email IS 'Email of the user who is to approve.';
COMMENT ON COLUMN contract_approvals.approver_name IS 'Name of the user who is to approve.';
COMMENT ON COLUMN contract_approvals.sent_for_approval IS 'True once the approval was sent to the approver.';
COMMENT ON COLUMN contract_approvals.last_sent_at IS 'When the approval was last sent to the approver (UTC).';
COMMENT ON COLUMN contract_approvals.created_by_email IS 'Email of the user who created the approval.';
COMMENT ON COLUMN contract_approvals.notes IS 'Notes of the approval.';
COMMENT ON COLUMN contract_approvals._extracted_at IS 'When the sync engine read this row from SpotDraft; an older extract never overwrites a newer one.';
COMMENT ON COLUMN contract_approvals._synced_at IS 'When the sync engine last changed this row (UTC); a run that finds the row unchanged leaves it, and this time, as they are.';
COMMENT ON COLUMN contract_approvals._run_id IS 'The sync run (sync_runs.run_id) that last wrote this row.';
COMMENT ON COLUMN contract_approvals._deleted IS 'True once the row was gone from SpotDraft''s answer at a sync of its contract (soft delete: the row stays).';
COMMENT ON COLUMN contract_approvals._deleted_at IS 'When the row was found gone; null while SpotDraft still returns it.';

CREATE TABLE IF NOT EXISTS contract_approval_actions (
    workspace TEXT NOT NULL,
    contract_id TEXT NOT NULL,
    approval_id BIGINT NOT NULL,
    action_status TEXT NOT NULL,
    acted_at TIMESTAMPTZ NOT NULL,
    notes TEXT,
    is_latest BOOLEAN,
    _extracted_at TIMESTAMPTZ NOT NULL,
    _synced_at TIMESTAMPTZ NOT NULL,
    _run_id TEXT,
    _deleted BOOLEAN NOT NULL DEFAULT FALSE,
    _deleted_at TIMESTAMPTZ,
    PRIMARY KEY (workspace, contract_id, approval_id, acted_at, action_status)
);
COMMENT ON TABLE contract_approval_actions IS 'What approvers did on each approval of a contract (the approval_actions of the approvals stream): one row per action. After a sync of the contract, the rows not deleted are SpotDraft''s current set.';
COMMENT ON COLUMN contract_approval_actions.workspace IS 'The SpotDraft workspace. Key with contract_id.';
COMMENT ON COLUMN contract_approval_actions.contract_id IS 'The contract (contracts.contract_id, composite: T-<n> or H-<n>). Key with workspace.';
COMMENT ON COLUMN contract_approval_actions.approval_id IS 'The approval acted on (contract_approvals.approval_id). Key with workspace, contract_id, acted_at and action_status.';
COMMENT ON COLUMN contract_approval_actions.action_status IS 'What the approver did: APPROVED, REJECTED, SUGGESTED or SKIPPED. Part of the key.';
COMMENT ON COLUMN contract_approval_actions.acted_at IS 'When the action was taken (UTC). Part of the key.';
COMMENT ON COLUMN contract_approval_actions.notes IS 'Notes the approver added to the action.';
COMMENT ON COLUMN contract_approval_actions.is_latest IS 'True for the latest action on the approval.';
COMMENT ON COLUMN contract_approval_actions._extracted_at IS 'When the sync engine read this row from SpotDraft; an older extract never overwrites a newer one.';
COMMENT ON COLUMN contract_approval_actions._synced_at IS 'When the sync engine last changed this row (UTC); a run that finds the row unchanged leaves it, and this time, as they are.';
COMMENT ON COLUMN contract_approval_actions._run_id IS 'The sync run (sync_runs.run_id) that last wrote this row.';
COMMENT ON COLUMN contract_approval_actions._deleted IS 'True once the row was gone from SpotDraft''s answer at a sync of its contract (soft delete: the row stays).';
COMMENT ON COLUMN contract_approval_actions._deleted_at IS 'When the row was found gone; null while SpotDraft still returns it.';

CREATE TABLE IF NOT EXISTS contract_recipients (
    workspace TEXT NOT NULL,
    contract_id TEXT NOT NULL,
    recipient_id BIGINT NOT NULL,
    recipient_type TEXT,
    user_id BIGINT,
    user_email TEXT,
    user_name TEXT,
    designation TEXT,
    title TEXT,
    recipient_order BIGINT,
    recipient_status TEXT,
    is_sent_for_signature BOOLEAN,
    last_sent_for_signature_at TIMESTAMPTZ,
    action_success BOOLEAN,
    action_notes TEXT,
    acted_at TIMESTAMPTZ,
    _extracted_at TIMESTAMPTZ NOT NULL,
    _synced_at TIMESTAMPTZ NOT NULL,
    _run_id TEXT,
    _deleted BOOLEAN NOT NULL DEFAULT FALSE,
    _deleted_at TIMESTAMPTZ,
    PRIMARY KEY (workspace, contract_id, recipient_id)
);
COMMENT ON TABLE contract_recipients IS 'Recipients of a contract (GET /api/v2.1/public/contracts/{composite_id}/recipients/, the recipients stream): approvers, signatories and receivers, with the status of their action. After a sync of the contract, the rows not deleted are SpotDraft''s current set.';
COMMENT ON COLUMN contract_recipients.workspace IS 'The SpotDraft workspace. Key with contract_id.';
COMMENT ON COLUMN contract_recipients.contract_id IS 'The contract (contracts.contract_id, composite: T-<n> or H-<n>). Key with workspace.';
COMMENT ON COLUMN contract_recipients.recipient_id IS 'SpotDraft''s id of the recipient. Key with workspace and contract_id.';
COMMENT ON COLUMN contract_recipients.recipient_type IS 'SIGNATORY, APPROVER or RECEIVER.';
COMMENT ON COLUMN contract_recipients.user_id IS 'SpotDraft''s id of the recipient''s user.';
COMMENT ON COLUMN contract_recipients.user_email IS 'Email of the recipient''s user.';
COMMENT ON COLUMN contract_recipients.user_name IS 'Name of the recipient''s user.';
COMMENT ON COLUMN contract_recipients.designation IS 'The user''s designation within their organization.';
COMMENT ON COLUMN contract_recipients.title IS 'The recipient''s title as set on the contract.';
COMMENT ON COLUMN contract_recipients.recipient_order IS 'The order in which the contract goes out to the recipient.';
COMMENT ON COLUMN contract_recipients.recipient_status IS 'Status of the recipient''s action: PENDING (not invited yet), IN_PROGRESS (invited) or COMPLETED.';
COMMENT ON COLUMN contract_recipients.is_sent_for_signature IS 'True once the contract was sent out to the recipient.';
COMMENT ON COLUMN contract_recipients.last_sent_for_signature_at IS 'When the contract was last sent to the recipient (UTC).';
COMMENT ON COLUMN contract_recipients.action_success IS 'True when the recipient signed or approved, false when they declined; null before any action.';
COMMENT ON COLUMN contract_recipients.action_notes IS 'The note the recipient added when acting.';
COMMENT ON COLUMN contract_recipients.acted_at IS 'When the recipient acted (UTC); null before any action.';
COMMENT ON COLUMN contract_recipients._extracted_at IS 'When the sync engine read this row from SpotDraft; an older extract never overwrites a newer one.';
COMMENT ON COLUMN contract_recipients._synced_at IS 'When the sync engine last changed this row (UTC); a run that finds the row unchanged leaves it, and this time, as they are.';
COMMENT ON COLUMN contract_recipients._run_id IS 'The sync run (sync_runs.run_id) that last wrote this row.';
COMMENT ON COLUMN contract_recipients._deleted IS 'True once the row was gone from SpotDraft''s answer at a sync of its contract (soft delete: the row stays).';
COMMENT ON COLUMN contract_recipients._deleted_at IS 'When the row was found gone; null while SpotDraft still returns it.';

CREATE TABLE IF NOT EXISTS contract_process_metrics (
    workspace TEXT NOT NULL,
    contract_id TEXT NOT NULL,
    workflow_type TEXT,
    pending_with TEXT,
    sent_to_counterparty_at TIMESTAMPTZ,
    counterparty_opened_review_email_at TIMESTAMPTZ,
    counterparty_first_update_at TIMESTAMPTZ,
    counterparty_latest_update_at TIMESTAMPTZ,
    marked_for_signature_at TIMESTAMPTZ,
    executed_at TIMESTAMPTZ,
    turns BIGINT,
    last_turn_change_at TIMESTAMPTZ,
    last_turn_change_by_email TEXT,
    turn_override_reason TEXT,
    _extracted_at TIMESTAMPTZ NOT NULL,
    _synced_at TIMESTAMPTZ NOT NULL,
    _run_id TEXT,
    PRIMARY KEY (workspace, contract_id)
);
COMMENT ON TABLE contract_process_metrics IS 'Process metrics of a template contract (GET /api/v2.1/public/contracts/{contract_id}/process_metrics/, the process_metrics stream): one row per contract with the workflow''s timestamps and turns. Fetched for template contracts past DRAFT, again whenever they change.';
COMMENT ON COLUMN contract_process_metrics.workspace IS 'The SpotDraft workspace. Key with contract_id.';
COMMENT ON COLUMN contract_process_metrics.contract_id IS 'The contract (contracts.contract_id, composite: T-<n> or H-<n>). Key with workspace.';
COMMENT ON COLUMN contract_process_metrics.workflow_type IS 'The contract''s kind of workflow (type_of_workflow), for example UPLOAD_SIGN.';
COMMENT ON COLUMN contract_process_metrics.pending_with IS 'Who the contract is pending with, for example COUNTER_PARTY.';
COMMENT ON COLUMN contract_process_metrics.sent_to_counterparty_at IS 'When the contract was first sent to the counterparty (UTC).';
COMMENT ON COLUMN contract_process_metrics.counterparty_opened_review_email_at IS 'When the counterparty first opened the review email (UTC).';
COMMENT ON COLUMN contract_process_metrics.counterparty_first_update_at IS 'When the counterparty first updated contract data (UTC).';
COMMENT ON COLUMN contract_process_metrics.counterparty_latest_update_at IS 'When the counterparty last updated contract data (UTC).';
COMMENT ON COLUMN contract_process_metrics.marked_for_signature_at IS 'When the contract was made ready for signatures (UTC).';
COMMENT ON COLUMN contract_process_metrics.executed_at IS 'When the contract was executed (UTC).';
COMMENT ON COLUMN contract_process_metrics.turns IS 'Number of turns recorded on the contract.';
COMMENT ON COLUMN contract_process_metrics.last_turn_change_at IS 'When the turn last changed (UTC).';
COMMENT ON COLUMN contract_process_metrics.last_turn_change_by_email IS 'Email of the user who caused the last turn change.';
COMMENT ON COLUMN contract_process_metrics.turn_override_reason IS 'Reason given for a manual override of the turn.';
COMMENT ON COLUMN contract_process_metrics._extracted_at IS 'When the sync engine read this row from SpotDraft; an older extract never overwrites a newer one.';
COMMENT ON COLUMN contract_process_metrics._synced_at IS 'When the sync engine last changed this row (UTC); a run that finds the row unchanged leaves it, and this time, as they are.';
COMMENT ON COLUMN contract_process_metrics._run_id IS 'The sync run (sync_runs.run_id) that last wrote this row.';

CREATE TABLE IF NOT EXISTS contract_signatures (
    workspace TEXT NOT NULL,
    contract_id TEXT NOT NULL,
    signatory_email TEXT NOT NULL,
    signed_at TIMESTAMPTZ NOT NULL,
    is_creator_party BOOLEAN,
    _extracted_at TIMESTAMPTZ NOT NULL,
    _synced_at TIMESTAMPTZ NOT NULL,
    _run_id TEXT,
    _deleted BOOLEAN NOT NULL DEFAULT FALSE,
    _deleted_at TIMESTAMPTZ,
    PRIMARY KEY (workspace, contract_id, signatory_email, signed_at)
);
COMMENT ON TABLE contract_signatures IS 'Signatures of a contract (contract_signed_by_signatory_list of the process_metrics stream): one row per signature. After a sync of the contract, the rows not deleted are SpotDraft''s current set.';
COMMENT ON COLUMN contract_signatures.workspace IS 'The SpotDraft workspace. Key with contract_id.';
COMMENT ON COLUMN contract_signatures.contract_id IS 'The contract (contracts.contract_id, composite: T-<n> or H-<n>). Key with workspace.';
COMMENT ON COLUMN contract_signatures.signatory_email IS 'Email of the signatory. Key with workspace, contract_id and signed_at.';
COMMENT ON COLUMN contract_signatures.signed_at IS 'When the signatory signed (UTC). Part of the key.';
COMMENT ON COLUMN contract_signatures.is_creator_party IS 'True for a signatory of the party that created the contract, false for the counterparty.';
COMMENT ON COLUMN contract_signatures._extracted_at IS 'When the sync engine read this row from SpotDraft; an older extract never overwrites a newer one.';
COMMENT ON COLUMN contract_signatures._synced_at IS 'When the sync engine last changed this row (UTC); a run that finds the row unchanged leaves it, and this time, as they are.';
COMMENT ON COLUMN contract_signatures._run_id IS 'The sync run (sync_runs.run_id) that last wrote this row.';
COMMENT ON COLUMN contract_signatures._deleted IS 'True once the row was gone from SpotDraft''s answer at a sync of its contract (soft delete: the row stays).';
COMMENT ON COLUMN contract_signatures._deleted_at IS 'When the row was found gone; null while SpotDraft still returns it.';

CREATE TABLE IF NOT EXISTS contract_stream_state (
    workspace TEXT NOT NULL,
    contract_id TEXT NOT NULL,
    stream TEXT NOT NULL,
    contract_status TEXT,
    fingerprint TEXT,
    _extracted_at TIMESTAMPTZ NOT NULL,
    _synced_at TIMESTAMPTZ NOT NULL,
    _run_id TEXT,
    PRIMARY KEY (workspace, contract_id, stream)
);
COMMENT ON TABLE contract_stream_state IS 'What each stream of each contract last synced: the warehouse loads it in the same transaction as the stream''s rows, and runs compare it with the contract to decide what to fetch again.';
COMMENT ON COLUMN contract_stream_state.workspace IS 'The SpotDraft workspace. Key with contract_id.';
COMMENT ON COLUMN contract_stream_state.contract_id IS 'The contract (contracts.contract_id). Key with workspace and stream.';
COMMENT ON COLUMN contract_stream_state.stream IS 'The stream: key_pointers, document, process_metrics, approvals or recipients. Key with workspace and contract_id.';
COMMENT ON COLUMN contract_stream_state.contract_status IS 'The contract''s status when the stream was synced.';
COMMENT ON COLUMN contract_stream_state.fingerprint IS 'What was synced: SHA-256 of the stream''s rows, or the document''s version id.';
COMMENT ON COLUMN contract_stream_state._extracted_at IS 'When the sync engine read this row from SpotDraft; an older extract never overwrites a newer one.';
COMMENT ON COLUMN contract_stream_state._synced_at IS 'When the sync engine last changed this row (UTC); a run that finds the row unchanged leaves it, and this time, as they are.';
COMMENT ON COLUMN contract_stream_state._run_id IS 'The sync run (sync_runs.run_id) that last wrote this row.';
