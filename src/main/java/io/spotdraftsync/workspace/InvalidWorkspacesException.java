package io.spotdraftsync.workspace;

import java.util.List;

/** The workspace configuration is wrong: every problem, each naming its property, in one message. */
public final class InvalidWorkspacesException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidWorkspacesException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
