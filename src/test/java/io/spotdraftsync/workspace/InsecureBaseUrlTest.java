package io.spotdraftsync.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

/**
 * A plain {@code http://} SpotDraft base URL to a host other than loopback would send the client secret unencrypted:
 * the start is refused, naming the property, unless {@code spotdraft.allow-insecure-http=true}.
 */
class InsecureBaseUrlTest {

    private final ApplicationContextRunner workspaces = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(WorkspacesConfiguration.class);
    /** The one-workspace shorthand, credentials set. */
    private final ApplicationContextRunner context = workspaces.withPropertyValues("spotdraft.client-id=a",
            "spotdraft.client-secret=b");

    @Test
    void plainHttpToARemoteHostIsRefusedAtStartNamingTheProperty() {
        context.withPropertyValues("spotdraft.base-url=http://api.us.spotdraft.com").run(started -> {
            assertThat(started).hasFailed();
            assertThat(messages(started.getStartupFailure()))
                    .contains("spotdraft.base-url is plain http to api.us.spotdraft.com, which is not a loopback address")
                    .contains("spotdraft.allow-insecure-http=true");
        });
    }

    @Test
    void aWorkspaceBaseUrlIsCheckedTheSameWay() {
        workspaces.withPropertyValues("sync.workspaces.uat.base-url=http://10.0.0.5:8080",
                "sync.workspaces.uat.client-id=a", "sync.workspaces.uat.client-secret=b",
                "sync.workspaces.prod.base-url=https://api.us.spotdraft.com",
                "sync.workspaces.prod.client-id=c", "sync.workspaces.prod.client-secret=d").run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(messages(started.getStartupFailure()))
                            .contains("sync.workspaces.uat.base-url is plain http to 10.0.0.5")
                            .doesNotContain("sync.workspaces.prod.base-url");
                });
    }

    @Test
    void allowInsecureHttpAcceptsIt() {
        context.withPropertyValues("spotdraft.base-url=http://sandbox.internal:8089", "spotdraft.allow-insecure-http=true")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    assertThat(started.getBean(Workspaces.class).resolve(null).client().baseUrl())
                            .hasToString("http://sandbox.internal:8089");
                });
    }

    @Test
    void loopbackAndHttpsNeedNoPermission() {
        for (String url : new String[] {"http://127.0.0.1:18089", "http://localhost:18089", "http://[::1]:18089",
                "http://127.1.2.3", "https://api.eu.spotdraft.com", "https://10.0.0.5"}) {
            context.withPropertyValues("spotdraft.base-url=" + url).run(started -> assertThat(started).as(url).hasNotFailed());
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
