package io.spotdraftsync.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.spotdraftsync.export.ExportProperties;
import io.spotdraftsync.export.ExportRunner;
import io.spotdraftsync.jobs.RunProgressRegistry;
import io.spotdraftsync.sandbox.EmbeddedSandbox;
import io.spotdraftsync.workspace.Workspace;
import io.spotdraftsync.workspace.Workspaces;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code export [--full]}: one export of the workspace, to the end; exit 0 only when it completed. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {
            "Export contracts, their metadata and documents into the warehouse and the document store.",
            "Incremental by default (contracts changed since the last successful run; the first run is full).",
            "A run that failed or was killed is resumed from its last committed chunk.",
            "With no SpotDraft workspace configured, exports the embedded sandbox into ./data/."
        })
public class ExportCommand implements Callable<Integer> {

    @ParentCommand
    SyncCommandLine root;

    @Spec
    CommandSpec spec;

    @Option(names = "--full", description = "Read every contract, not only those changed since the last run.")
    boolean full;

    @Mixin
    WorkspaceOption workspace;

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext context = SpringLauncher.start(SyncApplication.class, WebApplicationType.NONE,
                root.springArguments(), Map.of(), new EmbeddedSandbox())) {
            ExportRunner runner = context.getBean(ExportRunner.class);
            RunProgressRegistry registry = context.getBean(RunProgressRegistry.class);
            boolean allCompleted = true;
            // several workspaces: one after another (each has its own budget; serve runs them side by side)
            for (Workspace target : workspace.targets(context.getBean(Workspaces.class), "export")) {
                ExportRunner.Outcome outcome;
                try (ProgressDisplay ignored = ProgressDisplay.show("export " + target.name(),
                        () -> registry.current("export", target.name()),
                        context.getBean(ExportProperties.class).progressInterval())) {
                    outcome = runner.run(target.name(), full, "cli");
                }
                printSummary(spec.commandLine().getOut(), outcome);
                allCompleted &= outcome.completed();
            }
            return allCompleted ? 0 : 1;
        }
    }

    static void printSummary(PrintWriter out, ExportRunner.Outcome outcome) {
        var summary = outcome.summary();
        var execution = outcome.execution();
        double seconds = execution.getStartTime() == null || execution.getEndTime() == null ? 0
                : java.time.Duration.between(execution.getStartTime(), execution.getEndTime()).toMillis() / 1000.0;
        out.printf(Locale.ROOT, "%nExport %s: %s (%s run of workspace %s) in %.1f s%n", outcome.run().runId(),
                execution.getStatus(), outcome.run().mode(), outcome.run().workspace(), seconds);
        String row = "  %-22s %,12d%n";
        out.printf(Locale.ROOT, row, "contracts read", summary.contractsRead());
        out.printf(Locale.ROOT, row, "contracts written", summary.contractsWritten());
        out.printf(Locale.ROOT, row, "contracts unchanged", summary.contractsUnchanged());
        if (summary.contractsFailed() > 0) {
            out.printf(Locale.ROOT, row, "contracts skipped", summary.contractsFailed());
        }
        out.printf(Locale.ROOT, row, "documents written", summary.documentsWritten());
        out.printf(Locale.ROOT, row, "document bytes", summary.documentBytes());
        out.printf(Locale.ROOT, row, "API calls", summary.apiCalls());
        out.printf(Locale.ROOT, row, "429 answers", summary.api429s());
        if (seconds > 0) {
            out.printf(Locale.ROOT, "  %-22s %12.2f%n", "API calls per second", summary.apiCalls() / seconds);
        }
        summary.failedContracts().forEach((contract, reason) -> out.printf("  skipped %s: %s%n", contract, reason));
        if (summary.contractsFailed() > 0) {
            out.printf("  skipped contracts are in sync_run_skips; the next export run tries them again%n");
        }
        execution.getAllFailureExceptions().stream().findFirst().ifPresent(failure ->
                out.printf("  failed: %s%n  run `export` again to resume from the last committed chunk%n",
                        io.spotdraftsync.export.ExportRunLifecycle.failureMessage(failure)));
        out.flush();
    }
}
