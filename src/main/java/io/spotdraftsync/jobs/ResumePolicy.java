package io.spotdraftsync.jobs;

import java.util.Objects;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * What a new run of a job does with an unfinished run (FAILED, STOPPED, or left running by a dead process) of the
 * same job and workspace: resume it from its last committed chunk when the new run's work is covered by it, abandon
 * it only when the new run covers its work more cheaply, or leave it for a later run that covers it.
 */
@FunctionalInterface
public interface ResumePolicy {

    /** What to do with one unfinished run, and why (said in the launcher's log line). */
    record Decision(Action action, String reason) {
        public Decision {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
        }

        public static Decision resume(String reason) {
            return new Decision(Action.RESUME, reason);
        }

        public static Decision abandon(String reason) {
            return new Decision(Action.ABANDON, reason);
        }

        public static Decision leave(String reason) {
            return new Decision(Action.LEAVE, reason);
        }
    }

    enum Action {
        /** Restart it from its last committed chunk instead of starting the new run. */
        RESUME,
        /** Mark it abandoned: the new run does its work. */
        ABANDON,
        /** Neither: it stays resumable by a later run that covers it. */
        LEAVE
    }

    /** @param unfinished an unfinished run, already recovered if it was left running */
    Decision decide(JobExecution unfinished, JobParameters requested);

    /** Resume a run of the same {@link RunLauncher#MODE}; abandon one of another mode, which the new run replaces. */
    ResumePolicy SAME_MODE = (unfinished, requested) -> {
        String before = unfinished.getJobParameters().getString(RunLauncher.MODE);
        String now = requested.getString(RunLauncher.MODE);
        return Objects.equals(before, now) ? Decision.resume("a new " + now + " run would redo its work")
                : Decision.abandon("a new " + now + " run replaces it");
    };
}
