package io.spotdraftsync.ops;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import io.spotdraftsync.jobs.Failures;
import io.spotdraftsync.jobs.RunInProgressException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every error of the admin API as an RFC 9457 problem detail; applies to this package's controllers only. */
@RestControllerAdvice(basePackageClasses = AdminController.class)
public class AdminProblems {

    private static final Logger log = LoggerFactory.getLogger(AdminProblems.class);

    @ExceptionHandler(AdminProblem.class)
    ResponseEntity<ProblemDetail> problem(AdminProblem problem, HttpServletRequest request) {
        return respond(problem.toProblemDetail(request.getRequestURI()));
    }

    @ExceptionHandler(RunInProgressException.class)
    ResponseEntity<ProblemDetail> runInProgress(RunInProgressException running, HttpServletRequest request) {
        ProblemDetail problem = AdminProblem.problem(HttpStatus.CONFLICT, "run-in-progress", "Run in progress",
                running.getMessage(), request.getRequestURI());
        problem.setProperty("job", running.job());
        problem.setProperty("workspace", running.workspace());
        return respond(problem);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException unreadable, HttpServletRequest request) {
        // Jackson's message names the line and column but also echoes the input: keep it short
        String cause = Failures.rootMessage(unreadable).lines().findFirst().orElse("");
        return respond(AdminProblem.problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request body",
                "The request body is not valid JSON: " + cause, request.getRequestURI()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException mismatch, HttpServletRequest request) {
        ProblemDetail problem = AdminProblem.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                mismatch.getName() + " must be " + (mismatch.getRequiredType() == null ? "valid"
                        : "a " + mismatch.getRequiredType().getSimpleName().toLowerCase(Locale.ROOT))
                        + ", was '" + mismatch.getValue() + "'", request.getRequestURI());
        problem.setProperty("parameter", mismatch.getName());
        return respond(problem);
    }

    /** Spring MVC's own errors (unsupported media type, ...) keep their status and detail; anything else is a 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> other(Exception failure, HttpServletRequest request) {
        if (failure instanceof ErrorResponse error) {
            HttpStatus status = HttpStatus.resolve(error.getStatusCode().value());
            if (status != null) {
                ProblemDetail problem = AdminProblem.problem(status, status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-'),
                        status.getReasonPhrase(), error.getBody().getDetail(), request.getRequestURI());
                return ResponseEntity.status(status).headers(error.getHeaders()).body(problem);
            }
        }
        log.error("Admin API: {} {} failed", request.getMethod(), request.getRequestURI(), failure);
        return respond(AdminProblem.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                Failures.rootMessage(failure), request.getRequestURI()));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
