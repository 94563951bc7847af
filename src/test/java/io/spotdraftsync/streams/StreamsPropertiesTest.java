package io.spotdraftsync.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class StreamsPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StreamsProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void everyStreamIsOnByDefault() {
        context.run(started -> assertThat(started.getBean(StreamsProperties.class).enabled("acme"))
                .containsExactlyInAnyOrder(ContractStream.values()));
    }

    @Test
    void aStreamSwitchedOffGloballyAndPerWorkspace() {
        context.withPropertyValues("sync.streams.approvals.enabled=false", "sync.streams.key-pointers.enabled=true",
                "sync.workspaces.uat.streams.recipients.enabled=false", "sync.workspaces.uat.streams.approvals.enabled=true")
                .run(started -> {
                    StreamsProperties streams = started.getBean(StreamsProperties.class);
                    assertThat(streams.enabled("prod")).isEqualTo(EnumSet.complementOf(EnumSet.of(ContractStream.APPROVALS)));
                    assertThat(streams.enabled("uat")).isEqualTo(EnumSet.complementOf(EnumSet.of(ContractStream.RECIPIENTS)));
                });
    }

    @Test
    void anUnknownStreamFailsTheStartNamingTheProperty() {
        context.withPropertyValues("sync.streams.aprovals.enabled=false").run(started -> assertThat(started)
                .hasFailed().getFailure().rootCause().hasMessageContaining("sync.streams.aprovals")
                .hasMessageContaining("approvals, recipients"));
        context.withPropertyValues("sync.workspaces.uat.streams.signers.enabled=false").run(started -> assertThat(started)
                .hasFailed().getFailure().rootCause().hasMessageContaining("sync.workspaces.uat.streams.signers"));
    }

    @Test
    void theRegistryBoundsAFullExportAtFiveCallsPerContractPlusListPages() {
        double perContract = 0;
        for (ContractStream stream : ContractStream.values()) {
            perContract += stream.callsPerContract();
        }
        // list pages: one call per 100 contracts
        assertThat(perContract + 1.0 / 100).isLessThanOrEqualTo(5.1);
    }
}
