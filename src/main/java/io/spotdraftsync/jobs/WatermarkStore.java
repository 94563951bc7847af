package io.spotdraftsync.jobs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The incremental watermark of each workspace and job: the start time of its last successful run. It is
 * written only once a run's writes have committed, so a crashed run leaves the previous one in place and
 * the next run reads the same changes again (merged idempotently).
 */
public class WatermarkStore {

    private final JdbcTemplate jdbc;

    public WatermarkStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Instant> watermark(String workspace, String job) {
        List<Timestamp> found = jdbc.queryForList(
                "SELECT watermark FROM sync_watermarks WHERE workspace = ? AND job = ?", Timestamp.class, workspace, job);
        return found.stream().findFirst().map(Timestamp::toInstant);
    }

    /** Every watermark of a workspace, by job. */
    public Map<String, Instant> watermarks(String workspace) {
        Map<String, Instant> found = new HashMap<>();
        jdbc.query("SELECT job, watermark FROM sync_watermarks WHERE workspace = ?",
                row -> {
                    found.put(row.getString(1), row.getTimestamp(2).toInstant());
                }, workspace);
        return found;
    }

    /** Moves the watermark forward only: a late, older run never moves it back. */
    public void advance(String workspace, String job, Instant watermark, long jobExecutionId) {
        Timestamp value = Timestamp.from(watermark);
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.update("UPDATE sync_watermarks SET watermark = ?, job_execution = ?, updated_at = ? "
                + "WHERE workspace = ? AND job = ? AND watermark <= ?", value, jobExecutionId, now, workspace, job, value);
        if (updated == 0 && watermark(workspace, job).isEmpty()) {
            jdbc.update("INSERT INTO sync_watermarks (workspace, job, watermark, job_execution, updated_at) VALUES (?, ?, ?, ?, ?)",
                    workspace, job, value, jobExecutionId, now);
        }
    }
}
