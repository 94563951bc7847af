-- Attempts of webhook events (added to webhook-inbox.sql's table; re-runnable, the same on H2 and PostgreSQL). An event
-- whose targeted run failed counts an attempt, waits until next_attempt_at (a delay that grows with each attempt),
-- and after sync.webhook.max-attempts is set aside with status 'failed' and its last error, until an operator retries
-- or discards it (status 'discarded'). Finished rows ('done', 'discarded') are purged after sync.webhook.retention.
ALTER TABLE webhook_inbox ADD COLUMN IF NOT EXISTS attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE webhook_inbox ADD COLUMN IF NOT EXISTS next_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE webhook_inbox ADD COLUMN IF NOT EXISTS last_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE webhook_inbox ADD COLUMN IF NOT EXISTS last_error VARCHAR(1000);
CREATE INDEX IF NOT EXISTS webhook_inbox_finished ON webhook_inbox (status, processed_at);
