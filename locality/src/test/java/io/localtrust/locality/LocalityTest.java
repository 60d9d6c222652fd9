package io.localtrust.locality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Locality}: DESIGN.md §3 "Local connection" — a local peer address and a local name. */
class LocalityTest {

    private final Locality locality = Locality.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.255.254", "10.1.2.3", "172.20.0.1", "172.16.0.0", "172.31.255.255",
        "192.168.1.1", "169.254.1.1", "::1", "fd12::1", "fc00::1", "fe80::1", "febf::1", "::ffff:192.168.1.1"})
    void localAddresses(String address) {
        assertThat(locality.isLocalAddress(ip(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "100.64.0.1", "2001:4860::8888", "172.32.0.1", "172.15.255.255",
        "192.169.0.1", "169.255.0.1", "11.0.0.1", "::2", "fec0::1", "::ffff:8.8.8.8", "0.0.0.0", "255.255.255.255"})
    void publicOrOtherAddresses(String address) {
        assertThat(locality.isLocalAddress(ip(address))).isFalse();
    }

    @Test
    void ipv4MappedIpv6PeerIsJudgedByItsIpv4Address() throws Exception {
        assertThat(locality.isLocalAddress(AddressesTest.mappedV6(192, 168, 1, 1))).isTrue();
        assertThat(locality.isLocalAddress(AddressesTest.mappedV6(8, 8, 8, 8))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"printer", "printer.local", "PRINTER.HOME.ARPA.", "x.internal", "localhost",
        "192.168.1.5", "[fd00::1]", "fd00::1", "nas.Local", "a.b.c.home.arpa", "home.arpa", "local",
        "printer.localhost", ".printer.local", "[fe80::1%25eth0]"})
    void localNames(String host) {
        assertThat(locality.isLocalName(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "8.8.8.8", "printer.home.arpa.evil.com", "evilhome.arpa", "printer.local.com",
        "printer.lan", "x.internal.example", "[2001:4860::8888]", "", ".", "...", "localhost.example"})
    void nonLocalNames(String host) {
        assertThat(locality.isLocalName(host)).isFalse();
    }

    @Test
    void configuredZoneMakesItsNamesLocal() {
        Locality corp = locality.withZone("corp.example");

        assertThat(locality.isLocalName("a.corp.example")).isFalse();
        assertThat(corp.isLocalName("a.corp.example")).isTrue();
        assertThat(corp.isLocalName("corp.example")).isTrue();
        assertThat(corp.isLocalName("b.a.CORP.EXAMPLE.")).isTrue();
        assertThat(corp.isLocalName("xcorp.example")).isFalse();
        assertThat(corp.isLocalName("other.example")).isFalse();
        assertThat(corp.isLocalName("printer.home.arpa")).isTrue();
    }

    @Test
    void zonesAreNormalised() {
        Locality corp = locality.withZone("  .Corp.Example.  ");

        assertThat(corp.zones()).contains("corp.example").doesNotContain(".Corp.Example.");
        assertThat(corp.isLocalName("a.corp.example")).isTrue();
        assertThat(new Locality(Set.of("HOME.ARPA."), List.of()).zones()).containsExactly("home.arpa");
    }

    @Test
    void defaultsHoldTheDocumentedZones() {
        assertThat(locality.zones()).containsExactlyInAnyOrder("local", "home.arpa", "internal", "localhost");
        assertThat(locality.extraRanges()).isEmpty();
    }

    @Test
    void withoutDefaultZonesOnlySingleLabelsAndLiteralsAreLocal() {
        Locality bare = new Locality(Set.of(), List.of());

        assertThat(bare.isLocalName("printer")).isTrue();
        assertThat(bare.isLocalName("10.0.0.1")).isTrue();
        assertThat(bare.isLocalName("printer.local")).isFalse();
    }

    @Test
    void extraRangesMakeMoreAddressesLocal() {
        Locality enterprise = new Locality(Locality.DEFAULT_ZONES, List.of(Cidr.parse("100.64.0.0/10")));

        assertThat(locality.isLocalAddress(ip("100.64.0.1"))).isFalse();
        assertThat(enterprise.isLocalAddress(ip("100.64.0.1"))).isTrue();
        assertThat(enterprise.isLocalName("100.127.255.255")).isTrue();
        assertThat(enterprise.isLocalAddress(ip("8.8.8.8"))).isFalse();
        assertThat(enterprise.withZone("corp").extraRanges()).containsExactly(Cidr.parse("100.64.0.0/10"));
    }

    @Test
    void localConnectionNeedsBothALocalPeerAndALocalName() {
        InetAddress lan = ip("192.168.1.20");
        InetAddress internet = ip("93.184.216.34");

        assertThat(locality.isLocalConnection("printer.home.arpa", lan)).isTrue();
        assertThat(locality.isLocalConnection("192.168.1.20", lan)).isTrue();
        assertThat(locality.isLocalConnection("printer.home.arpa", internet)).isFalse();
        assertThat(locality.isLocalConnection("example.com", lan)).isFalse();
        assertThat(locality.isLocalConnection("example.com", internet)).isFalse();
        assertThat(locality.isLocalConnection("8.8.8.8", lan)).isFalse();
    }

    @Test
    void recordIsImmutable() {
        assertThatThrownBy(() -> locality.zones().add("example.com")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> locality.extraRanges().add(Cidr.parse("0.0.0.0/0")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new Locality(null, List.of())).isInstanceOf(NullPointerException.class);
    }

    private static InetAddress ip(String text) {
        return InetAddresses.forString(text);
    }
}
