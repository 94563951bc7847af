package io.spotdraftsync.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spotdraftsync.spotdraft.LocalRequestBudget;
import io.spotdraftsync.spotdraft.SpotDraftClient;
import io.spotdraftsync.spotdraft.SpotDraftProperties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

/** Several workspaces: each its own connection, budget, folder and jobs; every configuration mistake named. */
class WorkspacesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(WorkspacesConfiguration.class);

    @Test
    void eachWorkspaceHasItsOwnConnectionBudgetFolderAndJobs() {
        context.withPropertyValues(
                "spotdraft.requests-per-second=7",
                "sync.workspaces.uat.base-url=http://127.0.0.1:18111/",
                "sync.workspaces.uat.client-id=uat-id",
                "sync.workspaces.uat.client-secret=uat-secret",
                "sync.workspaces.uat.requests-per-second=3",
                "sync.workspaces.uat.document-prefix=/spotdraft/uat/",
                "sync.workspaces.uat.jobs=export,reconcile",
                "sync.workspaces.prod.region=eu",
                "sync.workspaces.prod.client-id=prod-id",
                "sync.workspaces.prod.client-secret=prod-secret-value").run(started -> {
                    assertThat(started).hasNotFailed();
                    Workspaces workspaces = started.getBean(Workspaces.class);
                    assertThat(workspaces.names()).containsExactlyInAnyOrder("uat", "prod");

                    Workspace uat = workspaces.get("uat");
                    assertThat(uat.client().baseUrl()).hasToString("http://127.0.0.1:18111");
                    assertThat(uat.client().workspace()).isEqualTo("uat");
                    assertThat(uat.settings().requestsPerSecond()).isEqualTo(3);
                    assertThat(uat.documentPrefix()).isEqualTo("spotdraft/uat");
                    assertThat(uat.jobs()).containsExactlyInAnyOrder("export", "reconcile");

                    Workspace prod = workspaces.get("prod");
                    assertThat(prod.client().baseUrl()).hasToString("https://api.eu.spotdraft.com");
                    assertThat(prod.settings().requestsPerSecond()).as("the shared default").isEqualTo(7);
                    assertThat(prod.documentPrefix()).isEqualTo("prod");
                    assertThat(prod.jobs()).containsExactlyInAnyOrder("export", "reconcile", "import");
                    assertThat(prod.client()).isNotSameAs(uat.client());
                    assertThat(prod.toString() + uat.toString()).doesNotContain("prod-secret-value", "uat-secret");

                    assertThat(workspaces.runningJob("import")).extracting(Workspace::name).containsExactly("prod");
                    assertThatThrownBy(() -> workspaces.forJob("uat", "import"))
                            .hasMessageContaining("Job import is not enabled for workspace uat")
                            .hasMessageContaining("sync.workspaces.uat.jobs");
                    assertThatThrownBy(() -> workspaces.resolve(null)).hasMessageContaining("Several workspaces are configured");
                    assertThatThrownBy(() -> workspaces.get("staging")).hasMessageContaining("Unknown workspace 'staging'");
                });
    }

    @Test
    void everyWorkspaceGetsItsOwnBudgetAtItsOwnRate() {
        Map<String, WorkspacesProperties.Settings> several = new LinkedHashMap<>();
        several.put("uat", settings("http://127.0.0.1:1", 2));
        several.put("prod", settings("http://127.0.0.1:2", null));
        Map<String, Integer> budgets = new LinkedHashMap<>();
        try (Workspaces workspaces = Workspaces.configure(shared(), new WorkspacesProperties(several),
                (workspace, rate, margin) -> {
                    budgets.put(workspace, rate);
                    return new LocalRequestBudget(rate, margin);
                },
                (settings, budget) -> SpotDraftClient.create(settings, budget, new SimpleMeterRegistry()))) {
            assertThat(budgets).containsExactly(Map.entry("uat", 2), Map.entry("prod", 10));
            assertThat(workspaces.get("uat").client()).isNotSameAs(workspaces.get("prod").client());
        }
    }

    @Test
    void everyMistakeIsNamedByItsProperty() {
        context.withPropertyValues(
                "spotdraft.client-id=flat-id",
                "sync.workspaces.uat.base-url=http://127.0.0.1:18111",
                "sync.workspaces.uat.client-id=uat-id",
                "sync.workspaces.uat.jobs=export,exprot",
                "sync.workspaces.prod.region=us",
                "sync.workspaces.prod.client-id=prod-id",
                "sync.workspaces.prod.client-secret=prod-secret",
                "sync.workspaces.prod.document-prefix=uat",
                "sync.workspaces.[bad name].region=us").run(started -> {
                    assertThat(started).hasFailed();
                    String message = messages(started.getStartupFailure());
                    assertThat(message)
                            .contains("spotdraft.client-id is set together with sync.workspaces.*")
                            .contains("sync.workspaces.uat.client-secret is required (SYNC_WORKSPACES_UAT_CLIENT_SECRET)")
                            .contains("sync.workspaces.uat.jobs has unknown job(s) [exprot]")
                            .contains("sync.workspaces.prod.document-prefix 'uat' is used by another workspace too")
                            .contains("sync.workspaces.bad name: a workspace name must be");
                });
    }

    @Test
    void theFlatPropertiesAreTheOneWorkspaceShorthand() {
        context.withPropertyValues("spotdraft.region=us", "spotdraft.client-id=a", "spotdraft.client-secret=b",
                "spotdraft.workspace=acme").run(started -> {
                    Workspaces workspaces = started.getBean(Workspaces.class);
                    assertThat(workspaces.names()).containsExactly("acme");
                    Workspace only = workspaces.resolve(null);
                    assertThat(only.documentPrefix()).isEqualTo("acme");
                    assertThat(only.jobs()).containsExactlyInAnyOrderElementsOf(Workspaces.JOBS);
                    assertThat(only.property()).isEqualTo("spotdraft");
                });
    }

    @Test
    void workspacesCanComeFromEnvironmentVariablesAsKubernetesSetsThem() {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("SYNC_WORKSPACES_UAT_REGION", "us");
        environment.put("SYNC_WORKSPACES_UAT_CLIENT_ID", "uat-id");
        environment.put("SYNC_WORKSPACES_UAT_CLIENT_SECRET", "uat-secret");
        environment.put("SYNC_WORKSPACES_UAT_REQUESTS_PER_SECOND", "4");
        context.withInitializer(started -> started.getEnvironment().getPropertySources().addFirst(
                new org.springframework.core.env.SystemEnvironmentPropertySource("test-systemEnvironment", environment)))
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    Workspace uat = started.getBean(Workspaces.class).get("uat");
                    assertThat(uat.settings().clientId()).isEqualTo("uat-id");
                    assertThat(uat.settings().requestsPerSecond()).isEqualTo(4);
                });
    }

    private static SpotDraftProperties shared() {
        return SpotDraftProperties.of(null, null, null);
    }

    private static WorkspacesProperties.Settings settings(String baseUrl, Integer requestsPerSecond) {
        return new WorkspacesProperties.Settings(URI.create(baseUrl), null, "id", "secret", null, requestsPerSecond,
                null, null, null, null);
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }

}
