package io.localtrust.agent.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** When to renew (two thirds, or an earlier ARI window); the backoff table, as it is and scaled by --first-retry. */
class RenewalPlanTest {
    private static final io.localtrust.x509.Cert LEAF = io.localtrust.x509.CertificateMaker
            .at(io.localtrust.x509.TestCerts.NOW, io.localtrust.x509.TestCerts.random(3)).commonName("printer.home.arpa")
            .notBefore(io.localtrust.x509.TestCerts.NOW).lifetime(Duration.ofDays(90)).make().cert();

    @Test
    void atTwoThirdsOfTheLifetimeOrAnEarlierAriWindow() {
        java.time.Instant twoThirds = LEAF.notBefore().plus(Duration.ofDays(60));
        assertThat(LEAF.notAfter()).isEqualTo(LEAF.notBefore().plus(Duration.ofDays(90)));
        assertThat(RenewalPlan.renewAt(LEAF, Optional.empty())).isEqualTo(twoThirds);
        assertThat(RenewalPlan.renewAt(LEAF, Optional.of(twoThirds.minus(Duration.ofDays(50))))).as("the gateway says sooner")
                .isEqualTo(twoThirds.minus(Duration.ofDays(50)));
        assertThat(RenewalPlan.renewAt(LEAF, Optional.of(twoThirds.plus(Duration.ofDays(20))))).as("never later than two thirds")
                .isEqualTo(twoThirds);
    }

    @Test
    void aWaitIsCappedAtATwelfthOfTheLifetime() {
        assertThat(RenewalPlan.retryAfter(6, Optional.of(LEAF), Duration.ofDays(1))).as("a day ×360, capped at 90/12 days")
                .isEqualTo(Duration.ofDays(90).dividedBy(12));
    }

    @Test
    void theTableAsItIs() {
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(n -> RenewalPlan.retryAfter(n, Optional.empty())).toList())
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
                        Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(1));
    }

    @Test
    void aShorterFirstStepKeepsTheRatios() {
        assertThat(IntStream.rangeClosed(1, 6).mapToObj(n -> RenewalPlan.retryAfter(n, Optional.empty(), Duration.ofMillis(500)))
                .toList()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1500), Duration.ofSeconds(3),
                Duration.ofSeconds(15), Duration.ofSeconds(45), Duration.ofMinutes(3));
    }
}
