package io.spotdraftsync.importer;

import java.util.List;
import java.util.function.Supplier;

import io.spotdraftsync.spotdraft.SpotDraftClient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * The valid rows of the manifest. Opening it reads and validates the whole manifest (contract types and
 * entities read once from SpotDraft) and, on a run's first open only, writes the rejected rows to the report.
 * A resumed run validates again (same manifest, same answer) and skips the rows its committed chunks read.
 */
public class ImportItemReader extends AbstractItemCountingItemStreamItemReader<ImportItem> {

    private static final Logger log = LoggerFactory.getLogger(ImportItemReader.class);
    static final String VALIDATED = "import.validated";
    static final String ROWS = "import.rows";
    static final String INVALID = "import.invalid";

    private final ManifestLocation manifest;
    private final Supplier<S3Client> s3;
    private final SpotDraftClient client;
    private final ImportReport report;
    private final boolean filesOutsideManifestDir;
    private SourceFiles files;
    private List<ImportItem> items = List.of();
    private ImportValidator.Result validation;
    private boolean firstOpen;

    public ImportItemReader(ManifestLocation manifest, Supplier<S3Client> s3, SpotDraftClient client, ImportReport report,
            boolean filesOutsideManifestDir) {
        this.manifest = manifest;
        this.s3 = s3;
        this.client = client;
        this.report = report;
        this.filesOutsideManifestDir = filesOutsideManifestDir;
        setName("importManifest");
    }

    /** The files of the manifest, for the writer; valid once the reader is open. */
    public SourceFiles files() {
        return files;
    }

    @Override
    public void open(ExecutionContext context) {
        firstOpen = !context.containsKey(VALIDATED);
        super.open(context);
    }

    @Override
    protected void doOpen() throws Exception {
        files = SourceFiles.of(manifest, s3, filesOutsideManifestDir);
        validation = validate(manifest, files, client);
        items = validation.valid();
        if (firstOpen) {
            report.create();
            report.append(validation.rejected());
        }
        log.info("Manifest {}: {} rows, {} valid, {} rejected (report {})", manifest.describe(),
                items.size() + validation.rejected().size(), items.size(), validation.rejected().size(), report.path());
    }

    static ImportValidator.Result validate(ManifestLocation manifest, SourceFiles files, SpotDraftClient client) throws Exception {
        List<ManifestRow> rows = ManifestReader.read(files.openManifest(), manifest.jsonLines(), manifest.describe());
        return new ImportValidator(files, client.contractTypes(), client.organizationEntities()).validate(rows);
    }

    @Override
    public void update(ExecutionContext context) {
        super.update(context);
        context.putString(VALIDATED, "true");
        if (validation != null) {
            context.putLong(ROWS, (long) items.size() + validation.rejected().size());
            context.putLong(INVALID, validation.rejected().size());
        }
    }

    @Override
    protected ImportItem doRead() {
        int index = getCurrentItemCount() - 1;
        return index < items.size() ? items.get(index) : null;
    }

    @Override
    protected void jumpToItem(int itemIndex) {
        // rows are in memory: doRead indexes by the current count, which the superclass has already set
    }

    @Override
    protected void doClose() {
        if (files != null) {
            files.close();
            files = null;
        }
    }
}
