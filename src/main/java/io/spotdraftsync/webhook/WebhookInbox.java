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
import java.util.Optional;

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

    /** The backlog of a workspace: how many events wait, and since when. */
    public record Backlog(long pending, Optional<Instant> oldestReceivedAt) {
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public WebhookInbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** Stores a verified delivery, unless the same one (same body, or same contract, activity and time) is there. */
    public Recorded record(String workspace, Long contractId, String activity, Instant activityAt, byte[] rawBody,
            Instant receivedAt) {
        try {
            jdbc.update("INSERT INTO webhook_inbox (workspace, contract_id, activity, activity_at, body_sha256, body, "
                    + "received_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    workspace, contractId, activity, timestamp(activityAt), sha256(rawBody),
                    new String(rawBody, StandardCharsets.UTF_8), timestamp(receivedAt), PENDING);
            return Recorded.NEW;
        } catch (DuplicateKeyException duplicate) {
            return Recorded.DUPLICATE;
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

    public Backlog backlog(String workspace) {
        return jdbc.queryForObject("SELECT COUNT(*) AS pending, MIN(received_at) AS oldest FROM webhook_inbox "
                + "WHERE workspace = ? AND status = ?",
                (row, index) -> new Backlog(row.getLong("pending"),
                        Optional.ofNullable(instant(row.getObject("oldest", OffsetDateTime.class)))),
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

    /** Every stored row of a workspace, pending or done (for tests and the admin views). */
    public long count(String workspace) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM webhook_inbox WHERE workspace = ?", Long.class, workspace);
        return count == null ? 0 : count;
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
