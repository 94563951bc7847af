package io.spotdraftsync.ops;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;

import io.spotdraftsync.jobs.JobRuns;
import io.spotdraftsync.jobs.JobStarter;
import io.spotdraftsync.jobs.PathNotAllowedException;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/**
 * The admin API: start, list, inspect, stop and restart runs. Authentication is {@link BearerTokenFilter}'s; errors
 * are problem details ({@link AdminProblems}).
 */
@RestController
@RequestMapping("/api")
public class AdminController {

    static final String TRIGGER = "api";

    private final JobRuns runs;
    private final RunViews views;
    private final io.spotdraftsync.workspace.Workspaces workspaces;

    public AdminController(JobRuns runs, RunViews views, io.spotdraftsync.workspace.Workspaces workspaces) {
        this.runs = runs;
        this.views = views;
        this.workspaces = workspaces;
    }

    /** The jobs and the parameters each accepts. */
    @GetMapping("/jobs")
    public Map<String, Object> jobs() {
        List<Map<String, Object>> jobs = runs.jobs().stream().map(job -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("job", job);
            entry.put("parameters", new TreeSet<>(runs.starter(job).parameterNames()));
            return entry;
        }).toList();
        return Map.of("jobs", jobs, "workspaces", workspaces.all().stream().map(workspace -> Map.of(
                "workspace", workspace.name(), "jobs", new TreeSet<>(workspace.jobs()))).toList());
    }

    /** Starts a run in the background: 202 with the run as it is once it exists. */
    @PostMapping("/jobs/{job}/runs")
    public ResponseEntity<RunView> start(@PathVariable String job, @RequestBody(required = false) JsonNode body,
            HttpServletRequest request) throws Exception {
        if (!runs.jobs().contains(job)) {
            throw new AdminProblem(HttpStatus.NOT_FOUND, "unknown-job", "Unknown job",
                    "There is no job '" + job + "' (known: " + String.join(", ", runs.jobs()) + ")")
                    .with("knownJobs", runs.jobs());
        }
        JobStarter starter = runs.starter(job);
        Map<String, String> parameters = parameters(body);
        try {
            // paths are confined to the folders the API may read and write (an import's manifest and report)
            parameters = starter.fromApi(parameters);
            // no workspace is fine with one; with several the request must name one
            workspaces.forJob(parameters.get(JobStarter.WORKSPACE), job);
        } catch (PathNotAllowedException refused) {
            throw new AdminProblem(HttpStatus.BAD_REQUEST, "path-not-allowed", "Path not allowed", refused.getMessage())
                    .with("job", job).with("parameter", refused.parameter());
        } catch (IllegalArgumentException invalid) {
            throw invalidParameter(starter, invalid.getMessage());
        }
        JobExecution execution = runs.submit(job, parameters, TRIGGER);
        return accepted(execution, request);
    }

    @GetMapping("/runs")
    public Map<String, Object> list(@RequestParam(required = false) String job, @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit) {
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > RunViews.MAX_LIMIT) {
            throw AdminProblem.invalidRequest("Query parameter limit must be between 1 and " + RunViews.MAX_LIMIT + ", was " + size)
                    .with("parameter", "limit");
        }
        BatchStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = BatchStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw AdminProblem.invalidRequest("Query parameter status must be one of " + List.of(BatchStatus.values())
                        + ", was '" + status + "'").with("parameter", "status");
            }
        }
        String jobName = job == null || job.isBlank() ? null : job.strip();
        return Map.of("runs", views.list(jobName, wanted, size));
    }

    @GetMapping("/runs/{id}")
    public RunView run(@PathVariable long id) {
        return views.find(id).orElseThrow(() -> AdminProblem.runNotFound(id));
    }

    /** Asks a running run to stop after its current chunk; it ends STOPPED and can be restarted. */
    @PostMapping("/runs/{id}/stop")
    public ResponseEntity<RunView> stop(@PathVariable long id, HttpServletRequest request) throws Exception {
        JobExecution execution = runs.execution(id).orElseThrow(() -> AdminProblem.runNotFound(id));
        if (execution.getStatus() == BatchStatus.STOPPED && runs.inFlight(id)) {
            // already asked to stop, still finishing its chunk: asking again changes nothing
            return ResponseEntity.accepted().location(location(request, id)).body(run(id));
        }
        if (!execution.getStatus().isRunning()) {
            throw notRunning(id, execution.getStatus());
        }
        try {
            runs.stop(id);
        } catch (IllegalStateException over) {
            throw notRunning(id, runs.execution(id).map(JobExecution::getStatus).orElse(execution.getStatus()));
        }
        return ResponseEntity.accepted().location(location(request, id)).body(run(id));
    }

    /** Restarts a FAILED or STOPPED run from its last committed chunk, as a new execution. */
    @PostMapping("/runs/{id}/restart")
    public ResponseEntity<RunView> restart(@PathVariable long id, HttpServletRequest request) throws Exception {
        runs.execution(id).orElseThrow(() -> AdminProblem.runNotFound(id));
        JobExecution restarted;
        try {
            restarted = runs.restart(id);
        } catch (NoSuchElementException gone) {
            throw AdminProblem.runNotFound(id);
        } catch (IllegalStateException | JobRestartException | JobInstanceAlreadyCompleteException refused) {
            throw new AdminProblem(HttpStatus.CONFLICT, "run-not-restartable", "Run cannot be restarted",
                    io.spotdraftsync.jobs.Failures.rootMessage(refused)).with("runId", id);
        }
        return accepted(restarted, request);
    }

    /** Anything else under /api: a problem detail too, not the servlet container's error page. */
    @RequestMapping("/**")
    public void unknown(HttpServletRequest request) {
        throw new AdminProblem(HttpStatus.NOT_FOUND, "no-such-endpoint", "No such endpoint",
                "The admin API has no " + request.getMethod() + " " + request.getRequestURI()
                        + " (it has GET /api/jobs, POST /api/jobs/{job}/runs, GET /api/runs, GET /api/runs/{id}, "
                        + "POST /api/runs/{id}/stop, POST /api/runs/{id}/restart, GET /api/status, GET /api/webhook-events, "
                        + "GET /api/webhook-events/{id}, POST /api/webhook-events/{id}/retry, "
                        + "POST /api/webhook-events/{id}/discard, POST /api/webhook-events/retry-failed)");
    }

    private ResponseEntity<RunView> accepted(JobExecution execution, HttpServletRequest request) {
        long id = execution.getId();
        RunView view = views.find(id).orElseGet(() -> views.view(execution));
        return ResponseEntity.accepted().location(location(request, id)).body(view);
    }

    private static URI location(HttpServletRequest request, long id) {
        return URI.create(request.getContextPath() + "/api/runs/" + id);
    }

    private static AdminProblem notRunning(long id, BatchStatus status) {
        return new AdminProblem(HttpStatus.CONFLICT, "run-not-running", "Run is not running",
                "Run " + id + " is " + status + ": only a running run can be stopped").with("runId", id).with("runStatus", status.name());
    }

    private static AdminProblem invalidParameter(JobStarter starter, String detail) {
        return new AdminProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid job parameter", detail)
                .with("job", starter.job()).with("knownParameters", new TreeSet<>(starter.parameterNames()));
    }

    /**
     * The optional body {@code {"parameters": {"name": "value", ...}}}: values are strings, or booleans and numbers
     * taken as their text. Anything else in the body is an error, so that a misspelt key is not silently ignored.
     */
    static Map<String, String> parameters(JsonNode body) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (body == null || body.isNull() || body.isMissingNode()) {
            return parameters;
        }
        if (!body.isObject()) {
            throw AdminProblem.invalidRequest("The request body must be a JSON object such as {\"parameters\": {\"full\": \"true\"}}");
        }
        for (String name : body.propertyNames()) {
            if (!name.equals("parameters")) {
                throw AdminProblem.invalidRequest("Unknown field '" + name + "' in the request body (known: parameters)");
            }
        }
        JsonNode given = body.get("parameters");
        if (given == null || given.isNull()) {
            return parameters;
        }
        if (!given.isObject()) {
            throw AdminProblem.invalidRequest("\"parameters\" must be a JSON object of names and values, such as {\"full\": \"true\"}");
        }
        for (Map.Entry<String, JsonNode> entry : given.properties()) {
            JsonNode value = entry.getValue();
            if (value.isString()) {
                parameters.put(entry.getKey(), value.stringValue());
            } else if (value.isBoolean() || value.isNumber()) {
                parameters.put(entry.getKey(), value.asString());
            } else {
                throw new AdminProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid job parameter",
                        "Parameter " + entry.getKey() + " must be a string, number or boolean").with("parameter", entry.getKey());
            }
        }
        return parameters;
    }
}
