package io.localtrust.agent.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the device warns about its clock (the HTTP check against a real gateway is in cli's DeviceFaultTest). */
class GatewayClockTest {
    private static final Instant GATEWAY = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void withinFiveMinutesIsNoFinding() {
        assertThat(GatewayClock.judge(GATEWAY, GATEWAY)).isEmpty();
        assertThat(GatewayClock.judge(GATEWAY, GATEWAY.plus(Duration.ofMinutes(5)))).isEmpty();
        assertThat(GatewayClock.judge(GATEWAY, GATEWAY.minus(Duration.ofMinutes(5)))).isEmpty();
    }

    @Test
    void beyondItSaysWhichWayAndHowFar() {
        assertThat(GatewayClock.judge(GATEWAY, GATEWAY.minus(Duration.ofMinutes(7))))
                .hasValueSatisfying(w -> assertThat(w).contains("7 minutes behind", "not yet valid", "is the clock behind?"));
        assertThat(GatewayClock.judge(GATEWAY, GATEWAY.plus(Duration.ofHours(26))))
                .hasValueSatisfying(w -> assertThat(w).contains("26 hours ahead", "expired", "is the clock ahead?"));
    }
}
