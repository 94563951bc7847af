-- Workspace reference streams (users, templates, organization entities) and the webhook event history.
-- Applied once, in version order, by the migration runner (schema_migrations): never edit an
-- applied script, add the next version instead.

CREATE TABLE IF NOT EXISTS users (
    workspace VARCHAR NOT NULL,
    user_id NUMBER(19,0) NOT NULL,
    email VARCHAR,
    user_name VARCHAR,
    designation VARCHAR,
    is_active BOOLEAN,
    roles VARIANT,
    _extracted_at TIMESTAMP_TZ NOT NULL,
    _synced_at TIMESTAMP_TZ NOT NULL,
    _run_id VARCHAR,
    _deleted BOOLEAN NOT NULL DEFAULT FALSE,
    _deleted_at TIMESTAMP_TZ,
    PRIMARY KEY (workspace, user_id)
);
COMMENT ON TABLE users IS 'Users of a workspace (GET /api/v2.1/public/auth/users/), with their roles, as last read from SpotDraft; a user no longer listed stays, flagged by _deleted.';
COMMENT ON COLUMN users.workspace IS 'The SpotDraft workspace. Key with user_id.';
COMMENT ON COLUMN users.user_id IS 'SpotDraft''s id of the user. Key with workspace.';
COMMENT ON COLUMN users.email IS 'The user''s email address.';
COMMENT ON COLUMN users.user_name IS 'The user''s full name (first and last name).';
COMMENT ON COLUMN users.designation IS 'The user''s designation (job title) in the organization.';
COMMENT ON COLUMN users.is_active IS 'False for a deactivated user (who may still own or approve contracts).';
COMMENT ON COLUMN users.roles IS 'The roles (teams) of the user, as a JSON array of {id, name, description}.';
COMMENT ON COLUMN users._extracted_at IS 'When the sync engine read this row from SpotDraft; an older extract never overwrites a newer one.';
COMMENT ON COLUMN users._synced_at IS 'When the sync engine last changed this row (UTC); a run that finds the row unchanged leaves it, and this time, as they are.';
COMMENT ON COLUMN users._run_id IS 'The sync run (sync_runs.run_id) that last wrote this row.';
COMMENT ON COLUMN users._deleted IS 'True once the user no longer appeared in SpotDraft''s listing (soft delete: the row stays); false again if it comes back.';
COMMENT ON COLUMN users._deleted_at IS 'When the user was found missing from the listing; null while it exists.';

CREATE TABLE IF NOT EXISTS templates (
    workspace VARCHAR NOT NULL,
    template_id NUMBER(19,0) NOT NULL,
    template_name VARCHAR,
    contract_type_id NUMBER(19,0),
    _extracted_at TIMESTAMP_TZ NOT NULL,
    _synced_at TIMESTAMP_TZ NOT NULL,
    _run_id VARCHAR,
    _deleted BOOLEAN NOT NULL DEFAULT FALSE,
    _deleted_at TIMESTAMP_TZ,
    PRIMARY KEY (workspace, template_id)
);
COMMENT ON TABLE templates IS 'Published contract templates of a workspace, archived ones included (GET /api/v2.1/public/templates/), as last read from SpotDraft; a template no longer listed stays, flagged by _deleted.';
COMMENT ON COLUMN templates.workspace IS 'The SpotDraft workspace. Key with template_id.';
COMMENT ON COLUMN templates.template_id IS 'SpotDraft''s id of the template. Key with workspace.';
COMMENT ON COLUMN templates.template_name IS 'The template''s name.';
COMMENT ON COLUMN templates.contract_type_id IS 'The contract type the template is mapped to (contract_types.contract_type_id).';
COMMENT ON COLUMN templates._extracted_at IS 'When the sync engine read this row from SpotDraft; an older extract never overwrites a newer one.';
COMMENT ON COLUMN templates._synced_at IS 'When the sync engine last changed this row (UTC); a run that finds the row unchanged leaves it, and this time, as they are.';
COMMENT ON COLUMN templates._run_id IS 'The sync run (sync_runs.run_id) that last wrote this row.';
COMMENT ON COLUMN templates._deleted IS 'True once the template no longer appeared in SpotDraft''s listing (soft delete: the row stays); false again if it comes back.';
COMMENT ON COLUMN templates._deleted_at IS 'When the template was found missing from the listing; null while it exists.';

