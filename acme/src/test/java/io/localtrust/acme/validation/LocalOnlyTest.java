package io.localtrust.acme.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.acme.AcmeError;
import io.localtrust.acme.AcmeProblem;
import io.localtrust.locality.Cidr;
import io.localtrust.locality.Locality;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LocalOnlyTest {
    private final LocalOnly guard = LocalOnly.lan();

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.20",
            "169.254.1.1", "::1", "fd00::1", "fe80::1", "::ffff:192.168.1.20"})
    void acceptsLocalAddresses(String address) throws Exception {
        assertThat(guard.refusal(InetAddress.getByName(address))).isEmpty();
        guard.requireLocal(InetAddress.getByName(address)); // does not throw
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.7", "8.8.8.8", "172.32.0.1", "100.64.0.1", "2001:db8::1", "2606:4700::1111",
            "::ffff:8.8.8.8"})
    void refusesPublicAddresses(String address) throws Exception {
        InetAddress a = InetAddress.getByName(address);
        String shown = io.localtrust.locality.Addresses.text(io.localtrust.locality.Addresses.unmapped(a));
        assertThat(guard.refusal(a)).contains(
                "refused: " + shown + " is not a local address; the gateway validates only on the LAN");
        assertThatThrownBy(() -> guard.requireLocal(a))
                .isInstanceOfSatisfying(AcmeProblem.class, p -> assertThat(p.error()).isEqualTo(AcmeError.REJECTED_IDENTIFIER))
                .hasMessageContaining("is not a local address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "224.0.0.1", "239.255.255.250", "ff02::1", "255.255.255.255"})
    void refusesUnspecifiedMulticastAndBroadcastEvenInsideConfiguredRanges(String address) throws Exception {
        LocalOnly everything = new LocalOnly(new Locality(Set.of(), List.of(Cidr.parse("0.0.0.0/0"), Cidr.parse("::/0"))));
        assertThat(everything.refusal(InetAddress.getByName(address)))
                .hasValueSatisfying(why -> assertThat(why).startsWith("refused: ").contains("not a device"));
    }

    @Test
    void configuredRangesAreLocalToo() throws Exception {
        LocalOnly enterprise = new LocalOnly(new Locality(Set.of(), List.of(Cidr.parse("100.64.0.0/10"))));
        assertThat(enterprise.refusal(InetAddress.getByName("100.64.0.1"))).isEmpty();
        assertThat(enterprise.refusal(InetAddress.getByName("203.0.113.7"))).isPresent();
    }

    @Test
    void connectRefusesBeforeAnySocketIsMade() throws Exception {
        RecordingDialer dialer = new RecordingDialer();
        LocalOnly recorded = new LocalOnly(Locality.defaults(), dialer);
        assertThatThrownBy(() -> recorded.connect(InetAddress.getByName("203.0.113.7"), 80, Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(AcmeProblem.class, p -> assertThat(p.error()).isEqualTo(AcmeError.REJECTED_IDENTIFIER))
                .hasMessage("refused: 203.0.113.7 is not a local address; the gateway validates only on the LAN");
        assertThat(dialer.dialed()).isEmpty();
    }
}
