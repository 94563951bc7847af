package io.spotdraftsync.spotdraft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

class SpotDraftPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(io.spotdraftsync.workspace.WorkspacesConfiguration.class);

    @Test
    void missingCredentialsFailTheStartNamingTheProperties() {
        context.withPropertyValues("spotdraft.region=us", "spotdraft.client-secret= ").run(started -> {
            assertThat(started).hasFailed();
            String message = messages(started.getStartupFailure());
            assertThat(message).contains("spotdraft.client-id is required").contains("spotdraft.client-secret is required");
        });
    }

    @Test
    void aMissingEndpointFailsNamingBothWaysToSetIt() {
        context.withPropertyValues("spotdraft.client-id=a", "spotdraft.client-secret=b").run(started ->
                assertThat(messages(started.getStartupFailure())).contains("spotdraft.base-url").contains("spotdraft.region"));
    }

    @Test
    void aBaseUrlWithAPathIsRefused() {
        context.withPropertyValues("spotdraft.client-id=a", "spotdraft.client-secret=b",
                "spotdraft.base-url=https://api.us.spotdraft.com/api/v2.1").run(started ->
                assertThat(messages(started.getStartupFailure())).contains("spotdraft.base-url must be an absolute http(s) URL with no path"));
    }

    @Test
    void regionGivesTheRegionalHostAndTheSecretNeverPrints() {
        context.withPropertyValues("spotdraft.client-id=a", "spotdraft.client-secret=very-secret-value", "spotdraft.region=eu")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    SpotDraftProperties properties = started.getBean(SpotDraftProperties.class);
                    assertThat(properties.apiBaseUrl()).hasToString("https://api.eu.spotdraft.com");
                    assertThat(properties.pageSize()).isEqualTo(100);
                    assertThat(properties.requestsPerSecond()).isEqualTo(10);
                    assertThat(properties.toString()).doesNotContain("very-secret-value");
                    assertThat(started.getBean(io.spotdraftsync.workspace.Workspaces.class).resolve(null).client().baseUrl()).hasToString("https://api.eu.spotdraft.com");
                });
    }

    @Test
    void baseUrlWinsOverRegionAndLosesItsTrailingSlash() {
        context.withPropertyValues("spotdraft.client-id=a", "spotdraft.client-secret=b", "spotdraft.region=eu",
                "spotdraft.base-url=http://127.0.0.1:18089/").run(started ->
                assertThat(started.getBean(SpotDraftProperties.class).apiBaseUrl()).hasToString("http://127.0.0.1:18089"));
    }

    @Test
    void theBudgetIsLocalByDefault() {
        context.withPropertyValues("spotdraft.client-id=a", "spotdraft.client-secret=b", "spotdraft.region=eu").run(started ->
                assertThat(started.getBean(io.spotdraftsync.workspace.Workspaces.class).resolve(null).budget())
                        .isInstanceOf(LocalRequestBudget.class));
    }

    @Test
    void anUnknownBudgetStoreIsRefusedNamingTheProperty() {
        context.withPropertyValues("spotdraft.client-id=a", "spotdraft.client-secret=b", "spotdraft.region=eu",
                "spotdraft.rate-limit.store=redis").run(started ->
                assertThat(messages(started.getStartupFailure())).contains("spotdraft.rate-limit.store").contains("redis"));
    }

    @Test
    void aPostgresBudgetWithoutADatabaseIsRefusedNamingTheProperty() {
        context.withPropertyValues("spotdraft.client-id=a", "spotdraft.client-secret=b", "spotdraft.region=eu",
                "spotdraft.rate-limit.store=postgres").run(started ->
                assertThat(messages(started.getStartupFailure())).contains("spotdraft.rate-limit.store=postgres")
                        .contains("spring.datasource.url"));
    }

    @Test
    void aPostgresBudgetOnTheEmbeddedH2JobRepositoryIsRefusedNamingBothProperties() {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:budget-store");
        context.withBean(javax.sql.DataSource.class, () -> h2)
                .withPropertyValues("spotdraft.client-id=a", "spotdraft.client-secret=b", "spotdraft.region=eu",
                        "spotdraft.rate-limit.store=POSTGRES")
                .run(started -> assertThat(messages(started.getStartupFailure()))
                        .contains("spotdraft.rate-limit.store=postgres").contains("spring.datasource.url").contains("H2"));
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
