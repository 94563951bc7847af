-- The request budget of each SpotDraft workspace with spotdraft.rate-limit.store=postgres: one row per workspace,
-- holding the Bucket4j bucket that every process calling the workspace takes its requests from (locked with
-- SELECT ... FOR UPDATE for the few milliseconds of one take). PostgreSQL only; re-runnable. Created by
-- io.spotdraftsync.spotdraft.PostgresRequestBudget when missing. A row may be deleted at any time: the next take
-- creates it again with a full bucket (one token).
CREATE TABLE IF NOT EXISTS sync_request_budget (
    workspace VARCHAR(100) PRIMARY KEY,
    state     BYTEA
);
