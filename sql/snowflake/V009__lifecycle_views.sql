-- Views for the lifecycle questions analysts ask first (cycle times, approval and signature turnaround,
-- contracts waiting), and contracts_current with the owner, pending_with and executed_at from the metrics.
-- Applied once, in version order, by the migration runner (schema_migrations): never edit an
-- applied script, add the next version instead.

CREATE OR REPLACE VIEW contracts_current AS
SELECT c.contract_id, c.contract_numeric_id, c.workspace, c.contract_name, c.contract_status, c.contract_kind, c.contract_type_id, c.contract_type_name, c.counter_party_name, c.reference_id, c.contract_link, c.created_by_user_name, c.created_by_user_email, c.created_at, COALESCE(m.executed_at, c.executed_at) AS executed_at, c.external_metadata, c.document_key, c.document_sha256, c.document_bytes, c.document_version_id, c._extracted_at, c._synced_at, c._run_id, c._deleted, c._deleted_at,
    latest_owner.business_user_email AS owner_email, m.pending_with
FROM contracts AS c
LEFT JOIN contract_process_metrics AS m ON m.workspace = c.workspace AND m.contract_id = c.contract_id
LEFT JOIN (SELECT workspace, contract_id, business_user_email,
        ROW_NUMBER() OVER (PARTITION BY workspace, contract_id ORDER BY occurred_at DESC NULLS LAST, received_at DESC, event_key) AS event_rank
    FROM contract_events WHERE contract_id IS NOT NULL AND business_user_email IS NOT NULL) AS latest_owner
    ON latest_owner.workspace = c.workspace AND latest_owner.contract_id = c.contract_id AND latest_owner.event_rank = 1
WHERE c._deleted = FALSE;
COMMENT ON VIEW contracts_current IS 'Contracts that exist in SpotDraft (contracts without the soft-deleted ones), with executed_at from the process metrics when SpotDraft has them, the owner (owner_email: the business user of the contract''s latest webhook event) and pending_with (from the process metrics).';

CREATE OR REPLACE VIEW contract_cycle_times AS
SELECT c.workspace, c.contract_id, c.contract_name, c.contract_status, c.contract_type_name,
    c.created_at, m.sent_to_counterparty_at, m.marked_for_signature_at,
    COALESCE(m.executed_at, c.executed_at) AS executed_at,
    ROUND(DATEDIFF('second', c.created_at, m.sent_to_counterparty_at) / 3600.0, 2) AS hours_to_send,
    ROUND(DATEDIFF('second', m.sent_to_counterparty_at, m.marked_for_signature_at) / 3600.0, 2) AS hours_in_negotiation,
    ROUND(DATEDIFF('second', m.marked_for_signature_at, COALESCE(m.executed_at, c.executed_at)) / 3600.0, 2) AS hours_in_signature,
    ROUND(DATEDIFF('second', c.created_at, COALESCE(m.executed_at, c.executed_at)) / 3600.0, 2) AS hours_total,
    m.turns
FROM contracts AS c
LEFT JOIN contract_process_metrics AS m ON m.workspace = c.workspace AND m.contract_id = c.contract_id
WHERE c._deleted = FALSE;
COMMENT ON VIEW contract_cycle_times IS 'One row per existing contract: when it was created, sent to the counterparty, marked for signature and executed, the hours each stage took (null while a stage has not ended or was skipped) and the turns.';

CREATE OR REPLACE VIEW approval_turnaround AS
SELECT a.workspace, a.contract_id, a.approval_id, a.approval_name, a.approval_type,
    a.approver_user_id, a.approver_email, a.approver_name,
    a.last_sent_at AS sent_at, latest.acted_at AS latest_action_at,
    COALESCE(latest.action_status, a.approval_status) AS outcome, a.approval_status,
    CASE WHEN latest.acted_at >= a.last_sent_at THEN ROUND(DATEDIFF('second', a.last_sent_at, latest.acted_at) / 3600.0, 2) END AS hours_to_act
FROM contract_approvals AS a
JOIN contracts AS c ON c.workspace = a.workspace AND c.contract_id = a.contract_id AND c._deleted = FALSE
LEFT JOIN (SELECT workspace, contract_id, approval_id, action_status, acted_at,
        ROW_NUMBER() OVER (PARTITION BY workspace, contract_id, approval_id ORDER BY acted_at DESC, action_status) AS action_rank
    FROM contract_approval_actions WHERE _deleted = FALSE) AS latest
    ON latest.workspace = a.workspace AND latest.contract_id = a.contract_id AND latest.approval_id = a.approval_id
    AND latest.action_rank = 1
WHERE a._deleted = FALSE;
COMMENT ON VIEW approval_turnaround IS 'One row per approval of an existing contract: the approver, when it was (last) sent, the latest action and its time, the outcome (the latest action, else the approval''s status) and the hours from sending to that action.';

