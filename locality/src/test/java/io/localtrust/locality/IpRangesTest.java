package io.localtrust.locality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IpRanges}: the local ranges of DESIGN.md §3 and the CA/B Forum's reserved addresses. */
class IpRangesTest {

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "198.51.100.1", "203.0.113.9", "100.64.0.1", "10.0.0.1", "127.0.0.1",
        "169.254.1.1", "172.16.0.1", "192.168.0.1", "0.1.2.3", "198.18.0.1", "224.0.0.251", "240.0.0.1",
        "255.255.255.255", "192.0.0.8", "192.31.196.1", "192.175.48.1",
        "2001:db8::1", "fe80::1", "fd00::1", "::1", "::", "64:ff9b::808:808", "2001::1", "2002:c0a8:101::1",
        "3fff::1", "5f00::1", "ff02::1", "2620:4f:8000::1", "::ffff:10.0.0.1"})
    void reservedAddresses(String address) {
        assertThat(IpRanges.anyContains(IpRanges.RESERVED, ip(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.216.34", "100.128.0.1", "172.32.0.1", "198.20.0.1",
        "223.255.255.255", "2606:4700::1111", "2001:4860::8888", "2001:200::1", "2620:4f:8001::1", "::ffff:8.8.8.8"})
    void globallyRoutedAddresses(String address) {
        assertThat(IpRanges.anyContains(IpRanges.RESERVED, ip(address))).isFalse();
    }

    @Test
    void everyLocalRangeIsAlsoReserved() {
        for (Cidr local : IpRanges.LOCAL) {
            assertThat(IpRanges.anyContains(IpRanges.RESERVED, local.network())).as("%s reserved", local).isTrue();
        }
    }

    @Test
    void localRangesAreTheDocumentedEight() {
        assertThat(IpRanges.LOCAL).extracting(Cidr::toString).containsExactly(
                "127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
                "::1/128", "fc00::/7", "fe80::/10");
    }

    @Test
    void mappedAddressesAreCheckedAsIpv4() throws Exception {
        assertThat(IpRanges.anyContains(IpRanges.LOCAL, AddressesTest.mappedV6(10, 0, 0, 1))).isTrue();
        // As IPv6, ::ffff:8.8.8.8 would sit in ::/3; as the IPv4 address it is, it is public.
        assertThat(IpRanges.anyContains(IpRanges.RESERVED, AddressesTest.mappedV6(8, 8, 8, 8))).isFalse();
    }

    @Test
    void listsAreImmutable() {
        assertThatThrownBy(() -> IpRanges.LOCAL.add(Cidr.parse("8.8.8.8/32")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> IpRanges.RESERVED.clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static InetAddress ip(String text) {
        return InetAddresses.forString(text);
    }
}
