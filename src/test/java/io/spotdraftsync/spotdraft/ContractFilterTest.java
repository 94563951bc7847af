package io.spotdraftsync.spotdraft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ContractFilterTest {

    @Test
    void buildsTheDocumentedFilterParameters() {
        ContractFilter filter = ContractFilter.none()
                .lastUpdatedOnAtLeast(Instant.parse("2026-01-05T10:00:00.250Z"))
                .contractIdIn(List.of("T-12", "H-12"))
                .displayStatus("EXECUTED")
                .query("Acme");

        assertThat(filter.toQueryParameters()).containsExactly(
                org.assertj.core.api.Assertions.entry("filter__contract_id[$in]", "T-12,H-12"),
                org.assertj.core.api.Assertions.entry("filter__display_status", "EXECUTED"),
                org.assertj.core.api.Assertions.entry("filter__last_updated_on[$gte]", "2026-01-05T10:00:00.250Z"),
                org.assertj.core.api.Assertions.entry("query", "Acme"));
    }

    @Test
    void isImmutable() {
        ContractFilter base = ContractFilter.none();
        base.displayStatus("DRAFT");
        assertThat(base.toQueryParameters()).isEmpty();
    }

    @Test
    void refusesDateOperatorsOnTextFieldsAndEmptyIdLists() {
        assertThatThrownBy(() -> ContractFilter.none().where("contract_type_name", ContractFilter.Operator.GT, Instant.EPOCH))
                .hasMessageContaining("not a date field");
        assertThatThrownBy(() -> ContractFilter.none().contractIdIn(List.of()))
                .hasMessageContaining("at least one id");
        assertThatThrownBy(() -> ContractFilter.none().where("bad field", ContractFilter.Operator.EQ, "x"))
                .hasMessageContaining("Not a filter field name");
    }
}
