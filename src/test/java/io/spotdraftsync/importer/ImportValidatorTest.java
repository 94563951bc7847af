package io.spotdraftsync.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.spotdraftsync.spotdraft.ImportDocument;
import io.spotdraftsync.spotdraft.model.ContractType;
import io.spotdraftsync.spotdraft.model.OrganizationEntity;

import org.junit.jupiter.api.Test;

class ImportValidatorTest {

    private static final byte[] PDF = "%PDF-1.7 x".getBytes(StandardCharsets.US_ASCII);

    /** Every file exists and is a PDF, except "absent.pdf" (missing) and "text.pdf" (not a PDF). */
    private static final SourceFiles FILES = new SourceFiles() {
        @Override
        public InputStream openManifest() {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileCheck inspect(String file) {
            if (file.equals("absent.pdf")) {
                return new FileCheck(false, 0, new byte[0]);
            }
            return file.equals("text.pdf") ? new FileCheck(true, 4, "text".getBytes(StandardCharsets.US_ASCII))
                    : new FileCheck(true, PDF.length, PDF);
        }

        @Override
        public ImportDocument document(String file, long length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String describe(String file) {
            return "/in/" + file;
        }
    };

    private static final ImportValidator VALIDATOR = new ImportValidator(FILES,
            List.of(new ContractType(100L, "NDA"), new ContractType(101L, "Lease"), new ContractType(102L, "lease")),
            List.of(new OrganizationEntity(78L, "Northwind Inc.", null, null)));

    private static ManifestRow row(long number, String id, String file, String type, String entity, String date) {
        return new ManifestRow(number, id, "dms", file, "Contract " + number, type, entity, "Acme", "false", "A", "B",
                "a@b.example", date, Map.of());
    }

    @Test
    void resolvesIdsAndNamesIgnoringCaseAndReportsEachKindOfProblem() throws Exception {
        ImportValidator.Result result = VALIDATOR.validate(List.of(
                row(1, "a", "a.pdf", "nda", "NORTHWIND INC.", "2024-02-29"),
                row(2, "b", "b.pdf", "100", "78", null),
                row(3, "c", "c.pdf", "lease", "78", null),
                row(4, "d", "absent.pdf", "NDA", "78", null),
                row(5, "e", "text.pdf", "NDA", "78", null),
                row(6, "f", "f.pdf", "Tenancy", "Southwind", null),
                row(7, "g", "g.pdf", "NDA", "78", "2024-02-30"),
                row(8, "a", "h.pdf", "NDA", "78", null),
                row(9, null, "i.pdf", "NDA", "78", null)));

        assertThat(result.valid()).extracting(ImportItem::sourceId).containsExactly("a", "b");
        assertThat(result.valid().get(0).contractTypeId()).isEqualTo(100);
        assertThat(result.valid().get(0).organizationEntityId()).isEqualTo(78);
        assertThat(result.rejected()).extracting(ReportLine::rowNumber).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(result.rejected()).extracting(ReportLine::reason).satisfiesExactly(
                reason -> assertThat(reason).contains("contract type name 'lease' is ambiguous").contains("[101, 102]"),
                reason -> assertThat(reason).isEqualTo("file not found: /in/absent.pdf"),
                reason -> assertThat(reason).contains("is not a PDF"),
                reason -> assertThat(reason).contains("unknown contract type 'Tenancy'").contains("unknown organization entity 'Southwind'"),
                reason -> assertThat(reason).contains("execution_date '2024-02-30' is not a date in the form YYYY-MM-DD"),
                reason -> assertThat(reason).contains("duplicate source_id 'a'").contains("row 1"),
                reason -> assertThat(reason).isEqualTo("source_id is missing"));
    }

    @Test
    void readsCsvAndJsonLinesAndRefusesAManifestWithoutARequiredColumn() {
        String csv = "source_id,source_system,file,contract_name,contract_type,organization_entity,meta.department,meta.empty\n"
                + "S1,dms,a.pdf,\"Acme, Inc. NDA\",NDA,78,Legal,\n";
        List<ManifestRow> rows = ManifestReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), false, "m.csv");
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.contractName()).isEqualTo("Acme, Inc. NDA");
            assertThat(row.keyPointers()).containsExactly(Map.entry("department", "Legal"));
        });
        String jsonl = "{\"source_id\":\"S1\",\"source_system\":\"dms\",\"file\":\"a.pdf\",\"contract_name\":\"N\","
                + "\"contract_type\":100,\"organization_entity\":78,\"counterparty_individual\":true}\n";
        assertThat(ManifestReader.read(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)), true, "m.jsonl"))
                .singleElement().satisfies(row -> {
                    assertThat(row.contractType()).isEqualTo("100");
                    assertThat(row.counterpartyIndividual()).isEqualTo("true");
                });
        assertThatThrownBy(() -> ManifestReader.read(new ByteArrayInputStream(
                "source_id,file\nS1,a.pdf\n".getBytes(StandardCharsets.UTF_8)), false, "m.csv"))
                .hasMessageContaining("has no column source_system, contract_name, contract_type, organization_entity");
    }
}