CREATE TABLE IF NOT EXISTS organization_entities (
    workspace VARCHAR NOT NULL,
    entity_id NUMBER(19,0) NOT NULL,
    entity_name VARCHAR,
    reference_id VARCHAR,
    jurisdiction VARCHAR,
    organization_type VARCHAR,
    is_primary BOOLEAN,
    address VARIANT,
    _extracted_at TIMESTAMP_TZ NOT NULL,
    _synced_at TIMESTAMP_TZ NOT NULL,
    _run_id VARCHAR,
    _deleted BOOLEAN NOT NULL DEFAULT FALSE,
    _deleted_at TIMESTAMP_TZ,
    PRIMARY KEY (workspace, entity_id)
);
COMMENT ON TABLE organization_entities IS 'Legal entities of the workspace''s own organization, the party that signs on our side (GET /api/v2.1/public/organizations/entities/), as last read from SpotDraft; an entity no longer listed stays, flagged by _deleted.';
COMMENT ON COLUMN organization_entities.workspace IS 'The SpotDraft workspace. Key with entity_id.';
COMMENT ON COLUMN organization_entities.entity_id IS 'SpotDraft''s id of the entity. Key with workspace.';
COMMENT ON COLUMN organization_entities.entity_name IS 'The entity''s name as contracts show it.';
COMMENT ON COLUMN organization_entities.reference_id IS 'The entity''s reference id, which templates use to name it.';
COMMENT ON COLUMN organization_entities.jurisdiction IS 'The entity''s jurisdiction: its ISO-3166-1 alpha-2 code, or its name when SpotDraft gives no code.';
COMMENT ON COLUMN organization_entities.organization_type IS 'The entity''s company type, for example Limited Liability Company (LLC).';
COMMENT ON COLUMN organization_entities.is_primary IS 'True for the organization''s primary entity.';
COMMENT ON COLUMN organization_entities.address IS 'The entity''s primary address, as JSON.';
COMMENT ON COLUMN organization_entities._extracted_at IS 'When the sync engine read this row from SpotDraft; an older extract never overwrites a newer one.';
COMMENT ON COLUMN organization_entities._synced_at IS 'When the sync engine last changed this row (UTC); a run that finds the row unchanged leaves it, and this time, as they are.';
COMMENT ON COLUMN organization_entities._run_id IS 'The sync run (sync_runs.run_id) that last wrote this row.';
COMMENT ON COLUMN organization_entities._deleted IS 'True once the entity no longer appeared in SpotDraft''s listing (soft delete: the row stays); false again if it comes back.';
COMMENT ON COLUMN organization_entities._deleted_at IS 'When the entity was found missing from the listing; null while it exists.';

CREATE TABLE IF NOT EXISTS contract_events (
    workspace VARCHAR NOT NULL,
    event_key VARCHAR NOT NULL,
    contract_id VARCHAR,
    contract_numeric_id NUMBER(19,0),
    activity VARCHAR NOT NULL,
    performed_by_name VARCHAR,
    performed_by_email VARCHAR,
    occurred_at TIMESTAMP_TZ,
    received_at TIMESTAMP_TZ NOT NULL,
    business_user_email VARCHAR,
    legal_user_email VARCHAR,
    payload VARIANT,
    _extracted_at TIMESTAMP_TZ NOT NULL,
    _synced_at TIMESTAMP_TZ NOT NULL,
    _run_id VARCHAR,
    PRIMARY KEY (workspace, event_key)
);
COMMENT ON TABLE contract_events IS 'One row per verified webhook delivery (activity) SpotDraft sent, including those naming no contract and the e-mail delivery and open activities: history that no API call gives back later. A delivery sent twice is one row.';
COMMENT ON COLUMN contract_events.workspace IS 'The SpotDraft workspace whose webhook delivered the event. Key with event_key.';
COMMENT ON COLUMN contract_events.event_key IS 'What makes two deliveries the same event (SHA-256, hex): of the contract, activity and timestamp when the payload has all three, else of the body. Key with workspace.';
COMMENT ON COLUMN contract_events.contract_id IS 'The contract (contracts.contract_id), T-<n> or H-<n>, when the warehouse knows which family the numeric id belongs to; null otherwise (see contract_numeric_id).';
COMMENT ON COLUMN contract_events.contract_numeric_id IS 'The numeric contract id the payload carried (contract_id of the webhook); null for activities that name no contract.';
COMMENT ON COLUMN contract_events.activity IS 'The activity, one of SpotDraft''s ActivityEnum, for example CONTRACT_SIGNED, CONTRACT_APPROVAL_COMPLETED, SIGNING_EMAIL_OPENED, COUNTER_PARTY_UPDATED.';
COMMENT ON COLUMN contract_events.performed_by_name IS 'Who performed the activity (activity_data.performed_by.name); SYSTEM for system actions.';
COMMENT ON COLUMN contract_events.performed_by_email IS 'Email of who performed the activity (activity_data.performed_by.email); null for SYSTEM.';
COMMENT ON COLUMN contract_events.occurred_at IS 'When the activity happened in SpotDraft (activity_data.timestamp, UTC).';
COMMENT ON COLUMN contract_events.received_at IS 'When the webhook receiver accepted the delivery (UTC).';
COMMENT ON COLUMN contract_events.business_user_email IS 'Email of the contract''s business user (owner) as the payload named it.';
COMMENT ON COLUMN contract_events.legal_user_email IS 'Email of the contract''s legal user as the payload named it.';
COMMENT ON COLUMN contract_events.payload IS 'The delivery''s body, as JSON.';
COMMENT ON COLUMN contract_events._extracted_at IS 'When the sync engine recorded this row in the warehouse.';
COMMENT ON COLUMN contract_events._synced_at IS 'When the sync engine wrote this row (UTC); a delivery received again leaves the row as it is.';
COMMENT ON COLUMN contract_events._run_id IS 'The targeted run (sync_runs.run_id) that processed the delivery; null for deliveries that needed no run.';
