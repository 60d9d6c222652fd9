package io.localtrust.locality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Cidr}: parsing prefixes and testing membership at the edges. */
class CidrTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "192.168.0.0/16, 192.168.0.0/16",
        "10.1.2.3/8, 10.0.0.0/8",
        "172.31.255.255/12, 172.16.0.0/12",
        "192.168.1.200/25, 192.168.1.128/25",
        "10.0.0.1, 10.0.0.1/32",
        "0.0.0.0/0, 0.0.0.0/0",
        "fd12:3456::1/7, fc00::/7",
        "FE80::1/10, fe80::/10",
        "::1, ::1/128",
        "2001:db8::/32, 2001:db8::/32",
        "::/0, ::/0",
        "'  10.0.0.0/8  ', 10.0.0.0/8",
    })
    void parsesAndClearsHostBits(String text, String canonical) {
        assertThat(Cidr.parse(text)).hasToString(canonical);
    }

    @Test
    void bareAddressIsAFullLengthPrefix() {
        assertThat(Cidr.parse("10.0.0.1").bits()).isEqualTo(32);
        assertThat(Cidr.parse("fd00::1").bits()).isEqualTo(128);
    }

    @Test
    void equalPrefixesWrittenDifferentlyAreEqual() {
        assertThat(Cidr.parse("10.1.2.3/8")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("fc00::/7")).isEqualTo(Cidr.parse("fdff::1/7"));
        assertThat(Cidr.parse("10.0.0.0/8")).isNotEqualTo(Cidr.parse("10.0.0.0/9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "foo", "printer.local/24", "10.0.0/8", "300.1.1.1/8", "10.0.0.0.0/8",
        "[fd00::]/8", "fd00::1::2/64", "/8"})
    void rejectsTextThatIsNotAnAddress(String text) {
        assertThatThrownBy(() -> Cidr.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an IP address or CIDR range: '" + text + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/", "10.0.0.0/x", "10.0.0.0/8/8", "10.0.0.0/ 8", "fd00::/1e2"})
    void rejectsPrefixLengthThatIsNotANumber(String text) {
        assertThatThrownBy(() -> Cidr.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad prefix length in '" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/33, 32", "10.0.0.0/-1, 32", "fd00::/129, 128", "::/-8, 128"})
    void rejectsPrefixLengthOutOfRange(String text, int max) {
        assertThatThrownBy(() -> Cidr.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefix length in '" + text + "' must be 0-" + max);
    }

    @Test
    void rejectsPrefixLengthBeyondIntRange() {
        assertThatThrownBy(() -> Cidr.parse("1.2.3.4/99999999999"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad prefix length in '1.2.3.4/99999999999'");
    }

    @Test
    void constructorChecksPrefixLength() {
        InetAddress v4 = ip("10.0.0.0");

        assertThatThrownBy(() -> new Cidr(v4, 33)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefix length 33 out of range 0-32");
        assertThatThrownBy(() -> new Cidr(v4, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Cidr(null, 8)).isInstanceOf(NullPointerException.class);
        assertThat(new Cidr(ip("10.9.9.9"), 8).network()).isEqualTo(v4);
    }

    @ParameterizedTest(name = "{1} in {0}: {2}")
    @CsvSource({
        "172.16.0.0/12, 172.15.255.255, false",
        "172.16.0.0/12, 172.16.0.0, true",
        "172.16.0.0/12, 172.20.0.1, true",
        "172.16.0.0/12, 172.31.255.255, true",
        "172.16.0.0/12, 172.32.0.0, false",
        "192.168.1.128/25, 192.168.1.127, false",
        "192.168.1.128/25, 192.168.1.128, true",
        "192.168.1.128/25, 192.168.1.255, true",
        "10.0.0.1/32, 10.0.0.1, true",
        "10.0.0.1/32, 10.0.0.2, false",
        "0.0.0.0/0, 255.255.255.255, true",
        "fc00::/7, fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false",
        "fc00::/7, fc00::, true",
        "fc00::/7, fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, true",
        "fc00::/7, fe00::, false",
        "fe80::/10, fe80::1, true",
        "fe80::/10, febf:ffff::1, true",
        "fe80::/10, fec0::, false",
        "::1/128, ::1, true",
        "::1/128, ::2, false",
        "::/0, 2001:4860::8888, true",
    })
    void containsRespectsPrefixBoundaries(String cidr, String address, boolean expected) {
        assertThat(Cidr.parse(cidr).contains(ip(address))).isEqualTo(expected);
    }

    @Test
    void familiesNeverMix() {
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("::1"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(ip("10.0.0.1"))).isFalse();
        assertThat(Cidr.parse("10.0.0.0/8").isIpv4()).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").isIpv6()).isFalse();
        assertThat(Cidr.parse("fc00::/7").isIpv6()).isTrue();
        assertThat(Cidr.parse("fc00::/7").isIpv4()).isFalse();
    }

    private static InetAddress ip(String text) {
        return InetAddresses.forString(text);
    }
}
