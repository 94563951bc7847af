package io.spotdraftsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Actuator's {@code env} endpoint with every value shown ({@code show-values=always}): the JVM option variables, where
 * the chart's {@code jvm.extraOptions} lands, are masked whole like the credentials; ordinary settings stay readable.
 */
class ActuatorSanitizingTest {

    private static final String SECRET = "-Dspotdraft.client-secret=canary-4711";

    @Test
    void theJvmOptionVariablesAreMaskedWhenValuesAreShown() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("systemEnvironment-test", Map.of(
                "JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 " + SECRET,
                "JDK_JAVA_OPTIONS", SECRET,
                "SPOTDRAFT_WORKSPACE", "acme")));
        EnvironmentEndpoint endpoint = new EnvironmentEndpoint(environment,
                List.of(new ActuatorSanitizing().secretsAreMasked()), Show.ALWAYS);

        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
            assertThat(endpoint.environmentEntry(variable).getProperty().getValue()).as(variable)
                    .isEqualTo(SanitizableData.SANITIZED_VALUE);
        }
        // the whole listing too
        assertThat(endpoint.environment(null).getPropertySources()).flatExtracting(source -> source.getProperties().values())
                .extracting(value -> String.valueOf(value.getValue())).noneMatch(value -> value.contains("canary-4711"));
        assertThat(endpoint.environmentEntry("SPOTDRAFT_WORKSPACE").getProperty().getValue()).isEqualTo("acme");
    }
}
