-- Per-workspace state of the sync jobs, kept beside Spring Batch's tables. Re-runnable, and the same on H2 and PostgreSQL.
CREATE TABLE IF NOT EXISTS sync_watermarks (
    workspace     VARCHAR(100)             NOT NULL,
    job           VARCHAR(100)             NOT NULL,
    watermark     TIMESTAMP WITH TIME ZONE NOT NULL,
    job_execution BIGINT                   NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace, job)
);

-- One row per (workspace, job); a run holds its row locked (SELECT ... FOR UPDATE) for as long as it runs, so
-- that no two runs of the same job and workspace overlap, in this process or another pod. A process that dies
-- loses its connection, and with it the lock.
CREATE TABLE IF NOT EXISTS sync_run_locks (
    workspace VARCHAR(100) NOT NULL,
    job       VARCHAR(100) NOT NULL,
    PRIMARY KEY (workspace, job)
);
