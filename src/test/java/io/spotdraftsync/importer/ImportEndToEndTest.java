package io.spotdraftsync.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.spotdraftsync.sandbox.SandboxContract;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.ExportHarness;
import io.spotdraftsync.testsupport.S3MockServer;
import io.spotdraftsync.warehouse.Warehouse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The import job end to end against the sandbox and DuckDB: a manifest with bad rows, a re-run, a crash between
 * the create and the mapping write, and a manifest in S3.
 */
class ImportEndToEndTest {

    private static final S3MockServer S3 = new S3MockServer();

    @BeforeAll
    static void startS3() {
        S3.start();
        System.setProperty("aws.accessKeyId", S3MockServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3MockServer.SECRET_KEY);
    }

    @AfterAll
    static void stopS3() {
        S3.close();
    }

    private static SpotDraftSandbox sandbox() {
        return SpotDraftSandbox.start(SandboxSettings.builder().contracts(20).seed(7).requestsPerSecond(0).build());
    }

    /** Contracts the import made (the sandbox seeds some H- contracts of its own, without our integration name). */
    private static long imported(SpotDraftSandbox sandbox) {
        return ours(sandbox).size();
    }

    private static List<SandboxContract> ours(SpotDraftSandbox sandbox) {
        return sandbox.contracts().stream().filter(contract -> contract.compositeId().startsWith("H-"))
                .filter(contract -> List.of("legacy-dms", "s3-dms").contains(contract.externalMetadata().get("integration_name")))
                .toList();
    }

