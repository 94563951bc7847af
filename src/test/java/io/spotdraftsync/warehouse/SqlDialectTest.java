package io.spotdraftsync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlDialectTest {

    @Test
    void theUrlPicksTheDialect() {
        assertThat(SqlDialect.forUrl("jdbc:duckdb:./data/warehouse.duckdb")).isInstanceOf(DuckDbDialect.class);
        assertThat(SqlDialect.forUrl("jdbc:postgresql://db:5432/dw")).isInstanceOf(PostgresDialect.class);
        assertThat(SqlDialect.forUrl(" JDBC:SNOWFLAKE://acme.snowflakecomputing.com")).isInstanceOf(SnowflakeDialect.class);
    }

    @Test
    void anUnsupportedUrlIsRefusedNamingThePropertyWithoutItsPassword() {
        assertThatThrownBy(() -> SqlDialect.forUrl("jdbc:mysql://db/dw?user=a&password=secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sync.warehouse.url must be a jdbc:duckdb:, jdbc:postgresql: or jdbc:snowflake: URL")
                .hasMessageContaining("password=****")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> SqlDialect.forUrl(null)).hasMessageContaining("sync.warehouse.url");
    }

    @Test
    void onlySnowflakeLoadsThroughAStageAndCommitsDdlOnItsOwn() {
        assertThat(new SnowflakeDialect().loadsFromStage()).isTrue();
        assertThat(new SnowflakeDialect().transactionalDdl()).isFalse();
        assertThat(new DuckDbDialect().loadsFromStage()).isFalse();
        assertThat(new PostgresDialect().transactionalDdl()).isTrue();
        assertThatThrownBy(() -> new PostgresDialect().put(java.nio.file.Path.of("x"), "@~/x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aLoadIdCannotEscapeItsStageFolder() {
        assertThatThrownBy(() -> new SnowflakeDialect().stageLocation("~", "../other"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
