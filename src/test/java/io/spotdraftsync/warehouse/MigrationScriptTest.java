package io.spotdraftsync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MigrationScriptTest {

    @Test
    void theFileNameGivesTheVersion() {
        MigrationScript script = MigrationScript.of("sql/duckdb/V012__add_things.sql", "SELECT 1;");
        assertThat(script.version()).isEqualTo(12);
        assertThat(script.fileName()).isEqualTo("V012__add_things.sql");
        assertThat(script.location()).isEqualTo("sql/duckdb/V012__add_things.sql");
    }

    @Test
    void aBadNameIsRefused() {
        assertThatThrownBy(() -> MigrationScript.of("sql/duckdb/contracts.sql", ""))
                .hasMessageContaining("V<version>__<name>.sql").hasMessageContaining("sql/duckdb/contracts.sql");
    }

    @Test
    void statementsSplitAtSemicolonsOutsideQuotesAndComments() {
        MigrationScript script = MigrationScript.of("V1__x.sql", """
                -- a comment; with a semicolon
                CREATE TABLE t (a VARCHAR, "odd;name" VARCHAR);
                COMMENT ON TABLE t IS 'it''s; fine';

                -- only a comment at the end;
                """);
        assertThat(script.statements()).containsExactly(
                "CREATE TABLE t (a VARCHAR, \"odd;name\" VARCHAR)",
                "COMMENT ON TABLE t IS 'it''s; fine'");
    }

    @Test
    void theChecksumIgnoresLineEndings() {
        assertThat(MigrationScript.of("V1__x.sql", "A;\r\nB;\r\n").checksum())
                .isEqualTo(MigrationScript.of("V1__x.sql", "A;\nB;\n").checksum())
                .isNotEqualTo(MigrationScript.of("V1__x.sql", "A;\nC;\n").checksum());
    }

    @Test
    void everyPackagedScriptSplitsIntoStatements() {
        for (SqlDialect dialect : new SqlDialect[] {new DuckDbDialect(), new PostgresDialect(), new SnowflakeDialect()}) {
            assertThat(MigrationRunner.packaged(dialect)).extracting(MigrationScript::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            for (MigrationScript script : MigrationRunner.packaged(dialect)) {
                assertThat(script.statements()).as(script.location()).isNotEmpty()
                        .allSatisfy(statement -> assertThat(statement).matches("(?s)(CREATE|COMMENT) .*"));
            }
        }
    }
}
