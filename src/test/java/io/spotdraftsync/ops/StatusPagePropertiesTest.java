package io.spotdraftsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code sync.status-page.*}: defaults, and a bad value stops the start with a message naming the property. */
class StatusPagePropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StatusPageProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void defaults() {
        runner.run(context -> {
            StatusPageProperties properties = context.getBean(StatusPageProperties.class);
            assertThat(properties.publicAccess()).isFalse();
            assertThat(properties.staleAfter()).isEqualTo(Duration.ofHours(1));
            assertThat(properties.recentRuns()).isEqualTo(10);
            assertThat(properties.refreshInterval()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Test
    void publicIsBoundFromItsOwnName() {
        runner.withPropertyValues("sync.status-page.public=true")
                .run(context -> assertThat(context.getBean(StatusPageProperties.class).publicAccess()).isTrue());
    }

    @Test
    void eachBadValueNamesItsProperty() {
        String[][] cases = {
            {"sync.status-page.stale-after=0s", "sync.status-page.stale-after must be more than 0"},
            {"sync.status-page.recent-runs=0", "sync.status-page.recent-runs must be between 1 and 200"},
            {"sync.status-page.recent-runs=201", "sync.status-page.recent-runs must be between 1 and 200"},
            {"sync.status-page.refresh-interval=500ms", "sync.status-page.refresh-interval must be between 1s and 1h"},
        };
        for (String[] badValue : cases) {
            runner.withPropertyValues(badValue[0]).run(context -> assertThat(context).hasFailed()
                    .getFailure().rootCause().hasMessageContaining(badValue[1]));
        }
    }
}
