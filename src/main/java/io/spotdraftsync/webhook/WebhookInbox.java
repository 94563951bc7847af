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

    /** The oldest pending events of a workspace, in arrival order. */
    public List<InboxEvent> pending(String workspace, int limit) {
        return jdbc.query("SELECT id, workspace, contract_id, activity, activity_at, received_at FROM webhook_inbox "
                + "WHERE workspace = ? AND status = ? ORDER BY id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                (row, index) -> new InboxEvent(row.getLong("id"), row.getString("workspace"),
                        (Long) row.getObject("contract_id", Long.class), row.getString("activity"),
                        instant(row.getObject("activity_at", OffsetDateTime.class)),
                        instant(row.getObject("received_at", OffsetDateTime.class))),
                workspace, PENDING);
    }

    /**
     * The pending events of a workspace, read from the table (so it counts every pod's deliveries and is right
     * after a restart): how many, and when the oldest arrived.
     *
     * @param oldestReceivedAt null when nothing is pending
     */
    public record Backlog(long pending, Instant oldestReceivedAt) {
    }

    public Backlog backlog(String workspace) {
        return jdbc.queryForObject("SELECT COUNT(*) AS pending, MIN(received_at) AS oldest FROM webhook_inbox "
                + "WHERE workspace = ? AND status = ?",
                (row, index) -> new Backlog(row.getLong("pending"), instant(row.getObject("oldest", OffsetDateTime.class))),
                workspace, PENDING);
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
