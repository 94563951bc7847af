package io.spotdraftsync.spotdraft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.spotdraftsync.spotdraft.model.ContractApproval;
import io.spotdraftsync.spotdraft.model.ContractRecipient;
import io.spotdraftsync.spotdraft.model.ProcessMetrics;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The lifecycle streams' answers, as the vendor's OpenAPI examples and schemas give them, absent and null fields included. */
class StreamModelJsonTest {

    private final JsonMapper json = SpotDraftClient.jsonMapper();

    @Test
    void readsTheRecipientsExampleWithNullActionsAndDesignations() {
        ContractRecipient.ListResponse response = json.readValue("""
                {"items":[
                 {"recipient":{"id":143476,"recipient_type":"APPROVER","user":{"id":25367,"name":"Tyler","designation":"Senior Manager",
                   "email":"tyler@yahoo.com"},"title":"Senior Manager - Operations","recipient_order":1,
                   "note":"He is a Senior Manager heading operations team","is_sent_for_signature":true,
                   "created":"2024-05-24T05:45:34.478802Z","last_sent_for_signature_at":"2024-05-24T05:46:22.721800Z"},
                  "recipient_action":{"is_success":true,"action_notes":"Approving on behalf of tyler","timestamp":"2024-05-24T05:47:31.594842Z"},
                  "status":"COMPLETED"},
                 {"recipient":{"id":144776,"recipient_type":"RECEIVER","user":{"id":25367,"name":"Alice","designation":null,
                   "email":"alice@yahoo.com"},"title":"","recipient_order":3,"note":null,"is_sent_for_signature":false,
                   "created":"2024-05-24T05:45:34.478802Z","last_sent_for_signature_at":null},
                  "recipient_action":null,"status":"IN_PROGRESS"},
                 {"recipient":{"id":7,"recipient_type":"SIGNATORY","user":{"id":1,"name":"Zoë Ørsted","email":"zoë@exämple.dk"},"created":"2024-05-24T05:45:34Z"},
                  "status":"PENDING"}]}""", ContractRecipient.ListResponse.class);
        assertThat(response.items()).hasSize(3);
        ContractRecipient approver = response.items().get(0);
        assertThat(approver.recipient().recipientType()).isEqualTo("APPROVER");
        assertThat(approver.recipient().user().designation()).isEqualTo("Senior Manager");
        assertThat(approver.recipientAction().isSuccess()).isTrue();
        assertThat(approver.recipientAction().timestamp()).isEqualTo(Instant.parse("2024-05-24T05:47:31.594842Z"));
        assertThat(response.items().get(1).recipientAction()).isNull();
        assertThat(response.items().get(1).recipient().lastSentForSignatureAt()).isNull();
        ContractRecipient bare = response.items().get(2);
        assertThat(bare.recipient().user().email()).isEqualTo("zoë@exämple.dk");
        assertThat(bare.recipient().recipientOrder()).isNull();
        assertThat(bare.recipient().isSentForSignature()).isNull();
    }

    @Test
    void readsTheProcessMetricsExampleAndAnAnswerWithOnlyTheRequiredFields() {
        ProcessMetrics metrics = json.readValue("""
                {"contract_id":1234,"contract_sent_to_cp_datetime":"2019-08-24T14:15:22Z",
                 "cp_added_info_initial_datetime":"2019-08-24T14:15:22Z","cp_added_info_latest_datetime":"2019-08-25T14:15:22Z",
                 "cp_opened_review_email_datetime":"2019-08-24T14:15:22Z",
                 "contract_signed_by_signatory_list":[{"is_creator_party":true,"signed_datetime":"2019-08-24T14:15:22Z",
                   "signatory_email":"Mike_reed@yahoo.com"}],
                 "contract_turns":{"manual_override_reason":"Reason for manual override","last_turn_change_datetime":"2019-08-24T14:15:22Z",
                   "last_turn_change_org_user_email":"johndoe@example.com","no_of_turns":2},
                 "contract_executed_datetime":"2019-08-24T14:15:22Z","type_of_workflow":"UPLOAD_SIGN","contract_status":"COMPLETED",
                 "marked_for_signature_datetime":"2019-08-24T14:15:22Z","pending_with":"COUNTER_PARTY"}""", ProcessMetrics.class);
        assertThat(metrics.cpAddedInfoLatestDatetime()).isEqualTo(Instant.parse("2019-08-25T14:15:22Z"));
        assertThat(metrics.signatories()).singleElement().satisfies(signatory -> {
            assertThat(signatory.isCreatorParty()).isTrue();
            assertThat(signatory.signatoryEmail()).isEqualTo("Mike_reed@yahoo.com");
        });
        assertThat(metrics.contractTurns().noOfTurns()).isEqualTo(2L);
        assertThat(metrics.pendingWith()).isEqualTo("COUNTER_PARTY");

        ProcessMetrics bare = json.readValue("{\"contract_id\":5,\"contract_turns\":{},\"contract_signed_by_signatory_list\":null}",
                ProcessMetrics.class);
        assertThat(bare.signatories()).isEmpty();
        assertThat(bare.contractTurns().noOfTurns()).isNull();
        assertThat(bare.contractExecutedDatetime()).isNull();
    }

    @Test
    void readsApprovalsWithTheirActionsAndOptionalFieldsAbsent() {
        ContractApproval.ListResponse response = json.readValue("""
                {"results":[
                 {"approval_actions":[{"status":"SUGGESTED","notes":"Cap liability","created":"2024-06-01T10:00:00Z","latest":false},
                                      {"status":"APPROVED","created":"2024-06-02T10:00:00Z","latest":true}],
                  "approval":{"id":91,"contract_id":123,"approval_name":"Legal","approval_type":"PRE_SIGN",
                   "org_user":{"id":4,"name":"Ana","email":"ana@acme.test"},"sent_for_approval":true,
                   "last_sent_at":"2024-06-01T09:00:00Z","notes":"Standard","created_by_org_user":{"id":2,"name":"Raj","email":"raj@acme.test"},
                   "status":"APPROVED"}},
                 {"approval_actions":[],"approval":{"id":92,"contract_id":123,"approval_name":"Finance","approval_type":"AD_HOC",
                   "sent_for_approval":false,"created_by_org_user":{"id":2,"name":"Raj","email":"raj@acme.test"},"status":"NOT_STARTED"}}]}""",
                ContractApproval.ListResponse.class);
        assertThat(response.results()).hasSize(2);
        ContractApproval legal = response.results().get(0);
        assertThat(legal.approval().orgUser().email()).isEqualTo("ana@acme.test");
        assertThat(legal.approvalActions()).extracting(ContractApproval.Action::status).containsExactly("SUGGESTED", "APPROVED");
        assertThat(legal.approvalActions().get(1).notes()).isNull();
        ContractApproval finance = response.results().get(1);
        assertThat(finance.approval().orgUser()).isNull();
        assertThat(finance.approval().lastSentAt()).isNull();
        assertThat(finance.approvalActions()).isEmpty();
    }
}
