package io.spotdraftsync.jobs;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How runs end when the process stops, and how a run left running by a dead process is told from a live one.
 *
 * @param stopTimeout       on SIGTERM or Ctrl-C, how long running jobs are given to finish their chunk in flight and end
 *                          STOPPED before the rest of the process closes (a run still going then is resumed by the next
 *                          start, from its last committed chunk). Helm's {@code terminationGracePeriodSeconds} must exceed it.
 * @param lockWait          how long a start polls the run lock of its job and workspace while another process holds it,
 *                          before it gives up (a run of this process is always waited for): longer than a stopping pod
 *                          takes to end its run STOPPED ({@code stopTimeout} plus its chunk), so that a rolling restart's
 *                          new pod resumes it.
 * @param heartbeatInterval how often a process checks in for the runs it owns ({@code sync_run_owners.last_seen}); also
 *                          how often {@code serve} looks for runs left running by a dead process
 * @param ownerTimeout      a run whose owner has not checked in for this long is shown INTERRUPTED, and recovered once its
 *                          run lock is free too; at least twice the heartbeat interval
 */
@ConfigurationProperties("sync.jobs")
@Validated
public record JobsProperties(@DefaultValue("60s") @NotNull Duration stopTimeout,
        @DefaultValue("90s") @NotNull Duration lockWait,
        @DefaultValue("10s") @NotNull Duration heartbeatInterval, @DefaultValue("30s") @NotNull Duration ownerTimeout) {

    public JobsProperties {
        if (stopTimeout != null && stopTimeout.isNegative()) {
            throw new IllegalArgumentException("sync.jobs.stop-timeout must not be negative, was " + stopTimeout);
        }
        if (lockWait != null && lockWait.isNegative()) {
            throw new IllegalArgumentException("sync.jobs.lock-wait must not be negative, was " + lockWait);
        }
        if (heartbeatInterval != null && (heartbeatInterval.isNegative() || heartbeatInterval.toMillis() < 100)) {
            throw new IllegalArgumentException("sync.jobs.heartbeat-interval must be at least 100ms, was " + heartbeatInterval);
        }
        if (heartbeatInterval != null && ownerTimeout != null && ownerTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("sync.jobs.owner-timeout must be at least twice sync.jobs.heartbeat-interval ("
                    + heartbeatInterval + "), was " + ownerTimeout + ": one late check-in must not make a live run look dead");
        }
    }

    /** The defaults: 60 s to stop, 90 s of waiting for another process's run, a check-in every 10 s, an owner dead
     * after 30 s without one. */
    public static JobsProperties defaults() {
        return new JobsProperties(Duration.ofSeconds(60), Duration.ofSeconds(90), Duration.ofSeconds(10),
                Duration.ofSeconds(30));
    }
}
