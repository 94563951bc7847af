package io.spotdraftsync.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mutual exclusion of runs per (workspace, job), across processes: the holder keeps its row of
 * {@code sync_run_locks} locked by an open transaction. Works the same on H2 and PostgreSQL, and a process
 * that dies releases its locks with its connections, so a run found STARTED under a free lock was left so by
 * a dead process and may be recovered.
 */
public class RunLocks {

    private static final Logger log = LoggerFactory.getLogger(RunLocks.class);

    private final DataSource dataSource;

    public RunLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A held lock; closing it releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** The lock, or empty when another run holds it. */
    public Optional<Held> tryAcquire(String workspace, String job) {
        try {
            ensureRow(workspace, job);
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(false);
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT job FROM sync_run_locks WHERE workspace = ? AND job = ? FOR UPDATE NOWAIT")) {
                    select.setString(1, workspace);
                    select.setString(2, job);
                    try (ResultSet rows = select.executeQuery()) {
                        if (!rows.next()) {
                            throw new IllegalStateException("sync_run_locks has no row for " + workspace + "/" + job);
                        }
                    }
                }
                return Optional.of(() -> release(connection, workspace, job));
            } catch (SQLException failure) {
                release(connection, workspace, job);
                if (isLockNotAvailable(failure)) {
                    return Optional.empty();
                }
                throw failure;
            } catch (RuntimeException failure) {
                release(connection, workspace, job);
                throw failure;
            }
        } catch (SQLException failure) {
            throw new IllegalStateException("Could not take the run lock of " + job + " for workspace " + workspace
                    + " in the job repository: " + failure.getMessage(), failure);
        }
    }

    /** The lock, or {@link RunInProgressException}. */
    public Held acquire(String workspace, String job) {
        return tryAcquire(workspace, job).orElseThrow(() -> new RunInProgressException(job, workspace));
    }

    private void ensureRow(String workspace, String job) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO sync_run_locks (workspace, job) SELECT ?, ? WHERE NOT EXISTS "
                                + "(SELECT 1 FROM sync_run_locks WHERE workspace = ? AND job = ?)")) {
            connection.setAutoCommit(true);
            insert.setString(1, workspace);
            insert.setString(2, job);
            insert.setString(3, workspace);
            insert.setString(4, job);
            insert.executeUpdate();
        } catch (SQLException raced) {
            // another process inserted the same row at the same moment: the row exists, which is all we need
            if (!"23505".equals(raced.getSQLState())) {
                throw raced;
            }
        }
    }

    private static void release(Connection connection, String workspace, String job) {
        try (connection) {
            connection.rollback();
        } catch (SQLException failure) {
            // the lock goes with the connection either way
            log.debug("Releasing the run lock of {}/{}: {}", workspace, job, failure.getMessage());
        }
    }

    /** PostgreSQL 55P03 (lock_not_available); H2 50200 (lock timeout) and 90131 (concurrent update). */
    private static boolean isLockNotAvailable(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && ("55P03".equals(sql.getSQLState())
                    || sql.getErrorCode() == 50200 || sql.getErrorCode() == 90131 || "HYT00".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
