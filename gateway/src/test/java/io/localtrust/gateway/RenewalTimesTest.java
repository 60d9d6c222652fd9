package io.localtrust.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RenewalTimesTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void renewsAtTwoThirdsOfTheLifetime() {
        assertThat(RenewalTimes.renewAt(leaf(Duration.ofHours(1)))).isEqualTo(T0.plus(Duration.ofMinutes(40)));
        assertThat(RenewalTimes.renewAt(leaf(Duration.ofDays(90)))).isEqualTo(T0.plus(Duration.ofDays(60)));
    }

    @Test
    void backsOffByTheTableCappedAtATwelfthOfTheLifetime() {
        Cert hour = leaf(Duration.ofHours(1));
        assertThat(IntStream.rangeClosed(1, 6).mapToObj(n -> RenewalTimes.retryAfter(n, hour)).toList())
                .isEqualTo(List.of(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
                        Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5)));
        Cert days = leaf(Duration.ofDays(90));
        assertThat(RenewalTimes.retryAfter(7, days)).isEqualTo(Duration.ofHours(1));
        assertThat(RenewalTimes.retryAfter(100, days)).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> RenewalTimes.retryAfter(0, days)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Cert leaf(Duration lifetime) {
        return CertificateMaker.at(T0, TestGateways.RANDOM).commonName("gateway.home.arpa").notBefore(T0).lifetime(lifetime)
                .make().cert();
    }
}
