package io.spotdraftsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    @Test
    void burstsOfInjected429sComeInWholeBursts() {
        FaultInjector injector = new FaultInjector(FaultSettings.builder().tooManyRequestsBurstProbability(0.05)
                .burstLength(5).build(), 3);
        StringBuilder plans = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            plans.append(injector.plan().refusalStatus() == 429 ? 'x' : '.');
        }
        // the last run may be cut short by the end of the sample
        String complete = plans.substring(0, plans.lastIndexOf(".") + 1);
        assertThat(complete.split("\\.+")).filteredOn(run -> !run.isEmpty()).isNotEmpty()
                .allMatch(run -> run.length() % 5 == 0);
    }

    @Test
    void latencyIsTheFixedPartPlusAJitterBelowItsBound() {
        FaultInjector injector = new FaultInjector(FaultSettings.builder().latency(Duration.ofMillis(200))
                .latencyJitter(Duration.ofMillis(50)).build(), 1);
        for (int i = 0; i < 100; i++) {
            assertThat(injector.plan().delay()).isBetween(Duration.ofMillis(200), Duration.ofMillis(250));
        }
    }

    @Test
    void aTruncatedBodyKeepsBetweenOneTenthAndNineTenths() {
        FaultInjector injector = new FaultInjector(FaultSettings.none(), 1);
        for (int i = 0; i < 100; i++) {
            assertThat(injector.truncatedLength(1000)).isBetween(100L, 900L);
        }
        assertThat(injector.truncatedLength(1)).isZero();
    }
}
