package io.spotdraftsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.spotdraftsync.streams.ActivityStreams.Effect;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per row of the activity table, as the lifecycle-data issue lists them. */
class ActivityStreamsTest {

    @ParameterizedTest(name = "{0} -> header {1}, streams {2}")
    @CsvSource(delimiter = '|', textBlock = """
            CONTRACT_APPROVAL_REQUESTED        | false | approvals process_metrics
            CONTRACT_APPROVAL_COMPLETED        | false | approvals process_metrics
            CONTRACT_SIGNED                    | true  | recipients process_metrics document
            CONTRACT_SIGNATURE_REQUESTED       | true  | recipients process_metrics document
            CONTRACT_SIGNATURE_DECLINED        | true  | recipients process_metrics document
            CONTRACT_MARK_FOR_EXECUTION        | true  | recipients process_metrics document
            CONTRACT_EXECUTED                  | true  | recipients process_metrics document
            CONTRACT_KEY_POINTER_CREATION      | false | key_pointers
            CONTRACT_KEY_POINTER_UPDATION      | false | key_pointers
            CONTRACT_VERSION_UPLOADED          | false | document
            CONTRACT_EXTERNAL_METADATA_CREATED | true  | key_pointers
            CONTRACT_EXTERNAL_METADATA_UPDATED | true  | key_pointers
            CONTRACT_DATA_UPDATED              | true  | key_pointers
            """)
    void eachActivityOfTheTableFetchesOnlyWhatItCanChange(String activity, boolean header, String streams) {
        Set<ContractStream> expected = Arrays.stream(streams.split(" "))
                .map(name -> ContractStream.named(name).orElseThrow())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ContractStream.class)));
        assertThat(ActivityStreams.of(activity)).isEqualTo(new Effect(header, expected));
    }

    @Test
    void theTableHasExactlyTheRowsTestedAbove() {
        assertThat(ActivityStreams.TABLE).hasSize(13);
    }

    @ParameterizedTest
    @CsvSource({"CONTRACT_CREATED", "CONTRACT_PROCESS_METRIC_UPDATED", "CONTRACT_VOIDED", "SOMETHING_NEW"})
    void anActivityNotInTheTableFetchesEverything(String activity) {
        assertThat(ActivityStreams.of(activity)).isEqualTo(Effect.EVERYTHING);
        assertThat(Effect.EVERYTHING.header()).isTrue();
        assertThat(Effect.EVERYTHING.streams()).containsExactlyInAnyOrder(ContractStream.values());
    }

    @Test
    void activitiesOnOneContractAddUp() {
        Effect both = ActivityStreams.ofAll(List.of("CONTRACT_APPROVAL_COMPLETED", "CONTRACT_KEY_POINTER_UPDATION"));
        assertThat(both.header()).isFalse();
        assertThat(both.streams()).containsExactlyInAnyOrder(ContractStream.APPROVALS, ContractStream.PROCESS_METRICS,
                ContractStream.KEY_POINTERS);
    }

    @Test
    void everyActivityOfTheTableIsOneOfTheVendorsActivityEnum() throws IOException {
        Path document = Path.of(System.getProperty("spotdraft.openapi.path", "../shared/reference/spotdraft-openapi.yml"));
        Assumptions.assumeTrue(Files.isRegularFile(document), "SpotDraft's OpenAPI document is absent at " + document.toAbsolutePath());
        String openApi = Files.readString(document);
        int at = openApi.indexOf("    ActivityEnum:");
        assertThat(at).isNotNegative();
        String enumBlock = openApi.substring(at, openApi.indexOf("      type: string", at));
        for (String activity : ActivityStreams.TABLE.keySet()) {
            assertThat(enumBlock).as(activity).contains("- " + activity + "\n");
        }
    }
}
