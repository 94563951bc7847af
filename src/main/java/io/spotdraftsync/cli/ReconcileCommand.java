package io.spotdraftsync.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.spotdraftsync.export.ExportProperties;
import io.spotdraftsync.jobs.RunProgressRegistry;
import io.spotdraftsync.reconcile.Finding;
import io.spotdraftsync.reconcile.ReconcileRunner;
import io.spotdraftsync.sandbox.EmbeddedSandbox;
import io.spotdraftsync.workspace.Workspace;
import io.spotdraftsync.workspace.Workspaces;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code reconcile [--deep] [--allow-mass-delete] [--verify-documents]}: the repair path; exit 0 only when it completed. */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {
            "Compare every contract SpotDraft lists with the warehouse and repair the differences:",
            "export missing and stale contracts, flag deleted ones (soft delete) once SpotDraft confirms by id that they",
            "are gone, restore those that came back. Costs ceil(N/100) list calls, ceil(K/100) to look up the K contracts",
            "the listing left out, plus the export of each repaired contract. Findings go to reconcile_findings."
        })
public class ReconcileCommand implements Callable<Integer> {

    @ParentCommand
    SyncCommandLine root;

    @Spec
    CommandSpec spec;

    @Option(names = "--deep", description = "Also compare document versions (one download_link call per contract) and re-fetch stale documents.")
    boolean deep;

    @Option(names = "--allow-mass-delete",
            description = "Soft-delete even when more than sync.reconcile.max-delete-fraction of the rows (or all) would go.")
    boolean allowMassDelete;

    @Option(names = "--verify-documents",
            description = "Also check that the document store holds every stored document at its recorded size (one HeadObject, or file size, each; no SpotDraft call), and fetch again and store the ones that differ.")
    boolean verifyDocuments;

    @Mixin
    WorkspaceOption workspace;

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext context = SpringLauncher.start(SyncApplication.class, WebApplicationType.NONE,
                root.springArguments(), Map.of(), new EmbeddedSandbox())) {
            ReconcileRunner runner = context.getBean(ReconcileRunner.class);
            RunProgressRegistry registry = context.getBean(RunProgressRegistry.class);
            boolean allCompleted = true;
            for (Workspace target : workspace.targets(context.getBean(Workspaces.class), "reconcile")) {
                ReconcileRunner.Outcome outcome;
                try (ProgressDisplay ignored = ProgressDisplay.show("reconcile " + target.name(),
                        () -> registry.current("reconcile", target.name()),
                        context.getBean(ExportProperties.class).progressInterval())) {
                    outcome = runner.run(target.name(), deep, allowMassDelete, verifyDocuments, "cli");
                }
                printSummary(spec.commandLine().getOut(), outcome);
                allCompleted &= outcome.completed();
            }
            return allCompleted ? 0 : 1;
        }
    }

    static void printSummary(PrintWriter out, ReconcileRunner.Outcome outcome) {
        var summary = outcome.summary();
        out.printf(Locale.ROOT, "%nReconcile %s: %s (%s, workspace %s)%n", outcome.run().runId(), outcome.execution().getStatus(),
                outcome.run().mode(), outcome.run().workspace());
        String row = "  %-22s %,10d  %s%n";
        out.printf(Locale.ROOT, row, "contracts listed", summary.listed(), "");
        for (Finding finding : Finding.values()) {
            out.printf(Locale.ROOT, row, finding.label(), summary.findings().getOrDefault(finding, 0), finding.action());
        }
        out.printf(Locale.ROOT, row, "repairs written", summary.repairsWritten(), "rows that changed");
        out.printf(Locale.ROOT, row, "documents written", summary.documentsWritten(), "");
        out.printf(Locale.ROOT, row, "API calls", summary.apiCalls(), "");
        out.printf(Locale.ROOT, row, "  of which by id", summary.confirmationCalls(), "looking up contracts the listing left out");
        out.printf(Locale.ROOT, row, "429 answers", summary.api429s(), "");
        outcome.execution().getAllFailureExceptions().stream().findFirst()
                .ifPresent(failure -> out.printf("  failed: %s%n", io.spotdraftsync.jobs.Failures.rootMessage(failure)));
        out.flush();
    }
}
