-- Which process owns each running job execution, and when it last checked in (sync.jobs.heartbeat-interval). A run
-- whose owner stopped checking in for sync.jobs.owner-timeout, and whose run lock (sync_run_locks) is free, was left
-- running by a process that died: serve recovers it. A row goes when its run ends, except a run stopped by its
-- process's shutdown (state HANDED_OVER) or recovered by another instance (RECOVERED): a serve instance still up then
-- resumes it and removes the row. Re-runnable, and the same on H2 and PostgreSQL.
CREATE TABLE IF NOT EXISTS sync_run_owners (
    job_execution_id BIGINT                   NOT NULL,
    instance         VARCHAR(300)             NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen        TIMESTAMP WITH TIME ZONE NOT NULL,
    state            VARCHAR(20),
    PRIMARY KEY (job_execution_id)
);
