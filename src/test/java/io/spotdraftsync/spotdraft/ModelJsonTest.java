package io.spotdraftsync.spotdraft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.spotdraftsync.spotdraft.model.ContractListItem;
import io.spotdraftsync.spotdraft.model.DownloadLink;
import io.spotdraftsync.spotdraft.model.KeyPointer;
import io.spotdraftsync.spotdraft.model.WebhookEvent;

import org.junit.jupiter.api.Test;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class ModelJsonTest {

    private final JsonMapper json = SpotDraftClient.jsonMapper();

    @Test
    void readsAListItemIgnoringUnknownFieldsAndAcceptingANumericId() {
        ContractListItem item = json.readValue("""
                {"id":1234,"created":"2021-05-20T04:52:04Z","contract_name":"Acme NDA","contract_status":"EXECUTED",
                 "contract_type_id":103,"external_metadata":{"crm":"0061"},"a_field_added_later":{"x":1}}""",
                ContractListItem.class);
        assertThat(item.id()).isEqualTo("1234");
        assertThat(item.created()).isEqualTo(Instant.parse("2021-05-20T04:52:04Z"));
        assertThat(item.contractTypeId()).isEqualTo(103L);
        assertThat(item.externalMetadata()).containsEntry("crm", "0061");
        assertThat(item.counterPartyName()).isNull();
    }

    @Test
    void readsKeyPointersOfEveryValueShapeAndTheMisspeltFieldName() {
        List<KeyPointer> values = json.readValue("""
                [{"id":1,"value":"sample","label":"L","filed_name":"f1","data_type":"string","format_option":{}},
                 {"id":2,"value":{"amount":12.5,"currency":"USD"},"label":"Amount","field_name":"amount","data_type":"currency"},
                 {"id":3,"value":[1,2],"label":"A","field_name":"arr","data_type":"array","format_option":null},
                 {"id":4,"value":true,"label":"B","field_name":"flag","data_type":"boolean","format_option":{}}]""",
                new TypeReference<List<KeyPointer>>() { });
        assertThat(values).extracting(KeyPointer::fieldName).containsExactly("f1", "amount", "arr", "flag");
        assertThat(values.get(1).value().get("currency").asString()).isEqualTo("USD");
        assertThat(values.get(2).value().isArray()).isTrue();
        assertThat(values.get(3).value().asBoolean()).isTrue();
    }

    @Test
    void aDownloadLinkNeverPrintsItsSignedUrl() {
        DownloadLink link = json.readValue("""
                {"url":"https://storage.example/x?signature=SECRET","file_name":"a.pdf","current_version_id":3}""",
                DownloadLink.class);
        assertThat(link.currentVersionId()).isEqualTo(3L);
        assertThat(link.toString()).doesNotContain("SECRET").doesNotContain("storage.example");
    }

    @Test
    void readsAWebhookPayload() {
        WebhookEvent event = json.readValue("""
                {"activity":"CONTRACT_EXECUTED","activity_data":{"performed_by":{"name":"Jane","email":"j@a.com"},
                 "timestamp":"2026-01-05T10:00:00Z"},"contract_id":1234,"contract_status":"EXECUTED","brand_new":1}""",
                WebhookEvent.class);
        assertThat(event.contractId()).isEqualTo(1234L);
        assertThat(event.activityData().timestamp()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
    }
}
