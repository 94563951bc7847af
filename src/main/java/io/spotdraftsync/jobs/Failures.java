package io.spotdraftsync.jobs;

/** The message a person should read about a failure: its deepest cause's, which names the real problem. */
public final class Failures {

    private Failures() {
    }

    public static Throwable root(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    public static String rootMessage(Throwable failure) {
        Throwable root = root(failure);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
