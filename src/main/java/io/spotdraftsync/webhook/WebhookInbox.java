package io.spotdraftsync.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The JDBC inbox of webhook deliveries ({@code webhook_inbox}, in the job-repository database): written by
 * the receiver before it answers, drained by the worker, rows marked done only after their run committed.
 */
public class WebhookInbox {

    static final String PENDING = "pending";
    static final String DONE = "done";

    /** What {@link #record} did. */
    public enum Recorded { NEW, DUPLICATE }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final GroupCommit groupCommit = new GroupCommit();

    public WebhookInbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.support.JdbcTransactionManager(jdbc.getDataSource()));
    }

    /** Stores a verified delivery, unless the same one (same body, or same contract, activity and time) is there. */
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
     */
    private final class GroupCommit {
        private static final int MAX_BATCH = 500;

        private record Waiting(Row row, java.util.concurrent.CompletableFuture<Recorded> done) {
        }

        private final java.util.concurrent.BlockingQueue<Waiting> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        private volatile Thread writer;

        Recorded write(Row row) {
            startWriter();
            Waiting waiting = new Waiting(row, new java.util.concurrent.CompletableFuture<>());
            queue.add(waiting);
            try {
                return waiting.done().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException failed) {
                if (failed.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(failed.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while storing a webhook event", interrupted);
            } catch (java.util.concurrent.TimeoutException slow) {
                throw new IllegalStateException("The webhook inbox did not commit within 30 s");
            }
        }

        private void startWriter() {
            if (writer == null) {
                synchronized (this) {
                    if (writer == null) {
                        Thread thread = new Thread(this::drain, "webhook-inbox-writer");
                        thread.setDaemon(true);
                        thread.start();
                        writer = thread;
                    }
                }
            }
        }

        private void drain() {
            List<Waiting> batch = new java.util.ArrayList<>(MAX_BATCH);
            while (true) {
                try {
                    batch.add(queue.take());
                } catch (InterruptedException interrupted) {
                    return;
                }
                queue.drainTo(batch, MAX_BATCH - 1);
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
                batch.clear();
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
