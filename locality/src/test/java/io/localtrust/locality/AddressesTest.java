package io.localtrust.locality;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Addresses}: IP literals without DNS, IPv4-mapped addresses, canonical text. */
class AddressesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "192.168.1.5, 192.168.1.5",
        "' 10.0.0.1 ', 10.0.0.1",
        "fd00::1, fd00::1",
        "[fd00::1], fd00::1",
        "FD00:0:0:0:0:0:0:1, fd00::1",
        "fe80::1%eth0, fe80::1",
        "[fe80::1%25eth0], fe80::1",
        "::ffff:192.168.1.1, 192.168.1.1",
    })
    void parsesLiterals(String text, String canonical) {
        assertThat(Addresses.literal(text)).map(Addresses::text).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"printer", "printer.home.arpa", "", "[printer]", "1.2.3", "256.0.0.1", "10.0.0.1%eth0",
        "localhost", "::ffff:printer"})
    void namesAreNotLiterals(String text) {
        assertThat(Addresses.literal(text)).isEmpty();
    }

    @Test
    void nullIsNotALiteral() {
        assertThat(Addresses.literal(null)).isEmpty();
    }

    @Test
    void unmapsIpv4MappedIpv6() throws Exception {
        InetAddress mapped = mappedV6(192, 168, 1, 1);

        assertThat(mapped).isInstanceOf(Inet6Address.class);
        assertThat(Addresses.unmapped(mapped)).isInstanceOf(Inet4Address.class)
                .isEqualTo(InetAddresses.forString("192.168.1.1"));
    }

    @Test
    void leavesOtherAddressesAlone() throws Exception {
        InetAddress v6 = InetAddresses.forString("fd00::1");
        InetAddress v4 = InetAddresses.forString("10.0.0.1");
        byte[] compatible = new byte[16]; // ::192.168.1.1, IPv4-compatible (deprecated), not mapped
        compatible[12] = (byte) 192;
        compatible[13] = (byte) 168;
        compatible[14] = 1;
        compatible[15] = 1;
        InetAddress v4Compatible = Inet6Address.getByAddress(null, compatible, -1);

        assertThat(Addresses.unmapped(v6)).isSameAs(v6);
        assertThat(Addresses.unmapped(v4)).isSameAs(v4);
        assertThat(Addresses.unmapped(v4Compatible)).isSameAs(v4Compatible);
    }

    @Test
    void textIsRfc5952() {
        assertThat(Addresses.text(InetAddresses.forString("2001:DB8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Addresses.text(InetAddresses.forString("10.0.0.1"))).isEqualTo("10.0.0.1");
    }

    /** An Inet6Address holding ::ffff:a.b.c.d; InetAddress.getByAddress would turn it into IPv4. */
    static InetAddress mappedV6(int a, int b, int c, int d) throws Exception {
        byte[] raw = new byte[16];
        raw[10] = (byte) 0xff;
        raw[11] = (byte) 0xff;
        raw[12] = (byte) a;
        raw[13] = (byte) b;
        raw[14] = (byte) c;
        raw[15] = (byte) d;
        return Inet6Address.getByAddress(null, raw, -1);
    }
}