    static byte[] pdf(String title) {
        return ("%PDF-1.4\n% " + title + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    static final String HEADER = "source_id,source_system,file,contract_name,contract_type,organization_entity,"
            + "counterparty_organization,counterparty_individual,contact_first_name,contact_last_name,contact_email,"
            + "execution_date,meta.department";

    static String row(String id, String file, String name, String type, String entity, String date) {
        return String.join(",", id, "legacy-dms", file, name, type, entity, "Acme " + id, "false", "Ann", "Lee",
                "ann.lee@acme.example", date, "Legal");
    }

    /** 500 rows; 20 bad ones of seven kinds, with the reason each must be reported with. */
    static Map<String, String> writeManifest(Path directory, List<String> lines) throws IOException {
        Files.createDirectories(directory.resolve("pdfs"));
        for (int i = 0; i < 5; i++) {
            Files.write(directory.resolve("pdfs/c" + i + ".pdf"), pdf("contract " + i));
        }
        Files.writeString(directory.resolve("pdfs/notes.txt"), "just text, not a PDF");
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        lines.add(HEADER);
        for (int n = 1; n <= 500; n++) {
            String id = "S-" + n;
            String file = "pdfs/c" + (n % 5) + ".pdf";
            String type = n % 2 == 0 ? "Non-Disclosure Agreement" : "100";
            String entity = n % 3 == 0 ? "northwind holdings inc." : "78";
            String date = "2024-01-15";
            String name = "Contract " + n;
            if (n <= 140 && n % 7 == 0) {
                switch ((n / 7) % 7) {
                    case 0 -> { file = "pdfs/missing-" + n + ".pdf"; expected.put(id, "file not found"); }
                    case 1 -> { file = "pdfs/notes.txt"; expected.put(id, "is not a PDF"); }
                    case 2 -> { type = "Lease Agreement"; expected.put(id, "unknown contract type 'Lease Agreement'"); }
                    case 3 -> { entity = "Southwind Ltd"; expected.put(id, "unknown organization entity 'Southwind Ltd'"); }
                    case 4 -> { date = "15/01/2024"; expected.put(id, "is not a date in the form YYYY-MM-DD"); }
                    case 5 -> { id = "S-" + (n - 1); expected.put("dup-" + n, "duplicate source_id 'S-" + (n - 1) + "'"); }
                    default -> { name = ""; expected.put(id, "contract_name is missing"); }
                }
            }
            lines.add(row(id, file, name, type, entity, date));
        }
        Files.write(directory.resolve("manifest.csv"), lines);
        return expected;
    }

    @Test
    void fiveHundredRowsWithTwentyBadOnesImport480AndReport20ThenARerunCreatesNothing(@TempDir Path work) throws Exception {
        Path manifest = work.resolve("in");
        Map<String, String> expected = writeManifest(manifest, new ArrayList<>());
        assertThat(expected).hasSize(20);
        try (SpotDraftSandbox sandbox = sandbox()) {
            ExportHarness harness = ExportHarness.against(sandbox, work);
            Path report = work.resolve("report.csv");
            ImportRunner.Outcome first;
            try (ConfigurableApplicationContext context = harness.start()) {
                first = context.getBean(ImportRunner.class).run(null, manifest.resolve("manifest.csv").toString(), report, "test");
            }
            assertThat(first.completed()).isTrue();
            assertThat(first.summary().rows()).isEqualTo(500);
            assertThat(first.summary().invalid()).isEqualTo(20);
            assertThat(first.summary().created()).isEqualTo(480);
            assertThat(imported(sandbox)).isEqualTo(480);

            List<String> lines = Files.readAllLines(report);
            assertThat(lines.get(0)).isEqualTo("row,source_id,source_system,stage,reason");
            assertThat(lines).hasSize(21);
            for (Map.Entry<String, String> bad : expected.entrySet()) {
                String id = bad.getKey().startsWith("dup-") ? null : bad.getKey();
                String rowNumber = bad.getKey().startsWith("dup-") ? bad.getKey().substring(4) : bad.getKey().substring(2);
                assertThat(lines).as(bad.getKey()).anySatisfy(line -> {
                    assertThat(line).startsWith(rowNumber + ",").contains(",validation,").contains(bad.getValue());
                    if (id != null) {
                        assertThat(line).contains("," + id + ",");
                    }
                });
            }
            assertThat(ours(sandbox)).allSatisfy(contract -> assertThat(contract.externalMetadata().get("id")).asString().startsWith("S-"));

            ImportRunner.Outcome again;
            try (ConfigurableApplicationContext context = harness.start()) {
                again = context.getBean(ImportRunner.class).run(null, manifest.resolve("manifest.csv").toString(),
                        work.resolve("report-2.csv"), "test");
                assertThat(context.getBean(Warehouse.class).importedContracts("acme", "legacy-dms")).hasSize(480);
            }
            assertThat(again.completed()).isTrue();
            assertThat(again.runId()).isNotEqualTo(first.runId());
            assertThat(again.summary().created()).isZero();
            assertThat(again.summary().alreadyImported()).isEqualTo(480);
            assertThat(imported(sandbox)).isEqualTo(480);
        }
    }

    @Test
    void aCrashBetweenTheCreateAndTheMappingWriteLeavesNoDuplicateAfterTheRerun(@TempDir Path work) throws Exception {
        Path manifest = work.resolve("in");
        Files.createDirectories(manifest);
        Files.write(manifest.resolve("c.pdf"), pdf("contract"));
        List<String> lines = new ArrayList<>(List.of(HEADER));
        for (int n = 1; n <= 30; n++) {
            lines.add(row("X-" + n, "c.pdf", "Contract " + n, "100", "78", "2023-03-01"));
        }
        Files.write(manifest.resolve("manifest.csv"), lines);
        try (SpotDraftSandbox sandbox = sandbox()) {
            ExportHarness harness = ExportHarness.against(sandbox, work).with("sync.import.chunk-size", 10);
            AtomicInteger mappingWrites = new AtomicInteger();
            ImportRunner.Outcome failed;
            try (ConfigurableApplicationContext context = harness.start(failingMappingWrite(mappingWrites, 2))) {
                failed = context.getBean(ImportRunner.class).run(null, manifest.resolve("manifest.csv").toString(),
                        work.resolve("report.csv"), "test");
            }
            assertThat(failed.completed()).isFalse();
            assertThat(imported(sandbox)).isEqualTo(20);   // chunk 2 was created, its mapping write failed

            ImportRunner.Outcome resumed;
            try (ConfigurableApplicationContext context = harness.start()) {
                resumed = context.getBean(ImportRunner.class).run(null, manifest.resolve("manifest.csv").toString(),
                        work.resolve("report.csv"), "test");
                assertThat(context.getBean(Warehouse.class).importedContracts("acme", "legacy-dms")).hasSize(30);
            }
            assertThat(resumed.completed()).isTrue();
            assertThat(resumed.runId()).isEqualTo(failed.runId());
            assertThat(resumed.summary().recovered()).isEqualTo(10);
            assertThat(resumed.summary().created()).isEqualTo(20);
            assertThat(imported(sandbox)).isEqualTo(30);
            Map<Object, Long> bySourceId = ours(sandbox).stream()
                    .collect(Collectors.groupingBy(c -> c.externalMetadata().get("id"), Collectors.counting()));
            assertThat(bySourceId).hasSize(30).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        }
    }

    @Test
    void aJsonLinesManifestInS3WithItsFilesInS3(@TempDir Path work) throws Exception {
        S3.createBucket("imports");
        try (S3Client s3 = S3.newClient(); SpotDraftSandbox sandbox = sandbox()) {
            StringBuilder manifest = new StringBuilder();
            for (int n = 1; n <= 4; n++) {
                String key = "batch-1/pdfs/d" + n + ".pdf";
                s3.putObject(request -> request.bucket("imports").key(key),
                        RequestBody.fromBytes(pdf("doc " + n)));
                manifest.append("{\"source_id\":\"J-").append(n).append("\",\"source_system\":\"s3-dms\",")
                        .append("\"file\":\"batch-1/pdfs/d").append(n).append(".pdf\",\"contract_name\":\"Doc ").append(n)
                        .append("\",\"contract_type\":\"Employment Agreement\",\"organization_entity\":80,")
                        .append("\"counterparty_individual\":true,\"contact_first_name\":\"Jo\",\"contact_last_name\":\"Doe\",")
                        .append("\"contact_email\":\"jo").append(n).append("@example.com\",\"execution_date\":\"2020-02-02\",")
                        .append("\"meta.department\":\"People\"}\n");
            }
            // a PDF under a name SpotDraft refuses (400 for the create), and a key pointer the type does not have
            // (400 for the bulk call after the create): both reported, stage "import"
            s3.putObject(request -> request.bucket("imports").key("batch-1/pdfs/d6.bin"), RequestBody.fromBytes(pdf("doc 6")));
            manifest.append("{\"source_id\":\"J-6\",\"source_system\":\"s3-dms\",\"file\":\"batch-1/pdfs/d6.bin\",")
                    .append("\"contract_name\":\"Doc 6\",\"contract_type\":\"100\",\"organization_entity\":\"80\"}\n");
            manifest.append("{\"source_id\":\"J-7\",\"source_system\":\"s3-dms\",\"file\":\"batch-1/pdfs/d1.pdf\",")
                    .append("\"contract_name\":\"Doc 7\",\"contract_type\":\"100\",\"organization_entity\":\"80\",")
                    .append("\"meta.no_such_field\":\"x\"}\n");
            manifest.append("{\"source_id\":\"J-5\",\"source_system\":\"s3-dms\",\"file\":\"batch-1/pdfs/absent.pdf\",")
                    .append("\"contract_name\":\"Doc 5\",\"contract_type\":\"106\",\"organization_entity\":\"80\"}\n");
            s3.putObject(request -> request.bucket("imports").key("batch-1/manifest.jsonl"),
                    RequestBody.fromString(manifest.toString()));

            ExportHarness harness = ExportHarness.against(sandbox, work)
                    .with("sync.documents.s3.endpoint", S3.endpoint())
                    .with("sync.documents.s3.region", "us-east-1")
                    .with("sync.documents.s3.path-style", true);
            ImportRunner.Outcome outcome;
            try (ConfigurableApplicationContext context = harness.start()) {
                outcome = context.getBean(ImportRunner.class).run(null, "s3://imports/batch-1/manifest.jsonl",
                        work.resolve("report.csv"), "test");
            }
            assertThat(outcome.completed()).isTrue();
            assertThat(outcome.summary().created()).isEqualTo(5);
            assertThat(outcome.summary().invalid()).isEqualTo(1);
            assertThat(outcome.summary().rejected()).isEqualTo(1);
            assertThat(outcome.summary().keyPointersRejected()).isEqualTo(1);
            assertThat(Files.readAllLines(work.resolve("report.csv"))).hasSize(4)
                    .anySatisfy(line -> assertThat(line).startsWith("7,J-5,s3-dms,validation,")
                            .contains("file not found: s3://imports/batch-1/pdfs/absent.pdf"))
                    .anySatisfy(line -> assertThat(line).startsWith("5,J-6,s3-dms,import,")
                            .contains("SpotDraft refused the contract (HTTP 400): file_name: only .pdf files are accepted"))
                    .anySatisfy(line -> assertThat(line).startsWith("6,J-7,s3-dms,import,").contains("imported as H-")
                            .contains("refused its meta.* values (HTTP 400)"));
            assertThat(ours(sandbox))
                    .hasSize(5).allSatisfy(c -> assertThat(c.externalMetadata()).containsEntry("integration_name", "s3-dms"));
        }
    }

    /** Wraps the warehouse so that its {@code failOn}-th mapping write fails, after the contracts were created. */
    private static ApplicationContextInitializer<ConfigurableApplicationContext> failingMappingWrite(AtomicInteger calls, int failOn) {
        return context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof Warehouse warehouse)) {
                    return bean;
                }
                return Proxy.newProxyInstance(Warehouse.class.getClassLoader(), new Class<?>[] {Warehouse.class},
                        (proxy, method, arguments) -> {
                            if (method.getName().equals("recordImports") && calls.incrementAndGet() == failOn) {
                                throw new IllegalStateException("injected: the process died before the mapping write");
                            }
                            try {
                                return method.invoke(warehouse, arguments);
                            } catch (InvocationTargetException failure) {
                                throw failure.getCause();
                            }
                        });
            }
        });
    }
}
