package io.spotdraftsync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The scripts under sql/ as documents: every table, view and column commented in every dialect, typed with time
 * zones, and described in the data dictionary and the dbt sources.
 */
class DdlScriptsTest {

    private static final Path SQL = Path.of("sql");
    private static final List<String> DIALECTS = List.of("duckdb", "postgresql", "snowflake");
    private static final List<String> VIEWS = List.of("contracts_current", "contract_key_pointers_current");

    private static List<String> columns(TableSpec<?> table) {
        List<String> columns = new ArrayList<>(table.columnNames());
        if (table.softDelete()) {
            columns.addAll(List.of("_deleted", "_deleted_at"));
        }
        return columns;
    }

    private static String scripts(String dialect) throws IOException {
        try (var files = Files.list(SQL.resolve(dialect))) {
            return files.sorted().map(file -> {
                try {
                    return Files.readString(file);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
    }

    @Test
    void everyTableViewAndColumnHasACommentInEveryDialect() throws IOException {
        for (String dialect : DIALECTS) {
            String text = scripts(dialect);
            SqlDialect sql = SqlDialect.forUrl("jdbc:" + dialect + ":x");
            for (TableSpec<?> table : Tables.ALL) {
                assertThat(text).as(dialect).contains("CREATE TABLE IF NOT EXISTS " + table.name() + " (")
                        .contains("COMMENT ON TABLE " + table.name() + " IS '");
                for (String column : columns(table)) {
                    assertThat(text).as(dialect + " " + table.name())
                            .contains("COMMENT ON COLUMN " + table.name() + "." + sql.identifier(column) + " IS '");
                }
            }
            for (String view : VIEWS) {
                assertThat(text).as(dialect).contains("CREATE OR REPLACE VIEW " + view + " AS")
                        .contains("COMMENT ON VIEW " + view + " IS '");
            }
        }
    }

    @Test
    void timestampsCarryATimeZoneAndJsonIsTyped() throws IOException {
        assertThat(scripts("duckdb")).contains("_synced_at TIMESTAMPTZ NOT NULL").contains("external_metadata JSON,")
                .doesNotContainPattern("TIMESTAMP[ ,]");
        assertThat(scripts("postgresql")).contains("_synced_at TIMESTAMPTZ NOT NULL").contains("external_metadata JSONB,")
                .doesNotContainPattern("TIMESTAMP[ ,]");
        assertThat(scripts("snowflake")).contains("_synced_at TIMESTAMP_TZ NOT NULL").contains("external_metadata VARIANT,")
                .contains("\"TRIGGER\" VARCHAR").doesNotContain("TIMESTAMP_NTZ").doesNotContain("TIMESTAMPTZ");
    }

    @Test
    void theDataDictionaryAndTheDbtSourcesDescribeEveryColumn() throws IOException {
        String dictionary = Files.readString(SQL.resolve("README.md"));
        String sources = Files.readString(SQL.resolve("dbt/sources.yml"));
        for (TableSpec<?> table : Tables.ALL) {
            assertThat(dictionary).contains("### `" + table.name() + "`");
            assertThat(sources).contains("- name: " + table.name() + "\n");
            for (String column : columns(table)) {
                assertThat(dictionary).as(table.name()).contains("| `" + column + "` |");
                assertThat(sources).as(table.name()).containsPattern("- name: \"?" + column + "\"?\n");
            }
        }
        assertThat(sources).contains("loaded_at_field: _synced_at").contains("freshness:");
    }
}
