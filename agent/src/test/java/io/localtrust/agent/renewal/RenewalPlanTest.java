package io.localtrust.agent.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The backoff table, as it is and scaled by --first-retry. */
class RenewalPlanTest {
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
