package io.spotdraftsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** The admin API's pieces on their own: token, header parsing, request body, failure messages. */
class AdminPiecesTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @Test
    void onlyTheExactTokenMatches() {
        AdminToken token = AdminToken.resolve(new AdminProperties(TOKEN, Path.of("unused")), new MockEnvironment());
        assertThat(token.matches(TOKEN)).isTrue();
        assertThat(token.matches(TOKEN + "0")).isFalse();
        assertThat(token.matches(TOKEN.substring(1))).isFalse();
        assertThat(token.matches(TOKEN.toUpperCase())).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThat(token.toString()).doesNotContain(TOKEN);
    }

    @Test
    void aWorkspaceWithoutTokenIsRefusedAndTheSandboxGetsAGeneratedOne(@TempDir Path work) throws Exception {
        assertThatThrownBy(() -> AdminToken.resolve(new AdminProperties(" ", work.resolve("t")), new MockEnvironment()))
                .isInstanceOf(AdminTokenRequiredException.class).hasMessageStartingWith("sync.admin.token is required by serve");

        Path file = work.resolve("nested").resolve("dir").resolve("admin-token");
        AdminToken generated = AdminToken.resolve(new AdminProperties(null, file),
                new MockEnvironment().withProperty("sync.embedded-sandbox.active", "true"));
        assertThat(generated.matches(Files.readString(file))).isTrue();
    }

    @Test
    void theTokenFileIsOwnerOnlyAndReplacesAnOldOne(@TempDir Path work) throws Exception {
        Path file = work.resolve("admin-token");
        Files.writeString(file, "old token, world-readable");
        boolean posix = Files.getFileStore(work).supportsFileAttributeView(PosixFileAttributeView.class);
        if (posix) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        AdminToken.write(file, "new-token-new-token");
        assertThat(Files.readString(file)).isEqualTo("new-token-new-token");
        if (posix) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        try (var files = Files.list(work)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void generatedTokensAreLongAndDiffer() {
        String one = AdminToken.generate();
        assertThat(one).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(AdminToken.generate()).isNotEqualTo(one);
    }

    @Test
    void tokenRules() {
        assertThat(new AdminProperties(null, Path.of("f")).isTokenWellFormed()).isTrue();
        assertThat(new AdminProperties("", Path.of("f")).isTokenWellFormed()).isTrue();
        assertThat(new AdminProperties("fifteen-chars-x", Path.of("f")).isTokenWellFormed()).isFalse();
        assertThat(new AdminProperties("sixteen-chars-xx", Path.of("f")).isTokenWellFormed()).isTrue();
        assertThat(new AdminProperties("sixteen chars xx", Path.of("f")).isTokenWellFormed()).isFalse();
        assertThat(new AdminProperties("sixteen-chärs-xx", Path.of("f")).isTokenWellFormed()).isFalse();
        assertThat(new AdminProperties(TOKEN, Path.of("f")).toString()).doesNotContain(TOKEN);
    }

    @Test
    void bearerCredentials() {
        assertThat(BearerTokenFilter.bearerCredentials("Bearer abc")).isEqualTo("abc");
        assertThat(BearerTokenFilter.bearerCredentials("bearer   abc  ")).isEqualTo("abc");
        assertThat(BearerTokenFilter.bearerCredentials("BEARER abc")).isEqualTo("abc");
        assertThat(BearerTokenFilter.bearerCredentials("Bearer")).isNull();
        assertThat(BearerTokenFilter.bearerCredentials("Bearer ")).isNull();
        assertThat(BearerTokenFilter.bearerCredentials("Bearerabc")).isNull();
        assertThat(BearerTokenFilter.bearerCredentials("Basic YWRtaW46YWJj")).isNull();
        assertThat(BearerTokenFilter.bearerCredentials(null)).isNull();
    }

    @Test
    void parametersAreStringsAndBooleansOrNumbersBecomeTheirText() {
        assertThat(AdminController.parameters(json("{\"parameters\": {\"full\": true, \"n\": 5, \"x\": 1.5, \"s\": \"yes\"}}")))
                .containsExactly(Map.entry("full", "true"), Map.entry("n", "5"), Map.entry("x", "1.5"), Map.entry("s", "yes"));
        assertThat(AdminController.parameters(null)).isEmpty();
        assertThat(AdminController.parameters(json("{}"))).isEmpty();
        assertThat(AdminController.parameters(json("{\"parameters\": null}"))).isEmpty();
        assertThatThrownBy(() -> AdminController.parameters(json("[]"))).isInstanceOf(AdminProblem.class);
        assertThatThrownBy(() -> AdminController.parameters(json("{\"parameters\": [\"full\"]}"))).isInstanceOf(AdminProblem.class);
        assertThatThrownBy(() -> AdminController.parameters(json("{\"parameters\": {\"full\": null}}")))
                .isInstanceOf(AdminProblem.class).hasMessageContaining("full");
        assertThatThrownBy(() -> AdminController.parameters(json("{\"parameters\": {\"full\": {\"a\": 1}}}")))
                .isInstanceOf(AdminProblem.class).hasMessageContaining("full");
        assertThatThrownBy(() -> AdminController.parameters(json("{\"params\": {}}")))
                .isInstanceOf(AdminProblem.class).hasMessageContaining("params");
    }

    @Test
    void aFailureShowsItsDeepestMessageWithoutTheStackTrace() {
        String stackTrace = """
                org.springframework.batch.core.step.StepExecutionException: chunk failed
                \tat org.springframework.batch.core.step.item.ChunkOrientedStep.doExecute(ChunkOrientedStep.java:1)
                \tat java.base/java.lang.Thread.run(Thread.java:840)
                Caused by: io.spotdraftsync.warehouse.WarehouseException: MERGE failed
                \tat io.spotdraftsync.warehouse.JdbcWarehouse.loadChunk(JdbcWarehouse.java:1)
                Caused by: java.sql.SQLException: disk full: /data/warehouse.duckdb
                \tat org.duckdb.DuckDBPreparedStatement.execute(DuckDBPreparedStatement.java:1)
                \t... 12 more
                """;
        assertThat(RunViews.withoutStackTrace(stackTrace)).isEqualTo("disk full: /data/warehouse.duckdb");
        assertThat(RunViews.withoutStackTrace("java.lang.IllegalStateException: boom\n\tat x.y(Z.java:1)\n")).isEqualTo("boom");
        assertThat(RunViews.withoutStackTrace("All steps already completed")).isEqualTo("All steps already completed");
    }

    private static tools.jackson.databind.JsonNode json(String text) {
        return AdminHttp.JSON.readTree(text);
    }
}
