package io.localtrust.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ScanSettingsTest {
    private static ScanSettings settings(Duration timeout, int concurrency, OptionalDouble rate, Optional<Duration> deadline) {
        return new ScanSettings(List.of(443), timeout, concurrency, rate, deadline);
    }

    @Test
    void theDeadlineIsTwoTimeoutsPerRoundOfConnectionsPlusFiveSeconds() {
        ScanSettings s = settings(Duration.ofSeconds(3), 256, OptionalDouble.empty(), Optional.empty());
        assertEquals(Duration.ofSeconds(2 * 3 + 5), s.deadlineFor(0), "no probes: one round all the same");
        assertEquals(Duration.ofSeconds(2 * 3 + 5), s.deadlineFor(256));
        assertEquals(Duration.ofSeconds(2 * 2 * 3 + 5), s.deadlineFor(257));
        assertEquals(Duration.ofMillis(2 * 4 * 1500 + 5000),
                settings(Duration.ofMillis(1500), 250, OptionalDouble.empty(), Optional.empty()).deadlineFor(1000));
    }

    @Test
    void aRateAddsTwiceTheTimeItsAttemptsTake() {
        ScanSettings s = settings(Duration.ofSeconds(1), 10, OptionalDouble.of(4), Optional.empty());
        // 20 probes: 2 rounds of 2 x 1 s, then 2 x 20 / 4 = 10 s of pacing, then 5 s
        assertEquals(Duration.ofSeconds(4 + 10 + 5), s.deadlineFor(20));
    }

    @Test
    void aGivenDeadlineWins() {
        ScanSettings s = settings(Duration.ofSeconds(3), 1, OptionalDouble.empty(), Optional.of(Duration.ofMinutes(2)));
        assertEquals(Duration.ofMinutes(2), s.deadlineFor(1_000_000));
    }

    @Test
    void aDeadlineTooLargeForALongIsRefusedNotWrappedAround() {
        ScanSettings s = settings(Duration.ofDays(10_000), 1, OptionalDouble.empty(), Optional.empty());
        assertThrows(ArithmeticException.class, () -> s.deadlineFor(Integer.MAX_VALUE));
    }
}
