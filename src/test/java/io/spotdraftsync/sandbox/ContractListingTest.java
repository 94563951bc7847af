package io.spotdraftsync.sandbox;

import static io.spotdraftsync.sandbox.SandboxHttp.V21;
import static io.spotdraftsync.sandbox.SandboxHttp.encode;
import static io.spotdraftsync.sandbox.SandboxHttp.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The contract list: paging without a sort guarantee, filters, deletions, suppression, the listing glitch. */
class ContractListingTest {

    private static final String LIST = V21 + "/contracts/";

    private SpotDraftSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(250).seed(11).requestsPerSecond(0).build());
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void pagesCoverEveryContractExactlyOnceAndStayStable() {
        List<String> firstRead = ids(http.listAll("", 37));
        List<String> secondRead = ids(http.listAll("", 37));

        assertThat(firstRead).hasSize(250).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(liveIds());
        assertThat(secondRead).isEqualTo(firstRead);
        assertThat(ids(http.listAll("", 100))).isEqualTo(firstRead);
    }

    @Test
    void theOrderIsNeitherByIdNorByCreation() {
        List<String> listed = ids(http.listAll("", 100));
        List<String> byCreation = sandbox.contracts().stream().map(SandboxContract::compositeId).toList();
        List<String> byNumber = sandbox.contracts().stream()
                .sorted(Comparator.comparingLong(SandboxContract::numericId)).map(SandboxContract::compositeId).toList();

        assertThat(listed).isNotEqualTo(byCreation).isNotEqualTo(byNumber);
    }

    @Test
    void aChangedContractMovesAndTheOthersKeepTheirOrder() {
        List<String> before = ids(http.listAll("", 100));
        String changed = before.get(5);

        sandbox.renameContract(changed);
        List<String> after = ids(http.listAll("", 100));

        assertThat(after.indexOf(changed)).isNotEqualTo(5);
        assertThat(after.stream().filter(id -> !id.equals(changed)).toList())
                .isEqualTo(before.stream().filter(id -> !id.equals(changed)).toList());
    }

    @Test
    void limitDefaultsTo10IsClampedTo100AndPagesPastTheEndAreEmpty() {
        JsonNode defaults = http.getJson(LIST);
        assertThat(defaults.path("page").intValue()).isEqualTo(1);
        assertThat(defaults.path("limit").intValue()).isEqualTo(10);
        assertThat(defaults.path("results").size()).isEqualTo(10);
        assertThat(defaults.path("total_results").intValue()).isEqualTo(250);

        JsonNode clamped = http.getJson(LIST + "?limit=500");
        assertThat(clamped.path("limit").intValue()).isEqualTo(100);
        assertThat(clamped.path("results").size()).isEqualTo(100);

        JsonNode lastPage = http.getJson(LIST + "?page=3&limit=100");
        assertThat(lastPage.path("results").size()).isEqualTo(50);
        JsonNode pastTheEnd = http.getJson(LIST + "?page=4&limit=100");
        assertThat(pastTheEnd.path("results").size()).isZero();
        assertThat(pastTheEnd.path("total_results").intValue()).isEqualTo(250);

        assertThat(http.get(LIST + "?page=0").statusCode()).isEqualTo(400);
        assertThat(http.get(LIST + "?limit=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void listItemsHaveTheContractResponseV2Fields() {
        SandboxContract contract = sandbox.contracts().get(0);
        JsonNode item = only(http.getJson(LIST + "?filter__contract_id=" + contract.compositeId()));

        assertThat(item.path("id").isString()).isTrue();
        assertThat(item.path("id").asString()).isEqualTo(contract.compositeId());
        assertThat(item.path("contract_name").asString()).isEqualTo(contract.name());
        assertThat(item.path("contract_status").asString()).isEqualTo(contract.status().name());
        assertThat(item.path("contract_type_id").intValue()).isEqualTo(contract.contractTypeId());
        assertThat(item.path("counter_party_name").asString()).isEqualTo(contract.counterpartyName());
        assertThat(item.path("reference_id").asString()).isEqualTo(contract.referenceId());
        assertThat(item.path("contract_link").asString()).isEqualTo(contract.link());
        assertThat(Instant.parse(item.path("created").asString())).isEqualTo(contract.created());
        assertThat(item.has("created_by")).isTrue();
        assertThat(item.path("created_by_workspace").intValue()).isEqualTo(1);
        assertThat(item.path("external_metadata").isObject()).isTrue();
        assertThat(item.has("last_updated_on")).as("the list item has no last-modified field").isFalse();
    }

    @Test
    void lastUpdatedOnGteReturnsExactlyWhatChangedSinceTheWatermark() {
        Instant watermark = sandbox.contracts().stream().map(SandboxContract::lastUpdated)
                .max(Comparator.naturalOrder()).orElseThrow().plusNanos(1000);
        List<String> touched = sandbox.mutate(8);
        Set<String> expected = sandbox.contracts().stream()
                .filter(c -> !c.deleted() && !c.lastUpdated().isBefore(watermark))
                .map(SandboxContract::compositeId).collect(Collectors.toSet());

        List<String> found = ids(http.listAll("filter__last_updated_on%5B%24gte%5D=" + encode(watermark.toString()), 100));

        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(touched).containsAll(found);
        assertThat(found).isNotEmpty();
    }

    @Test
    void dateFiltersCompareAtMicrosecondPrecision() {
        sandbox.mutate(3);
        SandboxContract latest = sandbox.contracts().stream().filter(c -> !c.deleted())
                .max(Comparator.comparing(SandboxContract::lastUpdated)).orElseThrow();
        String exact = encode(latest.lastUpdated().toString());
        assertThat(latest.lastUpdated().getNano() % 1000).isZero();
        assertThat(latest.lastUpdated().getNano()).as("a change time has sub-second precision").isNotZero();

        assertThat(ids(http.listAll("filter__last_updated_on%5B%24gte%5D=" + exact, 100))).contains(latest.compositeId());
        assertThat(ids(http.listAll("filter__last_updated_on%5B%24gt%5D=" + exact, 100))).doesNotContain(latest.compositeId());
        assertThat(ids(http.listAll("filter__last_updated_on=" + exact, 100))).containsExactly(latest.compositeId());
    }

    @Test
    void contractIdInTakesTemplateAndHistoricalIdsTogether() {
        List<SandboxContract> contracts = sandbox.contracts();
        SandboxContract historical = contracts.stream().filter(c -> c.kind() == ContractKind.EXECUTED_CONTRACT)
                .filter(h -> contracts.stream().anyMatch(t -> t.compositeId().equals("T-" + h.numericId())))
                .findFirst().orElseThrow();
        String sameNumberTemplate = "T-" + historical.numericId();
        String otherTemplate = contracts.stream().filter(c -> c.kind() == ContractKind.TEMPLATE_CONTRACT)
                .map(SandboxContract::compositeId).filter(id -> !id.equals(sameNumberTemplate)).findFirst().orElseThrow();

        List<String> found = ids(http.listAll("filter__contract_id%5B%24in%5D=" + historical.compositeId() + ","
                + sameNumberTemplate + "," + otherTemplate + ",T-999999", 100));

        assertThat(found).containsExactlyInAnyOrder(historical.compositeId(), sameNumberTemplate, otherTemplate);
    }

    @Test
    void statusFiltersMatchTheSnapshot() {
        List<SandboxContract> live = sandbox.contracts().stream().filter(c -> !c.deleted()).toList();
        long executed = live.stream().filter(c -> c.status() == ContractStatus.EXECUTED).count();
        long draftOrSign = live.stream()
                .filter(c -> c.status() == ContractStatus.DRAFT || c.status() == ContractStatus.SIGN).count();

        JsonNode executedPage = http.getJson(LIST + "?limit=100&filter__display_status=EXECUTED");
        assertThat(executedPage.path("total_results").longValue()).isEqualTo(executed);
        assertThat(executedPage.path("results").values())
                .allMatch(item -> item.path("contract_status").asString().equals("EXECUTED"));
        assertThat(http.getJson(LIST + "?filter__display_status%5B%24in%5D=DRAFT,SIGN").path("total_results").longValue())
                .isEqualTo(draftOrSign);
        assertThat(http.getJson(LIST + "?filter__display_status%5B%24ne%5D=EXECUTED").path("total_results").longValue())
                .isEqualTo(live.size() - executed);
    }

    @Test
    void otherFiltersAndTheTextQueryNarrowTheList() {
        List<SandboxContract> live = sandbox.contracts().stream().filter(c -> !c.deleted()).toList();
        SandboxContract sample = live.get(17);
        Instant cutoff = live.get(100).created();

        assertThat(ids(http.listAll("filter__contract_type_name=" + encode(sample.contractTypeName()), 100)))
                .containsExactlyInAnyOrderElementsOf(live.stream()
                        .filter(c -> c.contractTypeName().equals(sample.contractTypeName()))
                        .map(SandboxContract::compositeId).toList());
        assertThat(ids(http.listAll("filter__client_name=" + encode(sample.counterpartyName()), 100)))
                .contains(sample.compositeId());
        assertThat(ids(http.listAll("filter__contract_reference_id=" + sample.referenceId(), 100)))
                .containsExactly(sample.compositeId());
        assertThat(http.getJson(LIST + "?filter__created_at%5B%24lt%5D=" + encode(cutoff.toString()))
                .path("total_results").longValue())
                .isEqualTo(live.stream().filter(c -> c.created().isBefore(cutoff)).count());
        assertThat(http.getJson(LIST + "?filter__execution_date%5B%24gte%5D=2000-01-01").path("total_results").longValue())
                .as("contracts without an execution date never match a comparison")
                .isEqualTo(live.stream().filter(c -> c.executedAt() != null).count());
        String word = sample.name().split(" ")[0].toLowerCase();
        assertThat(ids(http.listAll("query=" + encode(word), 100))).contains(sample.compositeId())
                .allMatch(id -> {
                    SandboxContract c = sandbox.contract(id);
                    return (c.name() + " " + c.counterpartyName()).toLowerCase().contains(word);
                });
    }

    @Test
    void anUnknownFieldOperatorOrValueIsA400NamingIt() {
        assertBadRequestNaming(LIST + "?filter__colour=red", "colour");
        assertBadRequestNaming(LIST + "?filter__created_at%5B%24between%5D=1", "$between");
        assertBadRequestNaming(LIST + "?filter__display_status%5B%24gt%5D=DRAFT", "$gt");
        assertBadRequestNaming(LIST + "?filter__display_status=FINISHED", "FINISHED");
        assertBadRequestNaming(LIST + "?filter__last_updated_on%5B%24gte%5D=yesterday", "yesterday");
        assertBadRequestNaming(LIST + "?filter__contract_id=12", "12");
    }

    @Test
    void aDeletedContractVanishesAndComesBackWhenRestored() {
        String victim = ids(http.listAll("", 100)).get(42);

        sandbox.deleteContract(victim);

        assertThat(ids(http.listAll("", 100))).hasSize(249).doesNotContain(victim);
        assertThat(http.getJson(LIST + "?filter__contract_id=" + victim).path("total_results").intValue()).isZero();
        HttpResponse<byte[]> status = http.get(V21 + "/contracts/" + victim + "/status");
        assertThat(status.statusCode()).isEqualTo(404);
        assertThat(SandboxHttp.json(status).path("status_code").intValue()).isEqualTo(404);
        assertThat(sandbox.contract(victim).deleted()).isTrue();

        sandbox.restoreContract(victim);
        assertThat(ids(http.listAll("", 100))).hasSize(250).contains(victim);
    }

    @Test
    void aSuppressedListingAnswersEmptyPages() {
        sandbox.setListingSuppressed(true);
        JsonNode empty = http.getJson(LIST + "?limit=100");
        assertThat(empty.path("total_results").intValue()).isZero();
        assertThat(empty.path("results").size()).isZero();
        assertThat(http.get(V21 + "/contracts/" + sandbox.contracts().get(0).compositeId() + "/status").statusCode())
                .as("only the list is suppressed").isEqualTo(200);

        sandbox.setListingSuppressed(false);
        assertThat(http.getJson(LIST).path("total_results").intValue()).isEqualTo(250);
    }

    @Test
    void aListingGlitchHidesContractsFromListingsButNotFromLookupsById() {
        List<String> before = ids(http.listAll("", 100));
        String named = before.get(3);
        sandbox.setFaults(FaultSettings.builder().listingGlitchContracts(7).listingGlitchIds(Set.of(named)).build());
        List<String> hidden = sandbox.hiddenFromListing();

        assertThat(hidden).hasSize(8).contains(named);
        JsonNode firstPage = http.getJson(LIST + "?limit=100");
        assertThat(firstPage.path("total_results").intValue()).as("the total is short too").isEqualTo(242);
        assertThat(ids(http.listAll("", 100))).hasSize(242).doesNotContainAnyElementsOf(hidden)
                .isEqualTo(before.stream().filter(id -> !hidden.contains(id)).toList());
        assertThat(ids(http.listAll("filter__display_status%5B%24ne%5D=VOIDED", 100))).as("other filters are no lookup by id")
                .doesNotContainAnyElementsOf(hidden);
        assertThat(ids(http.listAll("filter__contract_id%5B%24in%5D=" + String.join(",", hidden), 100)))
                .containsExactlyInAnyOrderElementsOf(hidden);
        assertThat(ids(http.listAll("filter__contract_id=" + named, 100))).containsExactly(named);
        assertThat(http.get(V21 + "/contracts/" + named + "/status").statusCode()).isEqualTo(200);

        sandbox.setFaults(FaultSettings.none());
        assertThat(sandbox.hiddenFromListing()).isEmpty();
        assertThat(ids(http.listAll("", 100))).isEqualTo(before);
    }

    @Test
    void aListingGlitchRefusesWhatIsNoContractId() {
        assertThatThrownBy(() -> FaultSettings.builder().listingGlitchIds(Set.of("12")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listingGlitchIds").hasMessageContaining("'12'");
        assertThatThrownBy(() -> FaultSettings.builder().listingGlitchContracts(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listingGlitchContracts");
    }

    private List<String> liveIds() {
        List<String> live = new ArrayList<>();
        sandbox.contracts().stream().filter(c -> !c.deleted()).forEach(c -> live.add(c.compositeId()));
        return live;
    }

    private void assertBadRequestNaming(String pathAndQuery, String named) {
        HttpResponse<byte[]> response = http.get(pathAndQuery);
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(400);
        JsonNode error = SandboxHttp.json(response);
        assertThat(error.path("detail").asString()).contains(named);
        assertThat(error.path("message").asString()).contains(named);
        assertThat(error.path("status_code").intValue()).isEqualTo(400);
        assertThat(error.path("code").asString()).isNotBlank();
    }

    private static JsonNode only(JsonNode envelope) {
        assertThat(envelope.path("results").size()).isEqualTo(1);
        return envelope.path("results").get(0);
    }
}
