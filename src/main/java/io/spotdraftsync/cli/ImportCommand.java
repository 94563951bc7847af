package io.spotdraftsync.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.spotdraftsync.importer.ImportProperties;
import io.spotdraftsync.importer.ImportRunner;
import io.spotdraftsync.importer.ImportSummary;
import io.spotdraftsync.sandbox.EmbeddedSandbox;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code import --manifest PATH_OR_S3_URI [--validate] [--report PATH] [--allow-files-outside-manifest-dir]}: executed
 * contracts into SpotDraft.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
            "Import executed contracts (PDFs and their metadata) listed in a manifest into SpotDraft.",
            "The manifest is CSV with a header row, or JSON Lines (.jsonl); on the local disk or s3://bucket/key.",
            "Every row is validated first; invalid rows go to the report and the others are imported.",
            "A row already imported (by source_system and source_id) is never imported twice;",
            "a run that failed or was killed is resumed from its last committed chunk."
        })
public class ImportCommand implements Callable<Integer> {

    @ParentCommand
    SyncCommandLine root;

    @Spec
    CommandSpec spec;

    @Option(names = "--manifest", required = true, paramLabel = "PATH_OR_S3_URI",
            description = "The manifest: a local path (files relative to its folder, and inside it) or s3://bucket/key"
                    + " (files are keys in that bucket).")
    String manifest;

    @Option(names = "--validate", description = "Only validate the manifest and write the report; import nothing.")
    boolean validateOnly;

    @Option(names = "--report", paramLabel = "PATH",
            description = "CSV report of the rows not imported (default ./data/import-reports/import-report-<run>.csv).")
    Path report;

    @Option(names = "--allow-files-outside-manifest-dir",
            description = "Let the manifest's file cells name files outside the manifest's folder (absolute paths, '..',"
                    + " symbolic links to elsewhere); by default such rows are reported and not imported.")
    boolean allowFilesOutsideManifestDir;

    @Mixin
    WorkspaceOption workspace;

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext context = SpringLauncher.start(SyncApplication.class, WebApplicationType.NONE,
                root.springArguments(), subcommandOptions(), new EmbeddedSandbox())) {
            ImportRunner runner = context.getBean(ImportRunner.class);
            PrintWriter out = spec.commandLine().getOut();
            String target = workspace.single(context.getBean(io.spotdraftsync.workspace.Workspaces.class), "import").name();
            if (validateOnly) {
                ImportRunner.Validation validation = runner.validate(target, manifest, report);
                out.printf(Locale.ROOT, "%nValidated %s: %,d rows, %,d valid, %,d invalid%n  report: %s%n", manifest,
                        validation.rows(), validation.valid(), validation.invalid(), validation.report());
                out.flush();
                return validation.invalid() == 0 ? 0 : 2;
            }
            ImportRunner.Outcome outcome = runner.run(target, manifest, report, "cli");
            printSummary(out, outcome);
            return outcome.completed() ? (outcome.summary().reported() == 0 ? 0 : 2) : 1;
        }
    }

    /** The option given on the command line wins over the property; left out, the property applies. */
    private Map<String, Object> subcommandOptions() {
        return allowFilesOutsideManifestDir ? Map.of(ImportProperties.ALLOW_FILES_OUTSIDE_MANIFEST_DIR, true) : Map.of();
    }

    static void printSummary(PrintWriter out, ImportRunner.Outcome outcome) {
        ImportSummary summary = outcome.summary();
        out.printf(Locale.ROOT, "%nImport %s: %s%n", outcome.runId(), outcome.execution().getStatus());
        String row = "  %-26s %,10d%n";
        out.printf(Locale.ROOT, row, "manifest rows", summary.rows());
        out.printf(Locale.ROOT, row, "invalid (not sent)", summary.invalid());
        out.printf(Locale.ROOT, row, "created", summary.created());
        out.printf(Locale.ROOT, row, "already imported", summary.alreadyImported());
        out.printf(Locale.ROOT, row, "found created, recorded", summary.recovered());
        out.printf(Locale.ROOT, row, "refused by SpotDraft", summary.rejected());
        out.printf(Locale.ROOT, row, "meta.* values refused", summary.keyPointersRejected());
        out.printf("  report: %s%n", outcome.report());
        outcome.execution().getAllFailureExceptions().stream().findFirst().ifPresent(failure ->
                out.printf("  failed: %s%n  run `import` again with the same manifest to resume; nothing is imported twice%n",
                        failure.getMessage()));
        out.flush();
    }
}
