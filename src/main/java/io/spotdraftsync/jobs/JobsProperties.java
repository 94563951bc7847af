package io.spotdraftsync.jobs;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How runs end when the process stops.
 *
 * @param stopTimeout on SIGTERM or Ctrl-C, how long running jobs are given to finish their chunk in flight and end
 *                    STOPPED before the rest of the process closes (a run still going then is resumed by the next
 *                    start, from its last committed chunk). Helm's {@code terminationGracePeriodSeconds} must exceed it.
 * @param lockWait    how long a start polls the run lock of its job and workspace while another process holds it, before
 *                    it gives up (a run of this process is always waited for): longer than a stopping pod takes to end its
 *                    run STOPPED ({@code stopTimeout} plus its chunk), so that a rolling restart's new pod resumes it.
 */
@ConfigurationProperties("sync.jobs")
@Validated
public record JobsProperties(@DefaultValue("60s") @NotNull Duration stopTimeout,
        @DefaultValue("90s") @NotNull Duration lockWait) {

    public JobsProperties {
        if (stopTimeout != null && stopTimeout.isNegative()) {
            throw new IllegalArgumentException("sync.jobs.stop-timeout must not be negative, was " + stopTimeout);
        }
        if (lockWait != null && lockWait.isNegative()) {
            throw new IllegalArgumentException("sync.jobs.lock-wait must not be negative, was " + lockWait);
        }
    }
}