CREATE OR REPLACE VIEW signature_turnaround AS
SELECT r.workspace, r.contract_id, r.recipient_id, r.user_email AS signatory_email, r.user_name AS signatory_name,
    r.recipient_order, r.recipient_status,
    r.last_sent_for_signature_at AS sent_at, r.acted_at,
    CASE WHEN r.action_success = TRUE THEN 'SIGNED' WHEN r.action_success = FALSE THEN 'DECLINED'
        WHEN r.is_sent_for_signature = TRUE THEN 'WAITING' ELSE 'NOT_SENT' END AS outcome,
    CASE WHEN r.acted_at >= r.last_sent_for_signature_at THEN ROUND(DATEDIFF('second', r.last_sent_for_signature_at, r.acted_at) / 3600.0, 2) END AS hours_to_act
FROM contract_recipients AS r
JOIN contracts AS c ON c.workspace = r.workspace AND c.contract_id = r.contract_id AND c._deleted = FALSE
WHERE r._deleted = FALSE AND r.recipient_type = 'SIGNATORY';
COMMENT ON VIEW signature_turnaround IS 'One row per signatory (recipient of type SIGNATORY) of an existing contract: when the contract was (last) sent to them, when they acted, the outcome (SIGNED, DECLINED, WAITING, NOT_SENT) and the hours it took.';

CREATE OR REPLACE VIEW contracts_awaiting AS
SELECT c.workspace, c.contract_id, c.contract_name, c.contract_status, m.pending_with,
    CASE WHEN c.contract_status = 'SIGN' THEN signer.user_email ELSE approval.approver_email END AS waiting_on_email,
    CASE WHEN c.contract_status = 'SIGN' THEN COALESCE(m.marked_for_signature_at, m.last_turn_change_at, m.sent_to_counterparty_at, c.created_at) ELSE COALESCE(m.last_turn_change_at, m.sent_to_counterparty_at, c.created_at) END AS waiting_since,
    ROUND(DATEDIFF('second', CASE WHEN c.contract_status = 'SIGN' THEN COALESCE(m.marked_for_signature_at, m.last_turn_change_at, m.sent_to_counterparty_at, c.created_at) ELSE COALESCE(m.last_turn_change_at, m.sent_to_counterparty_at, c.created_at) END, CURRENT_TIMESTAMP) / 3600.0, 2) AS hours_waiting,
    COALESCE(pending.approvals, 0) AS pending_approvals,
    COALESCE(pending.signatories, 0) AS pending_signatories
FROM contracts AS c
LEFT JOIN contract_process_metrics AS m ON m.workspace = c.workspace AND m.contract_id = c.contract_id
LEFT JOIN (SELECT workspace, contract_id, user_email,
        ROW_NUMBER() OVER (PARTITION BY workspace, contract_id ORDER BY recipient_order, recipient_id) AS signer_rank
    FROM contract_recipients
    WHERE _deleted = FALSE AND recipient_type = 'SIGNATORY' AND recipient_status = 'IN_PROGRESS') AS signer
    ON signer.workspace = c.workspace AND signer.contract_id = c.contract_id AND signer.signer_rank = 1
LEFT JOIN (SELECT workspace, contract_id, approver_email,
        ROW_NUMBER() OVER (PARTITION BY workspace, contract_id ORDER BY last_sent_at, approval_id) AS approval_rank
    FROM contract_approvals WHERE _deleted = FALSE AND approval_status = 'PENDING') AS approval
    ON approval.workspace = c.workspace AND approval.contract_id = c.contract_id AND approval.approval_rank = 1
LEFT JOIN (SELECT workspace, contract_id, SUM(approvals) AS approvals, SUM(signatories) AS signatories FROM (
        SELECT workspace, contract_id, 1 AS approvals, 0 AS signatories FROM contract_approvals
        WHERE _deleted = FALSE AND approval_status = 'PENDING'
        UNION ALL
        SELECT workspace, contract_id, 0 AS approvals, 1 AS signatories FROM contract_recipients
        WHERE _deleted = FALSE AND recipient_type = 'SIGNATORY' AND recipient_status <> 'COMPLETED') AS open_items
    GROUP BY workspace, contract_id) AS pending
    ON pending.workspace = c.workspace AND pending.contract_id = c.contract_id
WHERE c._deleted = FALSE AND c.contract_status IN ('DRAFT', 'REDLINING', 'SIGN', 'ON_HOLD');
COMMENT ON VIEW contracts_awaiting IS 'Contracts still in progress (DRAFT, REDLINING, SIGN, ON_HOLD): who they are pending with (pending_with from the process metrics; waiting_on_email: the first signatory still to sign while in SIGN, else the approver of the earliest pending approval), since when (marked for signature while in SIGN, else the last turn change, else sent to the counterparty, else created), hours waiting so far, and the pending approvals and signatories.';
