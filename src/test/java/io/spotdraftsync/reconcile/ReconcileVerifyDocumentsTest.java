package io.spotdraftsync.reconcile;

import static io.spotdraftsync.export.ExportEndToEndTest.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import io.spotdraftsync.export.ExportRunner;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.ExportHarness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code reconcile --verify-documents} on a directory of documents: one file size per stored document, no SpotDraft call. */
class ReconcileVerifyDocumentsTest {

    @Test
    void documentsMissingOrOfAnotherSizeAreFetchedAgainAndTheCheckItselfCallsNoApi(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(150).seed(45).requestsPerSecond(0)
                .documentMinBytes(2_048).documentMaxBytes(8_192).build());
             ConfigurableApplicationContext context = ExportHarness.against(sandbox, work).with("sync.export.overlap", "0s").start()) {
            ReconcileRunner reconcile = context.getBean(ReconcileRunner.class);
            assertThat(context.getBean(ExportRunner.class).run(null, false, "test").completed()).isTrue();
            ReconcileRunner.Outcome intact = reconcile.run(null, false, false, true, "test");
            assertThat(intact.summary().findings()).as("every document as recorded").isEmpty();
            // the list (2 pages) and the changed-since listing (1 page), as without the option: the check calls no API
            long listingCalls = 3;
            assertThat(intact.summary().apiCalls()).isEqualTo(listingCalls);

            Path documents = work.resolve("documents");
            List<String> keys = documentKeys(work);
            Path truncated = documents.resolve(keys.get(0));
            Path longer = documents.resolve(keys.get(1));
            Path deleted = documents.resolve(keys.get(2));
            Files.write(truncated, Files.readAllBytes(truncated).length > 10 ? new byte[10] : new byte[1]);
            Files.write(longer, new byte[] {'\n'}, java.nio.file.StandardOpenOption.APPEND);
            Files.delete(deleted);

            ReconcileRunner.Outcome verified = reconcile.run(null, false, false, true, "test");

            assertThat(verified.completed()).isTrue();
            assertThat(verified.summary().findings()).containsExactly(java.util.Map.entry(Finding.DOCUMENT_MISMATCH, 3));
            assertThat(verified.summary().documentsWritten()).isEqualTo(3);
            System.out.printf("reconcile --verify-documents: 150 documents checked, %d findings, %d documents stored again, %d API calls"
                    + " (%d with all intact)%n", verified.summary().findings().get(Finding.DOCUMENT_MISMATCH),
                    verified.summary().documentsWritten(), verified.summary().apiCalls(), intact.summary().apiCalls());
            // the listing, plus one contract export (key pointers, download link, at most the execution date) per repair
            assertThat(verified.summary().apiCalls()).isLessThanOrEqualTo(listingCalls + 3 * 3);
            for (Path file : List.of(truncated, longer, deleted)) {
                assertThat(sha256(file)).as("restored " + file.getFileName()).isEqualTo(file.getFileName().toString().replaceAll("^\\d+-|\\.pdf$", ""));
            }
            assertThat(count(work, "SELECT count(*) FROM reconcile_findings WHERE finding = 'document-mismatch'")).isEqualTo(3);
            assertThat(reconcile.run(null, false, false, true, "test").summary().findings()).as("a second check finds nothing").isEmpty();
        }
    }

    private static List<String> documentKeys(Path work) throws Exception {
        List<String> keys = new java.util.ArrayList<>();
        try (var connection = java.sql.DriverManager.getConnection("jdbc:duckdb:" + work.resolve("warehouse.duckdb").toAbsolutePath());
             var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT document_key FROM contracts WHERE document_key IS NOT NULL ORDER BY contract_id LIMIT 3")) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
