package io.spotdraftsync.sandbox;

import static io.spotdraftsync.sandbox.SandboxHttp.V21;
import static io.spotdraftsync.sandbox.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The lifecycle endpoints: approvals, recipients, process metrics, users, templates; consistency with each
 * contract's status, changes through status steps and the lifecycle hooks, and the webhooks those send.
 */
class LifecycleEndpointsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static SpotDraftSandbox sandbox;
    private static SandboxHttp http;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = new WebhookReceiver();
        sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(200).seed(14).requestsPerSecond(0)
                .webhooks(WebhookDeliverySettings.builder().target(receiver.url()).build()).build());
        http = new SandboxHttp(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        receiver.close();
    }

    private static JsonNode approvals(String id) {
        return http.getJson(V21 + "/contracts/approvals/" + id + "/").path("results");
    }

    private static JsonNode recipients(String id) {
        return http.getJson(V21 + "/contracts/" + id + "/recipients/").path("items");
    }

    private static JsonNode metrics(SandboxContract contract) {
        return http.getJson(V21 + "/contracts/" + contract.numericId() + "/process_metrics/");
    }

    private static List<SandboxContract> live(String family, ContractStatus status) {
        return sandbox.contracts().stream()
                .filter(c -> !c.deleted() && c.compositeId().startsWith(family) && c.status() == status)
                .toList();
    }

    private static Instant instant(JsonNode value) {
        return Instant.parse(value.asString());
    }

    @Test
    void pathsKeepTheirTrailingSlashesAndUnknownContractsAre404() {
        String id = live("T-", ContractStatus.SIGN).get(0).compositeId();
        assertThat(http.get(V21 + "/contracts/approvals/" + id).statusCode()).isEqualTo(302);
        assertThat(http.get(V21 + "/contracts/" + id + "/recipients").statusCode()).isEqualTo(302);
        assertThat(http.get(V21 + "/auth/users").statusCode()).isEqualTo(302);
        assertThat(http.get(V21 + "/templates").statusCode()).isEqualTo(302);
        assertThat(http.get(V21 + "/contracts/approvals/T-999999/").statusCode()).isEqualTo(404);
        assertThat(http.get(V21 + "/contracts/T-999999/recipients/").statusCode()).isEqualTo(404);
    }

    @Test
    void approvalsCarryApproversAndSeveralActionsConsistentWithTheStatus() {
        Set<String> actionStatuses = new TreeSet<>();
        for (SandboxContract contract : live("T-", ContractStatus.EXECUTED)) {
            JsonNode results = approvals(contract.compositeId());
            assertThat(results.size()).isBetween(1, 3);
            for (JsonNode item : results.values()) {
                JsonNode approval = item.path("approval");
                assertThat(approval.path("contract_id").longValue()).isEqualTo(contract.numericId());
                assertThat(approval.path("status").asString()).isIn("APPROVED", "SKIPPED");
                assertThat(approval.path("org_user").path("email").asString()).contains("@");
                assertThat(approval.path("created_by_org_user").path("name").asString()).isNotBlank();
                List<JsonNode> actions = item.path("approval_actions").values().stream().toList();
                assertThat(actions).isNotEmpty();
                assertThat(actions).filteredOn(a -> a.path("latest").booleanValue()).hasSize(1);
                assertThat(actions.get(actions.size() - 1).path("status").asString())
                        .isEqualTo(approval.path("status").asString());
                actions.forEach(a -> {
                    actionStatuses.add(a.path("status").asString());
                    assertThat(instant(a.path("created"))).isAfterOrEqualTo(contract.created())
                            .isBeforeOrEqualTo(contract.executedAt());
                });
            }
        }
        assertThat(actionStatuses).contains("APPROVED", "SUGGESTED", "REJECTED");
        for (SandboxContract draft : live("T-", ContractStatus.DRAFT)) {
            for (JsonNode item : approvals(draft.compositeId()).values()) {
                assertThat(item.path("approval").path("approval_type").asString()).isNotEqualTo("AD_HOC");
                if (item.path("approval").path("approval_type").asString().equals("PRE_SIGN")) {
                    assertThat(item.path("approval").path("status").asString()).isEqualTo("NOT_STARTED");
                    assertThat(item.path("approval_actions").isEmpty()).isTrue();
                }
            }
        }
        for (SandboxContract imported : live("H-", ContractStatus.EXECUTED)) {
            assertThat(approvals(imported.compositeId()).isEmpty()).isTrue();
            assertThat(recipients(imported.compositeId()).isEmpty()).isTrue();
        }
    }

    @Test
    void recipientsAndSignaturesFollowTheStatus() {
        Set<String> types = new TreeSet<>();
        Set<String> statuses = new TreeSet<>();
        for (SandboxContract draft : live("T-", ContractStatus.DRAFT)) {
            assertThat(recipients(draft.compositeId()).isEmpty()).isTrue();
            assertThat(metrics(draft).path("contract_signed_by_signatory_list").isEmpty()).isTrue();
            assertThat(metrics(draft).path("contract_turns").path("no_of_turns").intValue()).isZero();
        }
        for (SandboxContract negotiating : live("T-", ContractStatus.REDLINING)) {
            for (JsonNode item : recipients(negotiating.compositeId()).values()) {
                if (!item.path("recipient").path("recipient_type").asString().equals("APPROVER")) {
                    assertThat(item.path("status").asString()).isEqualTo("PENDING");
                    assertThat(item.path("recipient").path("is_sent_for_signature").booleanValue()).isFalse();
                }
            }
            assertThat(metrics(negotiating).path("pending_with").asString()).isEqualTo("COUNTER_PARTY");
        }
        for (SandboxContract executed : live("T-", ContractStatus.EXECUTED)) {
            List<JsonNode> items = recipients(executed.compositeId()).values().stream().toList();
            List<JsonNode> signatories = items.stream()
                    .filter(i -> i.path("recipient").path("recipient_type").asString().equals("SIGNATORY")).toList();
            assertThat(signatories).isNotEmpty().allSatisfy(signatory -> {
                assertThat(signatory.path("status").asString()).isEqualTo("COMPLETED");
                assertThat(signatory.path("recipient_action").path("is_success").booleanValue()).isTrue();
                assertThat(instant(signatory.path("recipient_action").path("timestamp")))
                        .isBefore(executed.executedAt());
            });
            JsonNode metrics = metrics(executed);
            List<JsonNode> signatures = metrics.path("contract_signed_by_signatory_list").values().stream().toList();
            assertThat(signatures).hasSameSizeAs(signatories);
            assertThat(signatures).anyMatch(s -> s.path("is_creator_party").booleanValue());
            assertThat(signatures).allSatisfy(s -> assertThat(instant(s.path("signed_datetime")))
                    .isAfterOrEqualTo(instant(metrics.path("marked_for_signature_datetime")))
                    .isBefore(executed.executedAt()));
            assertThat(instant(metrics.path("contract_executed_datetime"))).isEqualTo(executed.executedAt());
            assertThat(metrics.has("pending_with")).isFalse();
            assertThat(metrics.path("contract_turns").path("no_of_turns").intValue()).isPositive();
            assertThat(instant(metrics.path("cp_opened_review_email_datetime")))
                    .isAfterOrEqualTo(instant(metrics.path("contract_sent_to_cp_datetime")));
            items.forEach(i -> {
                types.add(i.path("recipient").path("recipient_type").asString());
                statuses.add(i.path("status").asString());
            });
        }
        for (SandboxContract signing : live("T-", ContractStatus.SIGN)) {
            recipients(signing.compositeId()).values().forEach(i -> statuses.add(i.path("status").asString()));
        }
        assertThat(types).containsExactlyInAnyOrder("SIGNATORY", "APPROVER", "RECEIVER");
        assertThat(statuses).containsExactlyInAnyOrder("PENDING", "IN_PROGRESS", "COMPLETED");
    }

    @Test
    void aStatusChangeChangesApprovalsRecipientsAndMetrics() {
        List<String> path = new ArrayList<>();
        for (int attempt = 0; attempt < 15 && !path.equals(List.of("REDLINING", "SIGN", "EXECUTED")); attempt++) {
            path.clear();
            String id = sandbox.createContract();
            Map<String, Object> draft = sandbox.lifecycle(id);
            assertThat(recipients(id).isEmpty()).isTrue();
            sandbox.advanceStatus(id);
            if (sandbox.contract(id).status() != ContractStatus.REDLINING) {
                continue;
            }
            path.add("REDLINING");
            Map<String, Object> sent = sandbox.lifecycle(id);
            assertThat(sent.get("approvals")).isNotEqualTo(draft.get("approvals"));
            assertThat(approvals(id).get(0).path("approval").path("status").asString()).isEqualTo("APPROVED");
            assertThat(recipients(id).isEmpty()).isFalse();
            sandbox.advanceStatus(id);
            if (sandbox.contract(id).status() != ContractStatus.SIGN) {
                continue;
            }
            path.add("SIGN");
            Map<String, Object> signing = sandbox.lifecycle(id);
            assertThat(signing.get("recipients")).isNotEqualTo(sent.get("recipients"));
            assertThat(signing.get("approvals")).as("a signature request leaves approvals alone").isEqualTo(sent.get("approvals"));
            assertThat(recipients(id).values()).filteredOn(i -> i.path("recipient").path("recipient_type").asString()
                    .equals("SIGNATORY")).allMatch(i -> i.path("status").asString().equals("IN_PROGRESS"));
            assertThat(metrics(sandbox.contract(id)).path("pending_with").asString()).isEqualTo("BOTH");
            sandbox.advanceStatus(id);
            if (sandbox.contract(id).status() != ContractStatus.EXECUTED) {
                continue;
            }
            path.add("EXECUTED");
            SandboxContract executed = sandbox.contract(id);
            assertThat(sandbox.lifecycle(id).get("recipients")).isNotEqualTo(signing.get("recipients"));
            assertThat(metrics(executed).path("contract_signed_by_signatory_list").values())
                    .isNotEmpty()
                    .allMatch(s -> !instant(s.path("signed_datetime")).isAfter(executed.executedAt()));
        }
        assertThat(path).containsExactly("REDLINING", "SIGN", "EXECUTED");
    }

    @Test
    void hooksChangeApprovalsAndSignaturesBumpLastUpdatedAndSendTheirWebhooks() {
        String id = sandbox.createContract();
        int before = receiver.deliveries().size();
        Instant created = sandbox.contract(id).lastUpdated();

        sandbox.requestApproval(id);
        assertThat(approvals(id).get(0).path("approval").path("status").asString()).isEqualTo("PENDING");
        sandbox.suggestChanges(id);
        sandbox.rejectApproval(id);
        sandbox.approve(id);
        JsonNode legal = approvals(id).get(0);
        assertThat(legal.path("approval").path("status").asString()).isEqualTo("APPROVED");
        assertThat(legal.path("approval_actions").values()).extracting(a -> a.path("status").asString())
                .containsExactly("SUGGESTED", "REJECTED", "APPROVED");
        assertThat(legal.path("approval_actions").values()).extracting(a -> a.path("latest").booleanValue())
                .containsExactly(false, false, true);
        assertThat(sandbox.contract(id).lastUpdated()).isAfter(created);
        assertThatThrownBy(() -> sandbox.sign(id)).isInstanceOf(IllegalStateException.class);

        SandboxContract signing = live("T-", ContractStatus.SIGN).stream()
                .filter(c -> recipients(c.compositeId()).values().stream().filter(i -> i.path("status").asString()
                        .equals("IN_PROGRESS") && i.path("recipient").path("recipient_type").asString().equals("SIGNATORY"))
                        .count() >= 2)
                .findFirst().orElseThrow();
        int signedBefore = metrics(signing).path("contract_signed_by_signatory_list").size();
        sandbox.sign(signing.compositeId());
        assertThat(metrics(sandbox.contract(signing.compositeId())).path("contract_signed_by_signatory_list").size())
                .isEqualTo(signedBefore + 1);
        assertThat(sandbox.contract(signing.compositeId()).lastUpdated()).isAfter(signing.lastUpdated());
        sandbox.declineSignature(signing.compositeId());
        assertThat(recipients(signing.compositeId()).values())
                .anyMatch(i -> i.path("recipient_action").path("is_success").isBoolean()
                        && !i.path("recipient_action").path("is_success").booleanValue());

        SandboxContract fullySigned = null;
        for (SandboxContract candidate : live("T-", ContractStatus.SIGN)) {
            try {
                while (true) {
                    sandbox.sign(candidate.compositeId());
                }
            } catch (IllegalStateException noneLeft) {
                // every signatory acted
            }
            if (recipients(candidate.compositeId()).values().stream()
                    .filter(i -> i.path("recipient").path("recipient_type").asString().equals("SIGNATORY"))
                    .allMatch(i -> i.path("recipient_action").path("is_success").booleanValue())) {
                fullySigned = candidate;
                break;
            }
        }
        assertThat(fullySigned).isNotNull();
        sandbox.markForExecution(fullySigned.compositeId());
        assertThat(recipients(fullySigned.compositeId()).values())
                .filteredOn(i -> i.path("recipient").path("recipient_type").asString().equals("RECEIVER"))
                .allMatch(i -> i.path("recipient").path("is_sent_for_signature").booleanValue());

        SandboxContract negotiating = live("T-", ContractStatus.REDLINING).get(0);
        sandbox.emailOpened(negotiating.compositeId());
        sandbox.updateCounterparty(negotiating.compositeId());

        await().atMost(WAIT).until(() -> receiver.deliveries().size() >= before + 11);
        List<String> activities = receiver.deliveries().stream().skip(before).map(WebhookReceiver.Delivery::activity)
                .toList();
        assertThat(activities).contains("CONTRACT_CREATED", "CONTRACT_APPROVAL_REQUESTED", "CONTRACT_APPROVAL_COMPLETED",
                "CONTRACT_SIGNED", "CONTRACT_SIGNATURE_DECLINED", "CONTRACT_MARK_FOR_EXECUTION",
                "REDLINING_EMAIL_OPENED", "COUNTER_PARTY_UPDATED");
        assertThat(activities.stream().filter("CONTRACT_APPROVAL_COMPLETED"::equals).count()).isEqualTo(3);
    }

    @Test
    void theAdminHandlerRunsTheHooksOverHttp() {
        String id = sandbox.createContract();
        assertThat(http.postEmpty("/_sandbox/contracts/" + id + "/sign").statusCode()).isEqualTo(400);
        assertThat(http.postEmpty("/_sandbox/contracts/" + id + "/request-approval").statusCode()).isEqualTo(200);
        JsonNode answer = json(http.postEmpty("/_sandbox/contracts/" + id + "/approve"));
        assertThat(answer.path("approvals").path("results").get(0).path("approval").path("status").asString())
                .isEqualTo("APPROVED");
        assertThat(http.postEmpty("/_sandbox/contracts/T-999999/approve").statusCode()).isEqualTo(404);
    }

    @Test
    void usersTemplatesAndPeopleIncludeInactiveAndNonAsciiOnes() {
        JsonNode users = http.getJson(V21 + "/auth/users/?limit=100");
        assertThat(users.path("total_results").intValue()).isEqualTo(users.path("results").size()).isGreaterThan(10);
        assertThat(users.path("results").values()).anyMatch(u -> !u.path("is_active").booleanValue());
        assertThat(users.path("results").values()).anyMatch(u -> !isAscii(u.path("name").asString()));
        assertThat(users.path("results").values()).anyMatch(u -> !isAscii(u.path("email").asString()));
        assertThat(users.path("results").values()).allMatch(u -> u.path("roles").isArray());
        JsonNode page2 = http.getJson(V21 + "/auth/users/?page=2&limit=5");
        assertThat(page2.path("results").size()).isEqualTo(5);
        assertThat(page2.path("results").get(0).path("id")).isEqualTo(users.path("results").get(5).path("id"));
        JsonNode byEmail = http.getJson(V21 + "/auth/users/?user_email=" + SandboxHttp.encode("ZOË.müller@northwind.example"));
        assertThat(byEmail.path("results").values()).extracting(u -> u.path("name").asString())
                .containsExactly("Zoë Müller-Østergaard");
        assertThat(http.getJson(V21 + "/auth/users/?user_name=jo").path("results").values())
                .extracting(u -> u.path("name").asString()).containsExactlyInAnyOrder("Jonas Becker", "José Núñez");

        JsonNode templates = http.getJson(V21 + "/templates/").path("items");
        assertThat(templates.size()).isEqualTo(10);
        Set<Integer> types = http.getJson(V21 + "/contract_types/").values().stream().map(t -> t.path("id").intValue())
                .collect(Collectors.toSet());
        assertThat(templates.values()).allMatch(t -> types.contains(t.path("contract_type_id").intValue()));
        assertThat(http.getJson(V21 + "/templates/?cp_types=Individual").path("items").values())
                .extracting(t -> t.path("contract_type_id").intValue()).containsOnly(106);

        List<String> people = new ArrayList<>();
        for (SandboxContract contract : live("T-", ContractStatus.EXECUTED)) {
            approvals(contract.compositeId()).values().forEach(a -> people.add(a.path("approval").path("org_user")
                    .path("name").asString() + " " + a.path("approval").path("org_user").path("email").asString()));
            recipients(contract.compositeId()).values().forEach(r -> people.add(r.path("recipient").path("user")
                    .path("name").asString() + " " + r.path("recipient").path("user").path("email").asString()));
        }
        assertThat(people).anyMatch(p -> !isAscii(p.substring(p.lastIndexOf(' ') + 1)));
        assertThat(people).anyMatch(p -> !isAscii(p.substring(0, p.lastIndexOf(' '))));
    }

    @Test
    void lifecycleMutationsAreOffUntilSwitchedOnThenSendLifecycleActivities() {
        Set<String> lifecycleActivities = Set.of("CONTRACT_APPROVAL_REQUESTED", "CONTRACT_APPROVAL_COMPLETED",
                "CONTRACT_SIGNED", "CONTRACT_SIGNATURE_DECLINED", "CONTRACT_MARK_FOR_EXECUTION",
                "REDLINING_EMAIL_OPENED", "SIGNING_EMAIL_OPENED", "COUNTER_PARTY_UPDATED");
        try (WebhookReceiver own = new WebhookReceiver();
                SpotDraftSandbox other = SpotDraftSandbox.start(SandboxSettings.builder().contracts(80).seed(15)
                        .requestsPerSecond(0).webhooks(WebhookDeliverySettings.builder().target(own.url()).build()).build())) {
            other.mutate(30);
            await().atMost(WAIT).until(() -> own.deliveries().size() == 30);
            assertThat(own.deliveries()).extracting(WebhookReceiver.Delivery::activity)
                    .doesNotContainAnyElementsOf(lifecycleActivities);

            other.setLifecycleMutations(true);
            other.mutate(60);
            await().atMost(WAIT).until(() -> own.deliveries().size() == 90);
            assertThat(own.deliveries().stream().skip(30).map(WebhookReceiver.Delivery::activity))
                    .contains("CONTRACT_APPROVAL_COMPLETED", "CONTRACT_SIGNED")
                    .filteredOn(lifecycleActivities::contains).hasSizeGreaterThan(15);
        }
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 128);
    }
}
