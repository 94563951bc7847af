package io.spotdraftsync.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The JDBC inbox of webhook deliveries ({@code webhook_inbox}, in the job-repository database): written by
 * the receiver before it answers, drained by the worker, rows marked done only after their run committed.
 */
public class WebhookInbox {

    private static final Logger log = LoggerFactory.getLogger(WebhookInbox.class);

    static final String PENDING = "pending";
    static final String DONE = "done";
    /** Set aside after {@code sync.webhook.max-attempts} failed attempts, until retried or discarded. */
    static final String FAILED = "failed";
    /** A failed event an operator gave up on: finished, kept for de-duplication until purged. */
    static final String DISCARDED = "discarded";
    /** Every status an event can have. */
    public static final java.util.Set<String> STATUSES = java.util.Set.of(PENDING, DONE, FAILED, DISCARDED);
    /** Longer errors are cut (the column holds 1000 characters). */
    static final int MAX_ERROR = 1000;

    /** What {@link #record} did. */
    public enum Recorded { NEW, DUPLICATE }

    /** How long a delivery waits for its row to be committed, unless told otherwise. */
    static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * The delivery's row was not committed in time (the database is slow or out of reach, or the writer stuck): the
     * delivery is not known to be stored, and is to be sent again (a row committed late makes the resend a duplicate).
     */
    public static final class WriteTimeoutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WriteTimeoutException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final GroupCommit groupCommit;

    public WebhookInbox(JdbcTemplate jdbc) {
        this(jdbc, DEFAULT_WRITE_TIMEOUT);
    }

