package io.spotdraftsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The generated workspace: reproducible from the seed, and realistic enough to exercise a sync engine. */
class SandboxDataTest {

    private static final SandboxSettings SETTINGS = SandboxSettings.builder().contracts(400).seed(7)
            .requestsPerSecond(0).build();

    private static SpotDraftSandbox sandbox;
    private static SpotDraftSandbox twin;
    private static SandboxHttp http;

    @BeforeAll
    static void start() {
        sandbox = SpotDraftSandbox.start(SETTINGS);
        twin = SpotDraftSandbox.start(SETTINGS);
        http = new SandboxHttp(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        twin.close();
    }

    @Test
    void theSameSeedGivesTheSameContractsAndDocumentBytes() throws Exception {
        assertThat(twin.contracts()).isEqualTo(sandbox.contracts());
        assertThat(twin.hmacKeyBase64()).isEqualTo(sandbox.hmacKeyBase64());
        SandboxHttp twinHttp = new SandboxHttp(twin);
        for (SandboxContract contract : sandbox.contracts().subList(0, 5)) {
            String download = SandboxHttp.V21 + "/contracts/" + contract.compositeId() + "/download";
            byte[] bytes = http.postEmpty(download).body();
            assertThat(twinHttp.postEmpty(download).body()).isEqualTo(bytes);
            assertThat(sha256(bytes)).isEqualTo(contract.documentSha256());
        }
        assertThat(http.getJson(SandboxHttp.V21 + "/counter_parties/?limit=100"))
                .isEqualTo(twinHttp.getJson(SandboxHttp.V21 + "/counter_parties/?limit=100"));
    }

    @Test
    void anotherSeedGivesOtherContracts() {
        try (SpotDraftSandbox other = SpotDraftSandbox.start(SETTINGS.toBuilder().seed(8).build())) {
            assertThat(other.contracts().stream().map(SandboxContract::name).toList())
                    .isNotEqualTo(sandbox.contracts().stream().map(SandboxContract::name).toList());
        }
    }

    @Test
    void bothIdFamiliesExistAndTheirNumbersOverlap() {
        List<SandboxContract> contracts = sandbox.contracts();
        Map<ContractKind, List<SandboxContract>> byKind = contracts.stream()
                .collect(Collectors.groupingBy(SandboxContract::kind));
        assertThat(byKind.get(ContractKind.EXECUTED_CONTRACT).size()).isBetween(40, 120);
        assertThat(byKind.get(ContractKind.TEMPLATE_CONTRACT)).allMatch(c -> c.compositeId().equals("T-" + c.numericId()));
        assertThat(byKind.get(ContractKind.EXECUTED_CONTRACT)).allMatch(c -> c.compositeId().equals("H-" + c.numericId()));
        Set<Long> templateNumbers = byKind.get(ContractKind.TEMPLATE_CONTRACT).stream()
                .map(SandboxContract::numericId).collect(Collectors.toSet());
        long shared = byKind.get(ContractKind.EXECUTED_CONTRACT).stream()
                .filter(c -> templateNumbers.contains(c.numericId())).count();
        assertThat(shared).as("numbers used by both a T- and an H- contract").isGreaterThan(10);
        assertThat(contracts).extracting(SandboxContract::compositeId).doesNotHaveDuplicates();
    }

    @Test
    void statusesTypesAndPartiesLookReal() {
        List<SandboxContract> contracts = sandbox.contracts();
        Map<ContractStatus, Long> statuses = contracts.stream()
                .collect(Collectors.groupingBy(SandboxContract::status, Collectors.counting()));
        assertThat(statuses).containsOnlyKeys(ContractStatus.values());
        assertThat(statuses.get(ContractStatus.EXECUTED)).isGreaterThan(contracts.size() / 2);
        assertThat(contracts.stream().map(SandboxContract::contractTypeId).distinct().count()).isGreaterThanOrEqualTo(6);
        assertThat(contracts).filteredOn(c -> c.status() == ContractStatus.EXECUTED).allMatch(c -> c.executedAt() != null);
        assertThat(contracts).filteredOn(c -> c.status() == ContractStatus.DRAFT).allMatch(c -> c.executedAt() == null);
        assertThat(contracts).anyMatch(c -> !c.counterpartyName().chars().allMatch(ch -> ch < 128));
        assertThat(contracts).filteredOn(c -> !c.externalMetadata().isEmpty()).hasSizeGreaterThan(40);
        assertThat(contracts).allMatch(c -> c.documentSize() >= SETTINGS.documentMinBytes()
                && c.documentSize() <= SETTINGS.documentMaxBytes());
        assertThat(contracts).allMatch(c -> !c.lastUpdated().isBefore(c.created()));

        List<JsonNode> counterparties = List.copyOf(
                http.getJson(SandboxHttp.V21 + "/counter_parties/?limit=100").path("results").values());
        assertThat(counterparties).extracting(cp -> cp.path("name").asString())
                .contains("Müller GmbH", "株式会社サンプル", "Zoë Ångström");
        assertThat(counterparties).anyMatch(cp -> cp.path("is_individual").booleanValue())
                .anyMatch(cp -> !cp.path("is_individual").booleanValue());
    }

    @Test
    void keyPointersCoverEveryDataType() {
        Map<String, KeyPointerValue> oneOfEachType = sandbox.contracts().stream()
                .flatMap(c -> c.keyPointers().stream())
                .collect(Collectors.toMap(KeyPointerValue::dataType, Function.identity(), (first, other) -> first));
        assertThat(oneOfEachType).containsOnlyKeys("string", "int", "float", "boolean", "date", "enum",
                "array of options", "array of strings", "currency", "duration");
        assertThat(oneOfEachType.get("currency").value()).isInstanceOfSatisfying(Map.class,
                currency -> assertThat(currency).containsOnlyKeys("type", "value"));
        assertThat(oneOfEachType.get("array of options").value()).isInstanceOf(List.class);
        assertThat(oneOfEachType.get("date").value().toString()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void theDocumentChecksumMatchesTheStreamedBytes() throws Exception {
        SandboxContract contract = sandbox.contracts().get(3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        contract.document().writeTo(bytes);

        HttpResponse<byte[]> download = http.postEmpty(SandboxHttp.V21 + "/contracts/" + contract.compositeId() + "/download");

        assertThat(download.body()).isEqualTo(bytes.toByteArray()).hasSize((int) contract.documentSize());
        assertThat(sha256(bytes.toByteArray())).isEqualTo(contract.documentSha256());
        PdfDocumentWriterTest.assertValidStructure(bytes.toByteArray());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
