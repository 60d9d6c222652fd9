package io.localtrust.scanner.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The reader on flights made byte by byte: the good ones in every fragmentation, and every way of being broken. */
class ServerFlightReaderTest {
    static final int ECDHE_ECDSA_AES128_GCM = 0xc02b;
    static final byte[] LEAF = "leaf certificate DER".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ROOT = "root certificate DER".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OCSP = "an OCSP response".getBytes(StandardCharsets.US_ASCII);

    private static ServerFlight read(byte[] bytes) throws Exception {
        return ServerFlightReader.read(new ByteArrayInputStream(bytes));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Test
    void readsHelloChainAndStapleInAnyFragmentation() throws Exception {
        for (int fragment : new int[] {1, 3, 7, 64, 16_384}) {
            ServerFlight f = read(Flights.records(fragment, Flights.serverHello(0x0303, ECDHE_ECDSA_AES128_GCM, true),
                    Flights.certificate(List.of(LEAF, ROOT)), Flights.certificateStatus(OCSP), Flights.serverHelloDone()));
            assertThat(f.version()).isEqualTo("TLSv1.2");
            assertThat(f.cipher()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
            assertThat(f.chain()).containsExactly(LEAF, ROOT);
            assertThat(f.ocsp()).hasValueSatisfying(o -> assertThat(o).isEqualTo(OCSP));
        }
    }

    @Test
    void stopsAfterTheCertificateWhenNoStapleWasPromised() throws Exception {
        // nothing after the Certificate message: the reader must not wait for the rest of the flight
        ServerFlight f = read(Flights.records(100, Flights.serverHello(0x0303, 0xc02f, false), Flights.certificate(List.of(LEAF))));
        assertThat(f.chain()).containsExactly(LEAF);
        assertThat(f.ocsp()).isEmpty();
    }

    @Test
    void aPromisedStapleThatNeverCameIsNoStaple() throws Exception {
        ServerFlight f = read(Flights.records(100, Flights.serverHello(0x0303, 0xc02f, true), Flights.certificate(List.of(LEAF)),
                Flights.message(ServerFlightReader.SERVER_KEY_EXCHANGE, new byte[40])));
        assertThat(f.ocsp()).isEmpty();
    }

    @Test
    void aWarningAlertIsSkippedAFatalOneRefuses() throws Exception {
        ServerFlight f = read(concat(Flights.alert(1, 112), Flights.records(100, Flights.serverHello(0x0303, 0xc02f, false),
                Flights.certificate(List.of(LEAF)))));
        assertThat(f.chain()).hasSize(1);
        assertThatThrownBy(() -> read(Flights.alert(2, 70))).isInstanceOfSatisfying(TlsReadException.class,
                e -> assertThat(e.kind()).isEqualTo(TlsReadException.Kind.ALERT))
                .hasMessage("Received fatal alert: protocol_version");
    }

    @Test
    void anotherVersionIsARefusal() {
        assertThatThrownBy(() -> read(Flights.records(100, Flights.serverHello(0x0301, 0xc013, false))))
                .isInstanceOfSatisfying(TlsReadException.class, e -> assertThat(e.kind()).isEqualTo(TlsReadException.Kind.ALERT))
                .hasMessageContaining("TLSv1");
    }

    @Test
    void somethingElseThanTlsIsSaidSo() {
        for (String other : new String[] {"HTTP/1.1 400 Bad Request\r\n\r\n", "SSH-2.0-dropbear\r\n", "ZZ\u0001\u0002 garbage"}) {
            assertThatThrownBy(() -> read(other.getBytes(StandardCharsets.ISO_8859_1)))
                    .isInstanceOfSatisfying(TlsReadException.class, e -> assertThat(e.kind()).isEqualTo(TlsReadException.Kind.NOT_TLS))
                    .hasMessage("answered, but not with TLS");
        }
    }

    @Test
    void silenceIsAnEndOfStreamNotAMalformedFlight() {
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(EOFException.class);
    }

    @Test
    void truncatedOversizedAndOutOfOrderFlightsAreMalformed() {
        byte[] good = Flights.records(16_384, Flights.serverHello(0x0303, 0xc02f, false), Flights.certificate(List.of(LEAF, ROOT)));
        record Case(String name, byte[] bytes, String message) {
        }
        List<Case> cases = List.of(
                new Case("cut inside a record", Arrays.copyOf(good, good.length - 5), "truncated"),
                new Case("cut inside a header", Arrays.copyOf(good, 3), "truncated"),
                new Case("record over 2^14", concat(Flights.recordHeader(22, 16_385), new byte[16_385]), "16,385 bytes"),
                new Case("empty record", Flights.recordHeader(22, 0), "0 bytes"),
                new Case("message over the limit", concat(Flights.recordHeader(22, 4), new byte[] {2, 0x7f, (byte) 0xff, (byte) 0xff}),
                        "handshake message of 8,388,607 bytes"),
                new Case("certificate first", Flights.records(100, Flights.certificate(List.of(LEAF))), "before its ServerHello"),
                new Case("suite not offered", Flights.records(100, Flights.serverHello(0x0303, 0x1301, false)), "0x1301"),
                new Case("no certificate", Flights.records(100, Flights.serverHello(0x0303, 0xc02f, false), Flights.serverHelloDone()),
                        "no Certificate message"),
                new Case("empty chain", Flights.records(100, Flights.serverHello(0x0303, 0xc02f, false), Flights.certificate(List.of())),
                        "empty certificate list"),
                new Case("application data", concat(Flights.recordHeader(23, 3), new byte[3]),
                        "not with TLS"),
                new Case("change cipher spec early", concat(Flights.records(100, Flights.serverHello(0x0303, 0xc02f, false)),
                        Flights.recordHeader(20, 1), new byte[] {1}), "type 20"));
        for (Case c : cases) {
            assertThatThrownBy(() -> read(c.bytes())).as(c.name()).isInstanceOf(TlsReadException.class).hasMessageContaining(c.message());
        }
    }

    @Test
    void anEndlessFlightIsCutAtItsLimit() {
        // a server that sends warning alerts forever (each one on its own is allowed)
        byte[] warning = Flights.alert(1, 112);
        InputStream endless = new InputStream() {
            private long sent;

            @Override
            public int read() {
                return warning[(int) (sent++ % warning.length)] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                for (int i = 0; i < len; i++) {
                    b[off + i] = (byte) read();
                }
                return len;
            }
        };
        assertThatThrownBy(() -> ServerFlightReader.read(endless)).isInstanceOf(TlsReadException.class)
                .hasMessageContaining("more than 524,288 bytes");
    }

    @Test
    void theHelloOffersTls12WithSniOnlyForNamesAndAStatusRequest() throws Exception {
        byte[] named = ClientHello12.record(Optional.of("printer.home.arpa"), new SecureRandom());
        byte[] ip = ClientHello12.record(Optional.of("192.168.1.20"), new SecureRandom());
        assertThat(named[0]).isEqualTo((byte) 22);
        assertThat((named[3] & 0xff) << 8 | named[4] & 0xff).isEqualTo(named.length - 5);
        assertThat(new String(named, StandardCharsets.ISO_8859_1)).contains("printer.home.arpa");
        assertThat(new String(ip, StandardCharsets.ISO_8859_1)).doesNotContain("192.168.1.20");
        assertThat(named.length - ip.length).isEqualTo("printer.home.arpa".length() + 9);
        // the suites a default JDK client offers for TLS 1.2, in its order, then only the RSA key-transport ones
        List<String> jdk12 = java.util.Arrays.stream(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites())
                .filter(n -> n.contains("_WITH_")).toList();
        List<String> ours = java.util.Arrays.stream(CipherSuites.offered()).mapToObj(c -> CipherSuites.name(c).orElseThrow()).toList();
        assertThat(ours.subList(0, jdk12.size())).isEqualTo(jdk12);
        assertThat(ours.subList(jdk12.size(), ours.size())).isNotEmpty().allSatisfy(n -> assertThat(n).startsWith("TLS_RSA_WITH_"));
    }

    @Test
    void helloWithoutANameIsOneTemplateWithAFreshRandomEachTime() {
        SecureRandom seeded = new SecureRandom();
        byte[] a = ClientHello12.record(Optional.empty(), seeded);
        byte[] b = ClientHello12.record(Optional.of("10.0.0.1"), seeded);
        byte[] built = ClientHello12.record(Optional.of("a.example"), seeded); // made anew, with SNI
        assertThat(a).hasSameSizeAs(b);
        byte[] randomA = java.util.Arrays.copyOfRange(a, ClientHello12.RANDOM_AT, ClientHello12.RANDOM_AT + 32);
        byte[] randomB = java.util.Arrays.copyOfRange(b, ClientHello12.RANDOM_AT, ClientHello12.RANDOM_AT + 32);
        assertThat(randomA).isNotEqualTo(randomB).isNotEqualTo(new byte[32]);
        System.arraycopy(randomA, 0, b, ClientHello12.RANDOM_AT, 32);
        assertThat(b).isEqualTo(a); // everything but the random is the template
        assertThat(a[ClientHello12.RANDOM_AT - 2]).isEqualTo((byte) 3); // client_version 3.3 just before the random
        assertThat(a[ClientHello12.RANDOM_AT - 1]).isEqualTo((byte) 3);
        assertThat(a[ClientHello12.RANDOM_AT + 32]).isZero(); // then an empty session id
        assertThat(built.length - a.length).isEqualTo("a.example".length() + 9);
    }
}
