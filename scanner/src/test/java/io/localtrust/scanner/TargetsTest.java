package io.localtrust.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What a user may type as a target, and the one-line refusal of everything else. */
class TargetsTest {
    private final Targets targets = new Targets(false, name -> {
        if (name.equals("printer.home.arpa")) {
            return InetAddress.getByAddress(name, new byte[] {(byte) 192, (byte) 168, 1, 40});
        }
        if (name.equals("bank.example")) {
            return InetAddress.getByAddress(name, new byte[] {93, (byte) 184, (byte) 215, 14});
        }
        throw new UnknownHostException(name);
    });

    private List<String> hosts(String text) throws TargetException {
        return targets.parse(text).stream().map(Target::host).toList();
    }

    @Test
    void readsAddressesRangesAndCidrs() throws TargetException {
        assertThat(hosts("192.168.1.20")).containsExactly("192.168.1.20");
        assertThat(hosts("127.0.3.1-4")).containsExactly("127.0.3.1", "127.0.3.2", "127.0.3.3", "127.0.3.4");
        assertThat(hosts("10.0.0.254-10.0.1.1")).containsExactly("10.0.0.254", "10.0.0.255", "10.0.1.0", "10.0.1.1");
        assertThat(hosts("192.168.7.0/30")).containsExactly("192.168.7.1", "192.168.7.2"); // no network or broadcast address
        assertThat(hosts("192.168.7.9/31")).containsExactly("192.168.7.8", "192.168.7.9");
        assertThat(targets.parse("10.1.0.0/16")).hasSize(65_534);
        assertThat(hosts("fd00::5")).containsExactly("fd00:0:0:0:0:0:0:5");
        assertThat(hosts("fd00::100/126")).hasSize(4);
    }

    @Test
    void aPortOrANameGoesWithOneHost() throws TargetException {
        Target t = targets.parse("127.0.0.1:8443").get(0);
        assertThat(t.port()).isEqualTo(OptionalInt.of(8443));
        assertThat(t.name()).isEmpty();
        Target n = targets.parse("printer.home.arpa:443").get(0);
        assertThat(n.host()).isEqualTo("192.168.1.40");
        assertThat(n.name()).hasValue("printer.home.arpa"); // sent as SNI
        Target v6 = targets.parse("[fd00::5]:8443").get(0);
        assertThat(v6.port()).isEqualTo(OptionalInt.of(8443));
        assertThat(targets.parse("printer.home.arpa").get(0).port()).isEmpty();
    }

    @Test
    void refusesPublicAddressesUnlessAllowed() throws TargetException {
        assertThatThrownBy(() -> targets.parse("8.8.8.8")).hasMessageContaining("8.8.8.8 is a public address")
                .hasMessageContaining("--allow-public");
        assertThatThrownBy(() -> targets.parse("bank.example")).hasMessageContaining("93.184.215.14 is a public address");
        assertThatThrownBy(() -> targets.parse("172.32.0.1")).hasMessageContaining("public");
        assertThatThrownBy(() -> targets.parse("2001:db8::1")).hasMessageContaining("public");
        assertThat(hosts("172.31.255.1")).hasSize(1);
        assertThat(hosts("100.64.0.1")).hasSize(1); // RFC 6598 shared space: a carrier's or a VPN's, not the internet
        assertThat(hosts("169.254.1.1")).hasSize(1);
        assertThat(new Targets(true, InetAddress::getByName).parse("8.8.8.8")).hasSize(1);
    }

    @Test
    void refusesWhatIsNotATarget() {
        assertThatThrownBy(() -> targets.parse("127.0.3.40-1")).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> targets.parse("127.0.3.1-300")).hasMessageContaining("'300' is not a number from 0 to 255");
        assertThatThrownBy(() -> targets.parse("10.0.0.0/8")).hasMessageContaining("more than 65536 addresses");
        assertThatThrownBy(() -> targets.parse("10.0.0.0/33")).hasMessageContaining("/0 to /32");
        assertThatThrownBy(() -> targets.parse("127.0.0.1:0")).hasMessageContaining("not a port from 1 to 65535");
        assertThatThrownBy(() -> targets.parse("nosuch.home.arpa")).hasMessageContaining("does not resolve");
        assertThatThrownBy(() -> targets.parse("a b")).hasMessageContaining("is not an address, a range");
        assertThatThrownBy(() -> targets.parse("0.0.0.0")).hasMessageContaining("is not a device address");
        assertThatThrownBy(() -> targets.parse("224.0.0.1")).hasMessageContaining("is not a device address");
        assertThatThrownBy(() -> targets.parse(" ")).hasMessageContaining("empty target");
        assertThatThrownBy(() -> targets.parse(List.of("10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16")))
                .hasMessageContaining("more than 65536 addresses in all");
    }
}
