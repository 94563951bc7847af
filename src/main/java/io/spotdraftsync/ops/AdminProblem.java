package io.spotdraftsync.ops;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * An admin API error, answered as an RFC 9457 problem detail ({@code application/problem+json}) whose {@code type}
 * is {@code https://spotdraft-sync.dev/problems/<slug>}.
 */
public class AdminProblem extends RuntimeException {

    public static final String TYPE_BASE = "https://spotdraft-sync.dev/problems/";

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public AdminProblem(HttpStatus status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    /** An extension member of the problem ({@code "knownJobs": [...]}). */
    public AdminProblem with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemDetail toProblemDetail(String instance) {
        ProblemDetail problem = problem(status, slug, title, getMessage(), instance);
        properties.forEach(problem::setProperty);
        return problem;
    }

    static ProblemDetail problem(HttpStatus status, String slug, String title, String detail, String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(title);
        if (instance != null) {
            try {
                problem.setInstance(URI.create(instance));
            } catch (IllegalArgumentException notAUri) {
                // left out rather than failing the error response
            }
        }
        return problem;
    }

    static AdminProblem runNotFound(long id) {
        return new AdminProblem(HttpStatus.NOT_FOUND, "run-not-found", "Run not found", "No run with id " + id)
                .with("runId", id);
    }

    static AdminProblem invalidRequest(String detail) {
        return new AdminProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
    }
}
