package io.spotdraftsync.jobs;

/**
 * A path parameter from a caller who does not own the machine (the admin API) that would read or write outside the
 * folders such callers are given: an absolute path, a {@code ..}, a symbolic link that leaves the folder.
 */
public class PathNotAllowedException extends IllegalArgumentException {

    private final String parameter;

    public PathNotAllowedException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The parameter whose value was refused. */
    public String parameter() {
        return parameter;
    }
}
