package io.spotdraftsync.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import io.spotdraftsync.sandbox.SandboxContract;
import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates the sandbox's answers on the lifecycle endpoints (approvals, recipients, process metrics, users,
 * templates, organization entities) against SpotDraft's OpenAPI document, for contracts of every status and
 * after lifecycle changes, and checks that the answers cover every status and type the schemas enumerate.
 * Called over plain HTTP: it tests the sandbox, not our client.
 */
class LifecycleEndpointsConformanceTest {

    private static final String V21 = "/api/v2.1/public";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void everyLifecycleAnswerConformsAndCoversEveryStatus() throws Exception {
        Path document = Path.of(System.getProperty("spotdraft.openapi.path", "../shared/reference/spotdraft-openapi.yml"));
        Assumptions.assumeTrue(Files.isRegularFile(document),
                "SpotDraft's OpenAPI document is absent at " + document.toAbsolutePath() + ": conformance not checked");
        io.swagger.v3.parser.core.models.ParseOptions options = new io.swagger.v3.parser.core.models.ParseOptions();
        options.setResolve(true);
        // the document carries schema-level "examples" (an OpenAPI 3.1 keyword): parsed first, as the other test does
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createFor(
                new io.swagger.v3.parser.OpenAPIV3Parser().readLocation(document.toString(), null, options).getOpenAPI())
                .build();

        List<String> violations = new ArrayList<>();
        Set<String> approvalStatuses = new TreeSet<>();
        Set<String> actionStatuses = new TreeSet<>();
        Set<String> recipientStatuses = new TreeSet<>();
        Set<String> recipientTypes = new TreeSet<>();
        int answers = 0;
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(150).seed(21)
                .requestsPerSecond(0).build())) {
            // a few lifecycle changes first, so that their answers are checked too
            String signing = sandbox.contracts().stream().filter(c -> !c.deleted() && c.status().name().equals("SIGN")
                    && c.compositeId().startsWith("T-")).findFirst().orElseThrow().compositeId();
            sandbox.declineSignature(signing);
            String drafted = sandbox.createContract();
            sandbox.requestApproval(drafted);
            sandbox.rejectApproval(drafted);

            for (SandboxContract contract : sandbox.contracts()) {
                if (contract.deleted()) {
                    continue;
                }
                JsonNode approvals = get(sandbox, validator, violations,
                        V21 + "/contracts/approvals/" + contract.compositeId() + "/");
                approvals.path("results").values().forEach(item -> {
                    approvalStatuses.add(item.path("approval").path("status").asString());
                    item.path("approval_actions").values().forEach(a -> actionStatuses.add(a.path("status").asString()));
                });
                JsonNode recipients = get(sandbox, validator, violations,
                        V21 + "/contracts/" + contract.compositeId() + "/recipients/");
                recipients.path("items").values().forEach(item -> {
                    recipientStatuses.add(item.path("status").asString());
                    recipientTypes.add(item.path("recipient").path("recipient_type").asString());
                });
                get(sandbox, validator, violations, V21 + "/contracts/" + contract.numericId() + "/process_metrics/");
                answers += 3;
            }
            JsonNode users = get(sandbox, validator, violations, V21 + "/auth/users/?page=1&limit=50");
            assertThat(users.path("results").values()).anyMatch(user -> !user.path("is_active").booleanValue());
            get(sandbox, validator, violations, V21 + "/auth/users/?page=2&limit=5");
            get(sandbox, validator, violations, V21 + "/auth/users/?user_email="
                    + URLEncoder.encode("zoë.müller@northwind.example", StandardCharsets.UTF_8));
            get(sandbox, validator, violations, V21 + "/auth/users/?user_name=jo");
            get(sandbox, validator, violations, V21 + "/templates/");
            get(sandbox, validator, violations, V21 + "/templates/?cp_types=Individual");
            get(sandbox, validator, violations, V21 + "/organizations/entities/");
            answers += 7;
        }
        assertThat(answers).isGreaterThan(300);
        assertThat(violations).as("OpenAPI violations").isEmpty();
        assertThat(approvalStatuses).containsExactlyInAnyOrder("NOT_STARTED", "PENDING", "REJECTED", "SUGGESTED",
                "APPROVED", "SKIPPED");
        assertThat(actionStatuses).containsExactlyInAnyOrder("APPROVED", "REJECTED", "SUGGESTED", "SKIPPED");
        assertThat(recipientStatuses).containsExactlyInAnyOrder("PENDING", "IN_PROGRESS", "COMPLETED");
        assertThat(recipientTypes).containsExactlyInAnyOrder("SIGNATORY", "APPROVER", "RECEIVER");
    }

    private JsonNode get(SpotDraftSandbox sandbox, OpenApiInteractionValidator validator, List<String> violations,
            String pathAndQuery) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery))
                .header("client-id", sandbox.settings().clientId())
                .header("client-secret", sandbox.settings().clientSecret())
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET %s", pathAndQuery).isEqualTo(200);
        URI uri = URI.create(pathAndQuery);
        SimpleRequest.Builder request = new SimpleRequest.Builder("GET", uri.getRawPath())
                .withHeader("client-id", sandbox.settings().clientId())
                .withHeader("client-secret", sandbox.settings().clientSecret());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                request.withQueryParam(pair.substring(0, equals),
                        java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        SimpleResponse.Builder answer = new SimpleResponse.Builder(response.statusCode())
                .withContentType("application/json").withBody(response.body());
        ValidationReport report = validator.validate(request.build(), answer.build());
        report.getMessages().stream().filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .forEach(message -> violations.add("GET " + pathAndQuery + ": " + message.getKey() + ": "
                        + message.getMessage()));
        return JSON.readTree(response.body());
    }
}
