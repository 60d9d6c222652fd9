package io.localtrust.acme.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ReverseDnsTest {
    @Test
    void ipv4IsReversedOctetsUnderInAddrArpa() throws Exception {
        assertThat(ReverseDns.name(InetAddress.getByName("1.2.3.4"))).isEqualTo("4.3.2.1.in-addr.arpa");
        assertThat(ReverseDns.name(InetAddress.getByName("192.168.10.200"))).isEqualTo("200.10.168.192.in-addr.arpa");
    }

    @Test
    void ipv6IsReversedNibblesUnderIp6Arpa() throws Exception {
        // RFC 3596 §2.5's example
        assertThat(ReverseDns.name(InetAddress.getByName("4321:0:1:2:3:4:567:89ab")))
                .isEqualTo("b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa");
    }

    @Test
    void ipv4MappedIsTreatedAsIpv4() throws Exception {
        assertThat(ReverseDns.name(InetAddress.getByName("::ffff:10.0.0.1"))).isEqualTo("1.0.0.10.in-addr.arpa");
    }
}
