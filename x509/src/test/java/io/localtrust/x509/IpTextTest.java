package io.localtrust.x509;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IpText}: dotted quads and RFC 5952 text for the raw bytes of an iPAddress SAN. */
class IpTextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "192.168.0.20, 192.168.0.20",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        // RFC 5952 §4.2.1: '::' replaces the longest run of zero groups
        "fd00:0:0:0:0:0:0:1, fd00::1",
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "1:0:0:0:0:0:0:0, 1::",
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        // §4.2.2: a single zero group is not shortened
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        // §4.2.3: the longest run wins; between equal runs the first
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        // §4.1 and §4.3: no leading zeros, lowercase
        "2001:0DB8:00AB:0000:0000:0000:0000:00CD, 2001:db8:ab::cd",
        "fe80:0:0:0:0:0:0:1, fe80::1",
    })
    void rendersCanonicalText(String input, String expected) throws Exception {
        byte[] raw = InetAddress.getByName(input).getAddress();

        assertThat(IpText.of(raw)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.1", "10.0.0.1"})
    void rendersIpv4MappedAddressInMixedNotation(String v4) throws Exception {
        // RFC 5952 §5. (InetAddress turns mapped text into IPv4, so the 16 bytes are built by hand.)
        byte[] raw = new byte[16];
        raw[10] = (byte) 0xff;
        raw[11] = (byte) 0xff;
        System.arraycopy(InetAddress.getByName(v4).getAddress(), 0, raw, 12, 4);

        assertThat(IpText.of(raw)).contains("::ffff:" + v4);
        assertThat(IpText.isLiteral("::ffff:" + v4)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 5, 8, 15, 17, 32})
    void rejectsOtherLengths(int length) {
        assertThat(IpText.of(new byte[length])).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.1", "fd00::1", "::1", "::", "2001:db8::1:0:0:1"})
    void recognisesLiterals(String text) {
        assertThat(IpText.isLiteral(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"printer.home.arpa", "", "256.1.1.1", "1.2.3", "[::1]", "fd00::1::2", "fe80::1%eth0"})
    void rejectsNonLiterals(String text) {
        assertThat(IpText.isLiteral(text)).isFalse();
    }
}
