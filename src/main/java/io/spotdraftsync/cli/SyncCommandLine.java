package io.spotdraftsync.cli;

import java.util.List;

import io.spotdraftsync.jobs.Failures;
import io.spotdraftsync.schedule.ScheduleFileException;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code spotdraft-sync} command; each capability adds a subcommand here. */
@Command(name = "spotdraft-sync",
        mixinStandardHelpOptions = true,
        versionProvider = SyncCommandLine.Version.class,
        description = {
            "Sync engine between the SpotDraft CLM API and a data platform.",
            "Every setting can also be given as --name=value after the subcommand, or as an environment variable."
        },
        subcommands = {
            SandboxCommand.class,
            CheckCommand.class,
            ExportCommand.class,
            ReconcileCommand.class,
            ImportCommand.class,
            ServeCommand.class,
            RegisterWebhookCommand.class,
        })
public class SyncCommandLine implements Runnable {

    @Spec
    CommandSpec spec;

    private List<String> springArguments = List.of();

    public static int execute(String... args) {
        SpringArguments split = SpringArguments.split(args);
        SyncCommandLine root = new SyncCommandLine();
        root.springArguments = split.propertyArguments();
        CommandLine commandLine = new CommandLine(root);
        commandLine.setExecutionExceptionHandler(SyncCommandLine::reportFailure);
        return commandLine.execute(split.commandArguments().toArray(String[]::new));
    }

    /** The {@code --name=value} arguments that go to Spring Boot. */
    public String[] springArguments() {
        return springArguments.toArray(String[]::new);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** Startup failures print the one message that names the problem, not a stack trace. */
    private static int reportFailure(Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        commandLine.getErr().println("error: " + StartupFailures.describe(failure));
        return 1;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SyncCommandLine.class.getPackage().getImplementationVersion();
            return new String[] {"spotdraft-sync " + (version == null ? "development build" : version)};
        }
    }

    /** Finds the most specific, human-readable cause of a failed start: the one that names the property. */
    static final class StartupFailures {
        private StartupFailures() {
        }

        static String describe(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof ScheduleFileException schedule) {
                    // names the file, the line and the field already
                    return schedule.getMessage();
                }
                if (cause instanceof BindValidationException validation) {
                    // our validation messages name their property already
                    return validation.getValidationErrors().getAllErrors().stream()
                            .map(error -> error.getDefaultMessage())
                            .reduce((a, b) -> a + "; " + b)
                            .orElse(validation.getMessage());
                }
                if (cause instanceof BindException bind && !(bind.getCause() instanceof BindValidationException)) {
                    String property = bind.getProperty() != null ? bind.getProperty().getName().toString() : bind.getName().toString();
                    Class<?> type = bind.getTarget() == null ? null : bind.getTarget().getType().resolve();
                    if (type != null && type.isEnum()) {
                        // "No enum constant ...SpotDraftRegion.xx" names the class, not what to write
                        return "invalid value for " + property + ": '" + (bind.getProperty() == null ? "?" : bind.getProperty().getValue())
                                + "' is not one of " + java.util.Arrays.stream(type.getEnumConstants())
                                        .map(constant -> ((Enum<?>) constant).name().toLowerCase(java.util.Locale.ROOT))
                                        .collect(java.util.stream.Collectors.joining(", "));
                    }
                    return "invalid value for " + property + ": " + Failures.rootMessage(bind);
                }
            }
            return Failures.rootMessage(failure);
        }
    }
}