    /** @param writeTimeout how long {@link #record} waits for its row to be committed ({@code sync.webhook.inbox-write-timeout}) */
    public WebhookInbox(JdbcTemplate jdbc, Duration writeTimeout) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.support.JdbcTransactionManager(jdbc.getDataSource()));
        this.groupCommit = new GroupCommit(writeTimeout);
    }

    /**
     * Stores a verified delivery, unless the same one (same body, or same contract, activity and time) is there.
     *
     * @throws WriteTimeoutException when the row was not committed within the write timeout
     * @throws org.springframework.dao.DataAccessException when the database refused the row
     */
    public Recorded record(String workspace, Long contractId, String activity, Instant activityAt, byte[] rawBody,
            Instant receivedAt) {
        Row row = new Row(workspace, contractId, activity, timestamp(activityAt), sha256(rawBody),
                new String(rawBody, StandardCharsets.UTF_8), timestamp(receivedAt));
        return groupCommit.write(row);
    }

    private static final String INSERT = "INSERT INTO webhook_inbox (workspace, contract_id, activity, activity_at, "
            + "body_sha256, body, received_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private record Row(String workspace, Long contractId, String activity, OffsetDateTime activityAt, String bodySha256,
            String body, OffsetDateTime receivedAt) {
    }

    /**
     * Deliveries that arrive together are inserted together: one writer thread takes every row waiting and
     * commits them in one transaction, and each caller returns once its own row is committed (so an event is
     * still stored before its 2xx). One commit per delivery capped the receiver at a few hundred per second on
     * two cores; a batch costs about the same as one row. A batch that meets a duplicate is redone row by row.
     *
     * <p>A caller waits at most the write timeout, then gives its row up and answers 503. A writer still busy with
     * a batch when a caller gives up (a database that hangs) is retired and a new one takes the rows behind it (at
     * most {@value #MAX_WRITERS} writers alive at once: each stuck one ends when its call returns); a writer that died
     * (an {@link Error}) is replaced at the next write.
     */
    private final class GroupCommit {
        private static final int MAX_BATCH = 500;
        private static final int MAX_WRITERS = 4;

        private record Waiting(Row row, java.util.concurrent.CompletableFuture<Recorded> done) {
        }

        private final java.util.concurrent.BlockingQueue<Waiting> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        private final java.util.concurrent.atomic.AtomicInteger liveWriters = new java.util.concurrent.atomic.AtomicInteger();
        private final Duration timeout;
        private volatile Writer writer;

        GroupCommit(Duration timeout) {
            this.timeout = timeout;
        }

        Recorded write(Row row) {
            Waiting waiting = new Waiting(row, new java.util.concurrent.CompletableFuture<>());
            queue.add(waiting);
            Writer current = writer;
            if (current == null || current.retired || !current.thread.isAlive()) {
                replace(current, "has stopped");
            }
            try {
                return waiting.done().get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException failed) {
                if (failed.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new WriteTimeoutException("The webhook inbox writer failed: " + failed.getCause(), failed.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                giveUp(waiting);
                throw new WriteTimeoutException("Interrupted while storing a webhook event", interrupted);
            } catch (java.util.concurrent.TimeoutException slow) {
                giveUp(waiting);
                Writer stuck = writer;
                if (stuck != null && stuck.busy) {
                    replace(stuck, "did not commit within " + timeout.toMillis() + " ms");
                }
                throw new WriteTimeoutException("The webhook inbox did not commit within " + timeout.toMillis()
                        + " ms (sync.webhook.inbox-write-timeout)", null);
            }
        }

        /** A row whose caller no longer waits is not written, unless the writer has it already. */
        private void giveUp(Waiting waiting) {
            queue.remove(waiting);
            waiting.done().cancel(false);
        }

        /** Starts a writer in place of {@code current} (null at the first write), unless another caller just did. */
        private synchronized void replace(Writer current, String why) {
            if (writer != current || liveWriters.get() >= MAX_WRITERS) {
                return;
            }
            if (current != null) {
                current.retired = true;
                log.warn("The webhook inbox writer {}; a new one takes over", why);
            }
            Writer next = new Writer();
            writer = next;
            liveWriters.incrementAndGet();
            next.thread.start();
        }

        private final class Writer {
            private final Thread thread = new Thread(this::drain, "webhook-inbox-writer");
            /** True while a batch is being written. */
            private volatile boolean busy;
            /** Set when it is replaced, or fails: it takes no more rows. */
            private volatile boolean retired;

            Writer() {
                thread.setDaemon(true);
                thread.setUncaughtExceptionHandler((dead, failure) -> log.error("The webhook inbox writer died", failure));
            }

            private void drain() {
                try {
                    List<Waiting> batch = new java.util.ArrayList<>(MAX_BATCH);
                    while (!retired) {
                        try {
                            batch.add(queue.take());
                        } catch (InterruptedException interrupted) {
                            retired = true;
                            return;
                        }
                        queue.drainTo(batch, MAX_BATCH - 1);
                        batch.removeIf(waiting -> waiting.done().isDone());
                        busy = true;
                        try {
                            write(batch);
                        } catch (Throwable failure) {
                            // the callers get their answer now rather than at their timeout; the next write starts a writer
                            retired = true;
                            batch.forEach(waiting -> waiting.done().completeExceptionally(failure));
                            throw failure;
                        } finally {
                            busy = false;
                            batch.clear();
                        }
                    }
                } finally {
                    liveWriters.decrementAndGet();
                }
            }
        }

        private void write(List<Waiting> batch) {
            if (batch.isEmpty()) {
                return;
            }
            try {
                insertTogether(batch);
                batch.forEach(waiting -> waiting.done().complete(Recorded.NEW));
            } catch (RuntimeException together) {
                // a duplicate (or one bad row) fails the whole batch: settle each row on its own
                for (Waiting waiting : batch) {
                    try {
                        jdbc.update(INSERT, values(waiting.row()));
                        waiting.done().complete(Recorded.NEW);
                    } catch (DuplicateKeyException duplicate) {
                        waiting.done().complete(Recorded.DUPLICATE);
                    } catch (RuntimeException failure) {
                        waiting.done().completeExceptionally(failure);
                    }
                }
            }
        }

        private void insertTogether(List<Waiting> batch) {
            transactions.executeWithoutResult(status -> jdbc.batchUpdate(INSERT,
                    batch.stream().map(waiting -> values(waiting.row())).toList()));
        }

        private Object[] values(Row row) {
            return new Object[] {row.workspace(), row.contractId(), row.activity(), row.activityAt(), row.bodySha256(),
                row.body(), row.receivedAt(), PENDING};
        }
    }

    private static final String COLUMNS = "id, workspace, contract_id, activity, activity_at, received_at, status, attempts, "
            + "last_attempt_at, next_attempt_at, last_error, processed_at, run_id";

    private static final org.springframework.jdbc.core.RowMapper<InboxEvent> EVENT = (row, index) -> new InboxEvent(
            row.getLong("id"), row.getString("workspace"), (Long) row.getObject("contract_id", Long.class),
            row.getString("activity"), instant(row.getObject("activity_at", OffsetDateTime.class)),
            instant(row.getObject("received_at", OffsetDateTime.class)), row.getString("status"), row.getInt("attempts"),
            instant(row.getObject("last_attempt_at", OffsetDateTime.class)),
            instant(row.getObject("next_attempt_at", OffsetDateTime.class)), row.getString("last_error"),
            instant(row.getObject("processed_at", OffsetDateTime.class)), row.getString("run_id"));

    /** The oldest pending events of a workspace, in arrival order (those waiting after a failed attempt too). */
    public List<InboxEvent> pending(String workspace, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhook_inbox WHERE workspace = ? AND status = ? ORDER BY id "
                + "FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", EVENT, workspace, PENDING);
    }

    /**
     * The pending events of a workspace that may run now: those never tried first (in arrival order), then those
     * whose wait after a failed attempt is over (in arrival order), so that events that failed before never keep
     * new ones waiting.
     */
    public List<InboxEvent> due(String workspace, int limit, Instant now) {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhook_inbox WHERE workspace = ? AND status = ? "
                + "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
                + "ORDER BY CASE WHEN attempts = 0 THEN 0 ELSE 1 END, id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                EVENT, workspace, PENDING, timestamp(now));
    }

    public java.util.Optional<InboxEvent> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhook_inbox WHERE id = ?", EVENT, id).stream().findFirst();
    }

    /**
     * Events with this status, newest first.
     *
     * @param workspace null for every workspace
     */
    public List<InboxEvent> withStatus(String workspace, String status, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhook_inbox WHERE status = ?"
                + (workspace == null ? "" : " AND workspace = ?") + " ORDER BY id DESC FETCH FIRST " + Math.max(1, limit)
                + " ROWS ONLY", EVENT, workspace == null ? new Object[] {status} : new Object[] {status, workspace});
    }

    /** What {@link #recordFailedAttempt} did: events that will be tried again, and events set aside as failed. */
    public record FailedAttempt(int retrying, int failed) {
    }

    /**
     * Counts one failed attempt of each of these pending events: an event that has now failed {@code maxAttempts}
     * times is set aside as {@code failed}; the others wait {@code delayAfter.apply(attempts)} before their next
     * attempt. Each keeps the error. An event another pod finished or counted meanwhile is left as it is.
     */
    public FailedAttempt recordFailedAttempt(Collection<InboxEvent> events, String error, Instant at, int maxAttempts,
            java.util.function.IntFunction<java.time.Duration> delayAfter) {
        String shortError = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
        int retrying = 0;
        int failed = 0;
        java.util.Map<Integer, List<Long>> byAttempts = new java.util.TreeMap<>();
        events.forEach(event -> byAttempts.computeIfAbsent(event.attempts(), attempts -> new java.util.ArrayList<>()).add(event.id()));
        for (var group : byAttempts.entrySet()) {
            int attempts = group.getKey() + 1;
            boolean setAside = attempts >= maxAttempts;
            int updated = named.update("UPDATE webhook_inbox SET attempts = :attempts, status = :status, last_error = :error, "
                    + "last_attempt_at = :at, next_attempt_at = :next WHERE id IN (:ids) AND status = :pending "
                    + "AND attempts = :before", new MapSqlParameterSource()
                    .addValue("attempts", attempts).addValue("status", setAside ? FAILED : PENDING)
                    .addValue("error", shortError).addValue("at", timestamp(at))
                    .addValue("next", setAside ? null : timestamp(at.plus(delayAfter.apply(attempts))), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                    .addValue("ids", group.getValue()).addValue("pending", PENDING).addValue("before", group.getKey()));
            if (setAside) {
                failed += updated;
            } else {
                retrying += updated;
            }
        }
        return new FailedAttempt(retrying, failed);
    }

    /**
     * A failed event goes back to pending, due at once, with its attempts counted from zero again (its last error
     * stays until the next attempt). False when the event is not failed.
     */
    public boolean retry(long id) {
        return named.update("UPDATE webhook_inbox SET status = :pending, attempts = 0, next_attempt_at = NULL "
                + "WHERE id = :id AND status = :failed", new MapSqlParameterSource().addValue("pending", PENDING)
                .addValue("id", id).addValue("failed", FAILED)) == 1;
    }

    /** {@link #retry} for every failed event of a workspace (null: of every workspace); returns how many. */
    public int retryFailed(String workspace) {
        return named.update("UPDATE webhook_inbox SET status = :pending, attempts = 0, next_attempt_at = NULL "
                + "WHERE status = :failed" + (workspace == null ? "" : " AND workspace = :workspace"),
                new MapSqlParameterSource().addValue("pending", PENDING).addValue("failed", FAILED)
                        .addValue("workspace", workspace));
    }

    /**
     * A failed event is given up on: {@code discarded}, finished at {@code at} (kept for de-duplication, then purged
     * like a processed one). False when the event is not failed.
     */
    public boolean discard(long id, Instant at) {
        return named.update("UPDATE webhook_inbox SET status = :discarded, processed_at = :at, next_attempt_at = NULL "
                + "WHERE id = :id AND status = :failed", new MapSqlParameterSource().addValue("discarded", DISCARDED)
                .addValue("at", timestamp(at)).addValue("id", id).addValue("failed", FAILED)) == 1;
    }

    /** Rows deleted per statement by {@link #purgeFinished}, so that no purge holds many locks for long. */
    static final int PURGE_BATCH = 1000;

    /**
     * Deletes the events of a workspace finished ({@code done} or {@code discarded}) before {@code finishedBefore},
     * except the newest event of each contract, whatever its age: SpotDraft can send a contract's latest event again
     * at any time (re_trigger_latest), and that row is what recognizes it as a duplicate. Pending and failed events
     * are never purged. Returns the rows deleted.
     */
    public int purgeFinished(String workspace, Instant finishedBefore) {
        int deleted = 0;
        int batch;
        do {
            batch = jdbc.update("DELETE FROM webhook_inbox WHERE id IN (SELECT finished.id FROM webhook_inbox finished "
                    + "WHERE finished.workspace = ? AND finished.status IN (?, ?) AND finished.processed_at < ? "
                    + "AND (finished.contract_id IS NULL OR EXISTS (SELECT 1 FROM webhook_inbox newer "
                    + "WHERE newer.workspace = finished.workspace AND newer.contract_id = finished.contract_id "
                    + "AND newer.id > finished.id)) ORDER BY finished.id FETCH FIRST " + PURGE_BATCH + " ROWS ONLY)",
                    workspace, DONE, DISCARDED, timestamp(finishedBefore));
            deleted += batch;
        } while (batch == PURGE_BATCH);
        return deleted;
    }

    /**
     * The unfinished events of a workspace, read from the table (so it counts every pod's deliveries and is right
     * after a restart): how many are pending, when the oldest arrived, how many of them wait after a failed attempt,
     * and the events set aside as failed.
     *
     * @param oldestReceivedAt null when nothing is pending
     * @param retrying         pending events that failed at least once
     * @param failed           events set aside as failed
     * @param failedEvents     the newest of them, newest first (at most {@link #FAILED_SHOWN})
     */
    public record Backlog(long pending, Instant oldestReceivedAt, long retrying, long failed, List<InboxEvent> failedEvents) {

        public Backlog {
            failedEvents = failedEvents == null ? List.of() : List.copyOf(failedEvents);
        }
    }

    /** Failed events listed in a {@link Backlog}; the admin API lists them all. */
    public static final int FAILED_SHOWN = 20;

    public Backlog backlog(String workspace) {
        Backlog counts = jdbc.queryForObject("SELECT "
                + "COUNT(CASE WHEN status = ? THEN 1 END) AS pending, "
                + "MIN(CASE WHEN status = ? THEN received_at END) AS oldest, "
                + "COUNT(CASE WHEN status = ? AND attempts > 0 THEN 1 END) AS retrying, "
                + "COUNT(CASE WHEN status = ? THEN 1 END) AS failed "
                + "FROM webhook_inbox WHERE workspace = ? AND status IN (?, ?)",
                (row, index) -> new Backlog(row.getLong("pending"), instant(row.getObject("oldest", OffsetDateTime.class)),
                        row.getLong("retrying"), row.getLong("failed"), List.of()),
                PENDING, PENDING, PENDING, FAILED, workspace, PENDING, FAILED);
        return counts.failed() == 0 ? counts : new Backlog(counts.pending(), counts.oldestReceivedAt(), counts.retrying(),
                counts.failed(), withStatus(workspace, FAILED, FAILED_SHOWN));
    }

    /** Marks events processed by a run that committed. */
    public int markDone(Collection<Long> ids, String runId, Instant at) {
        if (ids.isEmpty()) {
            return 0;
        }
        return named.update("UPDATE webhook_inbox SET status = :done, processed_at = :at, run_id = :run "
                + "WHERE id IN (:ids) AND status = :pending", new MapSqlParameterSource()
                .addValue("done", DONE).addValue("at", timestamp(at)).addValue("run", runId)
                .addValue("ids", ids).addValue("pending", PENDING));
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static OffsetDateTime timestamp(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC).toInstant();
    }
}
