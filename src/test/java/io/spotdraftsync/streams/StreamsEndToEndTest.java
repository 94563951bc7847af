package io.spotdraftsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import io.spotdraftsync.export.ExportRunner;
import io.spotdraftsync.sandbox.SandboxContract;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.model.ContractApproval;
import io.spotdraftsync.spotdraft.model.ContractId;
import io.spotdraftsync.spotdraft.model.ContractRecipient;
import io.spotdraftsync.spotdraft.model.ProcessMetrics;
import io.spotdraftsync.testsupport.ExportHarness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.json.JsonMapper;

/**
 * The lifecycle streams end to end, sandbox to DuckDB: after a full export, an incremental one and webhook-targeted
 * runs, every stream table equals what the sandbox answers (row by row, typed values), at the calls counted by the
 * sandbox. Small on purpose (the suite's time budget).
 */
class StreamsEndToEndTest {

    private static final JsonMapper JSON = SpotDraftClient.jsonMapper();

    private static SpotDraftSandbox sandbox(int contracts, long seed) {
        return SpotDraftSandbox.start(SandboxSettings.builder().contracts(contracts).seed(seed).requestsPerSecond(0)
                .documentMinBytes(2_048).documentMaxBytes(4_096).build());
    }

    @Test
    void fullIncrementalAndWebhookRunsLeaveEveryStreamTableEqualToTheSandbox(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = sandbox(120, 1401)) {
            ExportHarness harness = ExportHarness.against(sandbox, work);
            try (ConfigurableApplicationContext context = harness.start()) {
                ExportRunner runner = context.getBean(ExportRunner.class);

                sandbox.resetStats();
                ExportRunner.Outcome full = runner.run(null, true, "test");
                assertThat(full.completed()).isTrue();
                long fullCalls = apiCalls(sandbox);
                double perContract = (double) fullCalls / sandbox.contracts().size();
                System.out.printf("streams e2e: full export %d calls for %d contracts = %.3f per contract %s%n", fullCalls,
                        sandbox.contracts().size(), perContract, sandbox.stats().requestsByEndpoint());
                assertThat(perContract).as("calls per contract of a full export, list pages included").isLessThanOrEqualTo(5.1);
                assertStreamTablesEqualSandbox(work, sandbox);

                // lifecycle changes plus random ones, then an incremental run
                List<String> templates = liveTemplates(sandbox);
                List<String> changed = new ArrayList<>(sandbox.mutate(12));
                for (String id : templates.subList(0, 8)) {
                    tryChange(() -> sandbox.requestApproval(id));
                    tryChange(() -> sandbox.suggestChanges(id));
                    changed.add(id);
                }
                sandbox.resetStats();
                ExportRunner.Outcome incremental = runner.run(null, false, "test");
                assertThat(incremental.run().mode()).isEqualTo("incremental");
                System.out.printf("streams e2e: incremental after %d changes (%d contracts): %d calls %s%n", changed.size(),
                        Set.copyOf(changed).size(), apiCalls(sandbox), sandbox.stats().requestsByEndpoint());
                assertStreamTablesEqualSandbox(work, sandbox);

                // webhook-targeted runs: one per kind, each fetching only what the activity can change
                String approved = firstWithOpenApproval(sandbox, templates);
                sandbox.approve(approved);
                long approvalCalls = targeted(runner, sandbox, approved, "CONTRACT_APPROVAL_COMPLETED");
                assertThat(approvalCalls).as("a webhook APPROVAL_COMPLETED: approvals and process metrics").isLessThanOrEqualTo(2);

                String edited = templates.get(templates.size() - 1);
                sandbox.editKeyPointers(edited);
                assertThat(targeted(runner, sandbox, edited, "CONTRACT_KEY_POINTER_UPDATION")).isEqualTo(1);

                sandbox.uploadNewVersion(edited);
                assertThat(targeted(runner, sandbox, edited, "CONTRACT_VERSION_UPLOADED")).as("listing and download link")
                        .isLessThanOrEqualTo(2);

                sandbox.renameContract(edited);
                assertThat(targeted(runner, sandbox, edited, "CONTRACT_DATA_UPDATED")).as("listing and key pointers")
                        .isLessThanOrEqualTo(2);

                String signing = sandbox.contracts().stream().filter(c -> !c.deleted() && c.compositeId().startsWith("T-")
                        && "SIGN".equals(c.status().name())).map(SandboxContract::compositeId).findFirst().orElse(null);
                if (signing != null && tryChange(() -> sandbox.sign(signing))) {
                    assertThat(targeted(runner, sandbox, signing, "CONTRACT_SIGNED"))
                            .as("listing, recipients, process metrics, download link").isLessThanOrEqualTo(4);
                }
                long everything = targeted(runner, sandbox, edited, "CONTRACT_CREATED");
                assertThat(everything).as("an activity not in the table fetches everything").isBetween(4L, 6L);
                assertStreamTablesEqualSandbox(work, sandbox);
            }
        }
    }

    @Test
    void aDisabledStreamMakesNoCallAndLeavesItsTableUntouched(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = sandbox(40, 1402)) {
            ExportHarness.against(sandbox, work).run(true);
            String before = approvalTable(work);
            List<String> templates = liveTemplates(sandbox);
            for (String id : templates.subList(0, 5)) {
                tryChange(() -> sandbox.requestApproval(id));
                tryChange(() -> sandbox.approve(id));
            }
            sandbox.resetStats();
            ExportRunner.Outcome second = ExportHarness.against(sandbox, work).with("sync.streams.approvals.enabled", false).run(true);
            assertThat(second.completed()).isTrue();
            assertThat(sandbox.stats().requestsByEndpoint().keySet()).noneMatch(endpoint -> endpoint.contains("/approvals/"));
            assertThat(approvalTable(work)).isEqualTo(before);
            assertThat(sandbox.stats().requestsByEndpoint().keySet()).anyMatch(endpoint -> endpoint.contains("/recipients/"));
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static long targeted(ExportRunner runner, SpotDraftSandbox sandbox, String compositeId, String activity) throws Exception {
        sandbox.resetStats();
        long number = ContractId.parse(compositeId).number();
        ExportRunner.Outcome outcome = runner.runContracts("acme", List.of(number), Map.of(number, ActivityStreams.of(activity)),
                "webhook");
        assertThat(outcome.completed()).isTrue();
        long calls = apiCalls(sandbox);
        System.out.printf("streams e2e: webhook %s on %s: %d calls %s%n", activity, compositeId, calls,
                sandbox.stats().requestsByEndpoint());
        return calls;
    }

    /** API calls as the budget counts them: signed document downloads are storage, not the API. */
    private static long apiCalls(SpotDraftSandbox sandbox) {
        return sandbox.stats().requestsByEndpoint().entrySet().stream()
                .filter(entry -> entry.getKey().contains(" /api/"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static boolean tryChange(Runnable change) {
        try {
            change.run();
            return true;
        } catch (IllegalStateException notApplicable) {
            return false;
        }
    }

    private static List<String> liveTemplates(SpotDraftSandbox sandbox) {
        return sandbox.contracts().stream().filter(contract -> !contract.deleted() && contract.compositeId().startsWith("T-"))
                .map(SandboxContract::compositeId).toList();
    }

    private static String firstWithOpenApproval(SpotDraftSandbox sandbox, List<String> templates) {
        for (String id : templates) {
            if (tryChange(() -> sandbox.requestApproval(id))) {
                return id;
            }
        }
        throw new IllegalStateException("no template contract with an approval left to request");
    }

    private static Connection readOnly(Path work) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        return DriverManager.getConnection("jdbc:duckdb:" + work.resolve("warehouse.duckdb").toAbsolutePath(), properties);
    }

    private static String approvalTable(Path work) throws SQLException {
        return String.join("\n", rows(work, "SELECT contract_id, approval_id, approval_status, _deleted, _synced_at FROM contract_approvals"
                + " ORDER BY contract_id, approval_id"));
    }

    private static Set<String> rows(Path work, String sql) throws SQLException {
        Set<String> rows = new TreeSet<>();
        try (Connection connection = readOnly(work); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    Object value = result.getObject(column);
                    values.add(value instanceof OffsetDateTime time ? time.toInstant().toString() : String.valueOf(value));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    private static String row(Object... values) {
        List<String> text = new ArrayList<>();
        for (Object value : values) {
            text.add(String.valueOf(value));
        }
        return String.join("|", text);
    }

    /** Every stream table (rows not soft-deleted) equals the sandbox's answers for its live contracts. */
    @SuppressWarnings("unchecked")
    static void assertStreamTablesEqualSandbox(Path work, SpotDraftSandbox sandbox) throws SQLException {
        Set<String> approvals = new TreeSet<>();
        Set<String> actions = new TreeSet<>();
        Set<String> recipients = new TreeSet<>();
        Set<String> metrics = new TreeSet<>();
        Set<String> signatures = new TreeSet<>();
        Set<String> live = new TreeSet<>();
        for (SandboxContract contract : sandbox.contracts()) {
            String id = contract.compositeId();
            if (contract.deleted() || !id.startsWith("T-")) {
                continue;
            }
            live.add("'" + id + "'");
            Map<String, Object> lifecycle = sandbox.lifecycle(id);
            for (ContractApproval approval : JSON.convertValue(lifecycle.get("approvals"), ContractApproval.ListResponse.class).results()) {
                var step = approval.approval();
                approvals.add(row(id, step.id(), step.approvalName(), step.approvalType(), step.status(),
                        step.orgUser() == null ? null : step.orgUser().id(), step.orgUser() == null ? null : step.orgUser().email(),
                        step.orgUser() == null ? null : step.orgUser().name(), step.sentForApproval(), step.lastSentAt(),
                        step.createdByOrgUser() == null ? null : step.createdByOrgUser().email(), step.notes()));
                for (ContractApproval.Action action : approval.approvalActions()) {
                    actions.add(row(id, step.id(), action.status(), action.created(), action.notes(), action.latest()));
                }
            }
            for (ContractRecipient item : JSON.convertValue(lifecycle.get("recipients"), ContractRecipient.ListResponse.class).items()) {
                var recipient = item.recipient();
                var action = item.recipientAction();
                recipients.add(row(id, recipient.id(), recipient.recipientType(), recipient.user().id(), recipient.user().email(),
                        recipient.user().name(), recipient.user().designation(), recipient.title(), recipient.recipientOrder(),
                        item.status(), recipient.isSentForSignature(), recipient.lastSentForSignatureAt(),
                        action == null ? null : action.isSuccess(), action == null ? null : action.actionNotes(),
                        action == null ? null : action.timestamp()));
            }
            if (!"DRAFT".equals(contract.status().name()) && lifecycle.get("process_metrics") != null) {
                ProcessMetrics m = JSON.convertValue(lifecycle.get("process_metrics"), ProcessMetrics.class);
                var turns = m.contractTurns();
                metrics.add(row(id, m.typeOfWorkflow(), m.pendingWith(), m.contractSentToCpDatetime(), m.cpOpenedReviewEmailDatetime(),
                        m.cpAddedInfoInitialDatetime(), m.cpAddedInfoLatestDatetime(), m.markedForSignatureDatetime(),
                        m.contractExecutedDatetime(), turns == null ? null : turns.noOfTurns(),
                        turns == null ? null : turns.lastTurnChangeDatetime(), turns == null ? null : turns.lastTurnChangeOrgUserEmail(),
                        turns == null ? null : turns.manualOverrideReason()));
                for (ProcessMetrics.Signatory signatory : m.signatories()) {
                    signatures.add(row(id, signatory.signatoryEmail(), signatory.signedDatetime(), signatory.isCreatorParty()));
                }
            }
        }
        String liveIds = String.join(", ", live);
        String ofLive = " WHERE workspace = 'acme' AND contract_id IN (" + liveIds + ")";
        assertThat(rows(work, "SELECT contract_id, approval_id, approval_name, approval_type, approval_status, approver_user_id,"
                + " approver_email, approver_name, sent_for_approval, last_sent_at, created_by_email, notes FROM contract_approvals"
                + ofLive + " AND NOT _deleted")).as("contract_approvals").isEqualTo(approvals);
        assertThat(rows(work, "SELECT contract_id, approval_id, action_status, acted_at, notes, is_latest FROM contract_approval_actions"
                + ofLive + " AND NOT _deleted")).as("contract_approval_actions").isEqualTo(actions);
        assertThat(rows(work, "SELECT contract_id, recipient_id, recipient_type, user_id, user_email, user_name, designation, title,"
                + " recipient_order, recipient_status, is_sent_for_signature, last_sent_for_signature_at, action_success, action_notes,"
                + " acted_at FROM contract_recipients" + ofLive + " AND NOT _deleted")).as("contract_recipients").isEqualTo(recipients);
        assertThat(rows(work, "SELECT contract_id, workflow_type, pending_with, sent_to_counterparty_at,"
                + " counterparty_opened_review_email_at, counterparty_first_update_at, counterparty_latest_update_at,"
                + " marked_for_signature_at, executed_at, turns, last_turn_change_at, last_turn_change_by_email, turn_override_reason"
                + " FROM contract_process_metrics" + ofLive + " AND contract_id IN (SELECT contract_id FROM contracts"
                + " WHERE workspace = 'acme' AND contract_status <> 'DRAFT')")).as("contract_process_metrics").isEqualTo(metrics);
        assertThat(rows(work, "SELECT contract_id, signatory_email, signed_at, is_creator_party FROM contract_signatures" + ofLive
                + " AND NOT _deleted")).as("contract_signatures").isEqualTo(signatures);
    }
}
