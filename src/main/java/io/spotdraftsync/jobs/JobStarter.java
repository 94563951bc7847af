package io.spotdraftsync.jobs;

import java.util.Map;
import java.util.Set;

import org.springframework.batch.core.job.JobExecution;

/**
 * How a job is started by name with string parameters (from the admin API, a schedule file or the webhook
 * worker). Each job's configuration contributes one.
 */
public interface JobStarter {

    /** The parameter every job takes: the workspace to run for (needed only when several are configured). */
    String WORKSPACE = "workspace";

    /** The job's name as users write it: {@code export}, {@code reconcile}, {@code import}. */
    String job();

    /** The parameters this job accepts. */
    Set<String> parameterNames();

    /** Checks the parameters before anything starts; throws {@link IllegalArgumentException} naming the bad one. */
    void validate(Map<String, String> parameters);

    /**
     * The parameters as a caller who does not own the machine (the admin API) may give them: checked as {@link #validate}
     * does, then any path confined to the folders such callers are given. Returns the parameters to run with; throws
     * {@link PathNotAllowedException} for a path that would leave them.
     */
    default Map<String, String> fromApi(Map<String, String> parameters) {
        validate(parameters);
        return parameters;
    }

    /** Runs the job to its end on the calling thread (or resumes its unfinished run) and returns the execution. */
    JobExecution run(Map<String, String> parameters, String trigger) throws Exception;

    /** How a starter runs its job, given valid parameters. */
    @FunctionalInterface
    interface Run {
        JobExecution run(Map<String, String> parameters, String trigger) throws Exception;
    }

    /**
     * A starter whose parameters are the given names and {@value #WORKSPACE} (any other is refused), further checked
     * by {@code validate} (which throws {@link IllegalArgumentException} naming the bad one).
     */
    static JobStarter of(String job, Set<String> parameterNames, java.util.function.Consumer<Map<String, String>> validate,
            Run run) {
        return of(job, parameterNames, validate, java.util.function.UnaryOperator.identity(), run);
    }

    /** As {@link #of(String, Set, java.util.function.Consumer, Run)}, with {@code confine} for {@link #fromApi}. */
    static JobStarter of(String job, Set<String> parameterNames, java.util.function.Consumer<Map<String, String>> validate,
            java.util.function.UnaryOperator<Map<String, String>> confine, Run run) {
        Set<String> all = new java.util.HashSet<>(parameterNames);
        all.add(WORKSPACE);
        Set<String> names = Set.copyOf(all);
        return new JobStarter() {
            @Override
            public String job() {
                return job;
            }

            @Override
            public Set<String> parameterNames() {
                return names;
            }

            @Override
            public void validate(Map<String, String> parameters) {
                requireKnown(job, parameters, names);
                validate.accept(parameters);
            }

            @Override
            public Map<String, String> fromApi(Map<String, String> parameters) {
                validate(parameters);
                return confine.apply(parameters);
            }

            @Override
            public JobExecution run(Map<String, String> parameters, String trigger) throws Exception {
                return run.run(parameters, trigger);
            }
        };
    }

    /** A boolean parameter: absent is false; anything but true/false is an error naming it. */
    static boolean flag(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("Parameter " + name + " must be true or false, was '" + value + "'");
        };
    }

    /** Rejects names the job does not know, so that a typo in a schedule file is not silently ignored. */
    static void requireKnown(String job, Map<String, String> parameters, Set<String> known) {
        for (String name : parameters.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("Job " + job + " has no parameter '" + name + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }
}
