package io.localtrust.gateway.scans;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the Scans page offers to scan: the networks the gateway's devices are on, and the gateway itself. */
class DefaultTargetsTest {

    @Test
    void aLanAddressStandsForItsSlash24AndLoopbackOrIpv6ForItself() throws Exception {
        assertThat(DefaultTargets.of(List.of("192.168.1.20", "192.168.1.77", "10.1.2.3", "127.0.10.6", "fd00::5"), Optional.empty()))
                .containsExactly("192.168.1.0/24", "10.1.2.0/24", "127.0.10.6", "fd00:0:0:0:0:0:0:5");
    }

    @Test
    void publicAddressesAndNamesAreLeftOut() {
        assertThat(DefaultTargets.of(List.of("8.8.8.8", "printer.home.arpa", "2001:db8::1", "300.1.1.1"), Optional.empty())).isEmpty();
    }

    @Test
    void theGatewaysListenerIsAddedWithItsPortUnlessItListensEverywhere() throws Exception {
        assertThat(DefaultTargets.of(List.of("192.168.1.20"), Optional.of(new InetSocketAddress(InetAddress.getByName("192.168.1.1"), 8443))))
                .containsExactly("192.168.1.0/24", "192.168.1.1:8443");
        assertThat(DefaultTargets.of(List.of(), Optional.of(new InetSocketAddress(InetAddress.getByName("::1"), 8443))))
                .containsExactly("[0:0:0:0:0:0:0:1]:8443");
        assertThat(DefaultTargets.of(List.of(), Optional.of(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 8443)))).isEmpty();
    }
}
