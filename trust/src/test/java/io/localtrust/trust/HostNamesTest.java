package io.localtrust.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.TestCerts;
import org.junit.jupiter.api.Test;

/** RFC 6125 matching as browsers do it. */
class HostNamesTest {

    @Test
    void wildcardOnlyAsTheWholeLeftMostLabelCoveringOneLabel() {
        assertThat(HostNames.dnsMatches("*.example.com", "a.example.com")).isTrue();
        assertThat(HostNames.dnsMatches("*.example.com", "a.b.example.com")).isFalse();
        assertThat(HostNames.dnsMatches("*.example.com", "example.com")).isFalse();
        assertThat(HostNames.dnsMatches("*.com", "example.com")).isFalse();
        assertThat(HostNames.dnsMatches("f*.example.com", "foo.example.com")).isFalse();
        assertThat(HostNames.dnsMatches("foo.*.example.com", "foo.bar.example.com")).isFalse();
        assertThat(HostNames.dnsMatches("Printer.Home.Arpa.", "printer.home.arpa")).isTrue();
    }

    @Test
    void ipLiteralMatchesOnlyAnIpAddressSan() {
        var byIp = Node.of(TestCerts.maker().commonName("192.168.1.20").ip("192.168.1.20").make().cert());
        var byDnsText = Node.of(TestCerts.maker().commonName("192.168.1.20").dns("192.168.1.20").make().cert());
        assertThat(HostNames.matches(byIp, PeerName.of("192.168.1.20"))).isTrue();
        assertThat(HostNames.matches(byDnsText, PeerName.of("192.168.1.20"))).isFalse();
        var v6 = Node.of(TestCerts.maker().ip("fd00::1").make().cert());
        assertThat(HostNames.matches(v6, PeerName.of("[fd00:0::1]"))).isTrue();
    }

    @Test
    void theCommonNameIsNeverConsulted() {
        var cnOnly = Node.of(TestCerts.maker().commonName("printer.home.arpa").make().cert());
        assertThat(HostNames.matches(cnOnly, PeerName.of("printer.home.arpa"))).isFalse();
    }
}
