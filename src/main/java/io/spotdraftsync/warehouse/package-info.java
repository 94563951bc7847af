/**
 * The warehouse: the synced tables in DuckDB (embedded default), PostgreSQL or Snowflake, picked by
 * {@code sync.warehouse.url} ({@link io.spotdraftsync.warehouse.WarehouseProperties}).
 *
 * <h2>Delivery guarantee</h2>
 * Reading is at-least-once; every write here is idempotent, so a retried or restarted chunk converges:
 * <ul>
 *   <li>a chunk's rows are staged (a temporary table filled by DuckDB's Appender or batched multi-row inserts on
 *       PostgreSQL; a gzip JSON-lines file {@code PUT} to a stage and {@code COPY INTO} a temporary table on
 *       Snowflake), never written row by row;</li>
 *   <li>one MERGE per table, in one transaction with the rest of the chunk, from a source deduplicated with
 *       {@code ROW_NUMBER() OVER (PARTITION BY key ORDER BY _extracted_at DESC, _stage_seq DESC)}: the latest
 *       extract wins, then the last row read;</li>
 *   <li>an older extract never overwrites a newer one ({@code WHEN MATCHED AND src._extracted_at >= tgt._extracted_at});</li>
 *   <li>the key pointers of each contract of a chunk are replaced as a set (removed fields are deleted), unless the
 *       warehouse holds a newer extract of that contract;</li>
 *   <li>contracts are never deleted: {@code _deleted}/{@code _deleted_at}; an extract newer than the deletion
 *       undeletes; append tables (status history, findings) insert a key once.</li>
 * </ul>
 *
 * <h2>Pieces</h2>
 * {@link io.spotdraftsync.warehouse.SqlDialect} and its three implementations are pure functions from
 * {@link io.spotdraftsync.warehouse.TableSpec}s ({@link io.spotdraftsync.warehouse.Tables}) to SQL text;
 * {@code JdbcWarehouse} runs the load plan and logs every statement at DEBUG with duration and row count (logger
 * {@code io.spotdraftsync.warehouse.SqlLog}); MERGE durations feed the timer {@code sync.warehouse.merge} (tags {@code workspace},
 * {@code table}, {@code dialect}). {@link io.spotdraftsync.warehouse.MigrationRunner} applies {@code sql/<dialect>/}.
 *
 * <h2>From a Spring Batch writer</h2>
 * <pre>{@code
 * public void write(Chunk<? extends EnrichedContract> chunk) {
 *     List<ContractRow> contracts = new ArrayList<>();
 *     List<KeyPointerRow> keyPointers = new ArrayList<>();
 *     for (EnrichedContract item : chunk) {        // one extractedAt per item, shared by its key pointers
 *         contracts.add(item.toContractRow());
 *         keyPointers.addAll(item.toKeyPointerRows());
 *     }
 *     ChunkResult result = warehouse.loadChunk(ChunkLoad.of(contracts, keyPointers));   // one transaction
 *     // count result.contracts().written() / unchanged() into the step's execution context; the watermark
 *     // advances only after this returned (the chunk is committed)
 * }
 * }</pre>
 *
 * <h2>DuckDB</h2>
 * One writing process and no reader beside it: the file is opened for each call and closed after, so an analyst
 * can open it read-only between loads (connection property {@code duckdb.read_only=true}; a {@code ?access_mode=}
 * suffix would become part of the file name). Opening and closing costs tens to a few hundred milliseconds (the
 * close checkpoints), so prefer chunks of hundreds of contracts.
 */
package io.spotdraftsync.warehouse;
