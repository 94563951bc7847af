package io.spotdraftsync.warehouse;

/** Logical column types; each dialect names its own SQL type for them. */
public enum ColumnType {
    TEXT,
    BIGINT,
    BOOLEAN,
    /** An instant, stored with time zone (UTC). */
    TIMESTAMP,
    DATE,
    DECIMAL,
    /** JSON text in Java; JSON, JSONB or VARIANT in the warehouse, plain text in staging tables. */
    JSON
}
