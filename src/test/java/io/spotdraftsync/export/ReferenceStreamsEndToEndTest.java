package io.spotdraftsync.export;

import static io.spotdraftsync.export.ExportEndToEndTest.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.spotdraftsync.sandbox.SandboxSettings;
import io.spotdraftsync.sandbox.SpotDraftSandbox;
import io.spotdraftsync.testsupport.ExportHarness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workspace reference streams users, templates and organization_entities: after an export each table equals
 * what the sandbox serves, row by row and typed; each costs its listing's calls once per run; a disabled stream makes
 * no call and leaves its table as it was.
 */
class ReferenceStreamsEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USERS = "GET /api/v2.1/public/auth/users/";
    private static final String TEMPLATES = "GET /api/v2.1/public/templates/";
    private static final String ENTITIES = "GET /api/v2.1/public/organizations/entities/";

    @Test
    void referenceTablesEqualTheSandboxAndADisabledStreamMakesNoCall(@TempDir Path work) throws Exception {
        try (SpotDraftSandbox sandbox = SpotDraftSandbox.start(SandboxSettings.builder().contracts(12).seed(14)
                .requestsPerSecond(0).build())) {
            ExportRunner.Outcome full = ExportHarness.against(sandbox, work).run(true);
            assertThat(full.completed()).isTrue();

            List<Map<String, Object>> users = sandbox.users();
            long userPages = (users.size() + 99) / 100;
            assertThat(sandbox.stats().requests(USERS)).as("users: ceil(%d / 100) pages", users.size()).isEqualTo(userPages);
            assertThat(sandbox.stats().requests(TEMPLATES)).isEqualTo(1);
            assertThat(sandbox.stats().requests(ENTITIES)).isEqualTo(1);

            List<List<Object>> expectedUsers = new ArrayList<>();
            for (Map<String, Object> user : users) {
                expectedUsers.add(java.util.Arrays.asList(((Number) user.get("id")).longValue(), user.get("email"), user.get("name"),
                        user.get("designation"), user.get("is_active"), JSON.valueToTree(user.get("roles")), false));
            }
            assertThat(rows(work, "SELECT user_id, email, user_name, designation, is_active, roles, _deleted FROM users ORDER BY user_id", 6))
                    .containsExactlyElementsOf(expectedUsers.stream().sorted(java.util.Comparator.comparing(row -> (Long) row.get(0))).toList());
            assertThat(users).as("the sandbox has inactive users and non-ASCII names")
                    .anyMatch(user -> Boolean.FALSE.equals(user.get("is_active")))
                    .anyMatch(user -> !String.valueOf(user.get("name")).matches("\\p{ASCII}*"));

            List<List<Object>> expectedTemplates = sandbox.templates().stream()
                    .map(template -> java.util.Arrays.<Object>asList(((Number) template.get("id")).longValue(), template.get("name"),
                            ((Number) template.get("contract_type_id")).longValue()))
                    .sorted(java.util.Comparator.comparing(row -> (Long) row.get(0))).toList();
            assertThat(expectedTemplates).isNotEmpty();
            assertThat(rows(work, "SELECT template_id, template_name, contract_type_id FROM templates ORDER BY template_id", -1))
                    .containsExactlyElementsOf(expectedTemplates);

            List<List<Object>> expectedEntities = new ArrayList<>();
            for (JsonNode entity : get(sandbox, "/api/v2.1/public/organizations/entities/")) {
                expectedEntities.add(java.util.Arrays.asList(entity.get("id").longValue(), entity.get("name").stringValue(),
                        entity.get("reference_id").stringValue(), entity.path("jurisdiction").path("code2").stringValue(),
                        entity.path("organization_type").path("name").stringValue(), entity.get("is_primary").booleanValue(),
                        entity.get("primary_address")));
            }
            assertThat(expectedEntities).isNotEmpty();
            assertThat(rows(work, "SELECT entity_id, entity_name, reference_id, jurisdiction, organization_type, is_primary, address"
                    + " FROM organization_entities ORDER BY entity_id", 7))
                    .containsExactlyElementsOf(expectedEntities.stream().sorted(java.util.Comparator.comparing(row -> (Long) row.get(0))).toList());

            // the users stream switched off: no call, the table as it was (same rows, same _synced_at)
            long syncedBefore = count(work, "SELECT COUNT(DISTINCT _synced_at) FROM users");
            String usersBefore = rows(work, "SELECT user_id, _synced_at, _run_id FROM users ORDER BY user_id", -1).toString();
            sandbox.resetStats();
            ExportRunner.Outcome withoutUsers = ExportHarness.against(sandbox, work).with("sync.streams.users.enabled", false)
                    .with("sync.streams.organization_entities.enabled", false).run(false);
            assertThat(withoutUsers.completed()).isTrue();
            assertThat(sandbox.stats().requests(USERS)).as("users disabled").isZero();
            assertThat(sandbox.stats().requests(ENTITIES)).as("organization_entities disabled (underscore spelling)").isZero();
            assertThat(sandbox.stats().requests(TEMPLATES)).as("templates still on").isEqualTo(1);
            assertThat(rows(work, "SELECT user_id, _synced_at, _run_id FROM users ORDER BY user_id", -1).toString()).isEqualTo(usersBefore);
            assertThat(count(work, "SELECT COUNT(DISTINCT _synced_at) FROM users")).isEqualTo(syncedBefore);
            System.out.printf("reference streams: %d users (%d call(s)), %d templates (1 call), %d entities (1 call) per run%n",
                    users.size(), userPages, expectedTemplates.size(), expectedEntities.size());
        }
    }

    private static JsonNode get(SpotDraftSandbox sandbox, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl().toString().replaceAll("/$", "") + path))
                .header("client-id", sandbox.settings().clientId()).header("client-secret", sandbox.settings().clientSecret())
                .GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Rows as lists; the column at {@code jsonColumn} (1-based, -1: none) parsed as JSON, so key order does not matter. */
    private static List<List<Object>> rows(Path work, String sql, int jsonColumn) throws SQLException {
        try (Connection connection = ExportEndToEndTest.readOnly(work); Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = results.getMetaData().getColumnCount();
            while (results.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = results.getObject(i);
                    if (i == jsonColumn && value != null) {
                        value = JSON.readTree(value.toString());
                    } else if (value instanceof Integer number) {
                        value = number.longValue();
                    } else if (value != null && !(value instanceof String || value instanceof Long || value instanceof Boolean)) {
                        value = value.toString();
                    }
                    row.add(value);
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
