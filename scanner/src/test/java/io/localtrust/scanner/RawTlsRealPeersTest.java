package io.localtrust.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.localtrust.scanner.tls.ClientHello12;
import io.localtrust.scanner.tls.ServerFlight;
import io.localtrust.scanner.tls.ServerFlightReader;
import io.localtrust.scanner.tls.TlsReadException;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.KeyKind;
import io.localtrust.x509.OcspResponses;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner's own TLS 1.2 hello and flight reader against real servers ({@code openssl s_server}
 * on 127.0.79.x): the chain, staple, version and suite it reads must be exactly what JSSE's own
 * TLS 1.2 handshake hands its trust manager ({@link ChainCapture}) from the same server — RSA and
 * ECDSA keys, with and without stapling, with SNI choosing the certificate — and a TLS 1.3-only
 * server is a refusal. Then loopback servers that misbehave on purpose: each ends as a per-endpoint
 * error within the timeout, never a hang or an exception.
 */
class RawTlsRealPeersTest {
    static final String NET = "127.0.79.";
    static final int PORT = 8443;

    @TempDir
    static Path dir;
    static Peers peers;
    static Made rsaLeaf;
    static Made rsaCa;
    static Made ecLeaf;
    static Made named;
    static byte[] ocsp;

    @BeforeAll
    static void start() throws Exception {
        SecureRandom random = new SecureRandom();
        Instant now = Instant.now();
        peers = new Peers(dir);
        rsaCa = CertificateMaker.at(now, random).key(KeyKind.RSA_2048).commonName("Raw TLS Test CA").ca(0).make();
        rsaLeaf = CertificateMaker.at(now, random).key(KeyKind.RSA_2048).commonName("rsa.home.arpa").dns("rsa.home.arpa")
                .issuer(rsaCa).serverAuth().make();
        peers.openssl(NET + 1, PORT, rsaLeaf, List.of(rsaCa), Optional.empty());
        ecLeaf = CertificateMaker.at(now, random).commonName("ec.home.arpa").dns("ec.home.arpa").issuer(rsaCa).serverAuth().make();
        ocsp = OcspResponses.make(ecLeaf.cert(), rsaCa, Optional.empty(), now.minusSeconds(60), Duration.ofDays(1), random);
        peers.openssl(NET + 2, PORT, ecLeaf, List.of(rsaCa), Optional.of(ocsp));
        // SNI: s_server answers "camera.home.arpa" with its second certificate, everything else with the first
        named = CertificateMaker.at(now, random).commonName("camera.home.arpa").dns("camera.home.arpa").make();
        Path cert2 = Files.writeString(dir.resolve("named.pem"), named.cert().pem());
        Path key2 = Files.writeString(dir.resolve("named.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(named.keyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        peers.openssl(NET + 3, PORT, ecLeaf, List.of(), Optional.empty(),
                List.of("-servername", "camera.home.arpa", "-cert2", cert2.toString(), "-key2", key2.toString()));
        peers.openssl(NET + 4, PORT, ecLeaf, List.of(), Optional.empty(), List.of("-tls1_3"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (peers != null) {
            peers.close();
        }
    }

    private static ServerFlight raw(String address, Optional<String> name) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, PORT), 5_000);
            s.setSoTimeout(5_000);
            s.getOutputStream().write(ClientHello12.record(name, new SecureRandom()));
            return ServerFlightReader.read(s.getInputStream());
        }
    }

    /** What JSSE's TLS 1.2 handshake gives a trust manager from the same server. */
    private static ChainCapture.Captured jsse(String address, Optional<String> name) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new ChainCapture()}, null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
            s.connect(new InetSocketAddress(address, PORT), 5_000);
            s.setSoTimeout(5_000);
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {"TLSv1.2"});
            name.ifPresent(n -> p.setServerNames(List.of(new SNIHostName(n))));
            s.setSSLParameters(p);
            s.startHandshake();
            throw new AssertionError("the capture ends every handshake");
        } catch (IOException e) {
            return ChainCapture.from(e).orElseThrow(() -> new AssertionError("no chain captured", e));
        }
    }

    private static void assertSame(ServerFlight raw, ChainCapture.Captured jsse) throws Exception {
        assertThat(raw.version()).isEqualTo(jsse.protocol());
        assertThat(raw.cipher()).isEqualTo(jsse.cipher());
        assertThat(raw.chain()).hasSameSizeAs(jsse.chain());
        for (int i = 0; i < raw.chain().size(); i++) {
            X509Certificate x = jsse.chain().get(i);
            assertThat(raw.chain().get(i)).as("certificate %d as sent", i).isEqualTo(x.getEncoded());
        }
        assertThat(raw.ocsp().isPresent()).isEqualTo(jsse.ocsp().isPresent());
        if (raw.ocsp().isPresent()) {
            assertThat(raw.ocsp().get()).isEqualTo(jsse.ocsp().get());
        }
    }

    @Test
    void readsAnRsaChainWithoutStapleAsJsseDoes() throws Exception {
        ServerFlight f = raw(NET + 1, Optional.empty());
        assertThat(f.chain()).containsExactly(rsaLeaf.cert().der(), rsaCa.cert().der());
        assertThat(f.cipher()).startsWith("TLS_ECDHE_RSA_");
        assertThat(f.ocsp()).isEmpty();
        assertSame(f, jsse(NET + 1, Optional.empty()));
    }

    @Test
    void readsAnEcdsaChainAndItsStapleAsJsseDoes() throws Exception {
        ServerFlight f = raw(NET + 2, Optional.empty());
        assertThat(f.chain()).containsExactly(ecLeaf.cert().der(), rsaCa.cert().der());
        assertThat(f.cipher()).startsWith("TLS_ECDHE_ECDSA_");
        assertThat(f.ocsp()).hasValueSatisfying(o -> assertThat(o).isEqualTo(ocsp));
        assertSame(f, jsse(NET + 2, Optional.empty()));
    }

    @Test
    void sendsTheNameAsSni() throws Exception {
        assertThat(raw(NET + 3, Optional.of("camera.home.arpa")).chain()).containsExactly(named.cert().der());
        assertThat(raw(NET + 3, Optional.empty()).chain()).containsExactly(ecLeaf.cert().der());
        assertSame(raw(NET + 3, Optional.of("camera.home.arpa")), jsse(NET + 3, Optional.of("camera.home.arpa")));
    }

    @Test
    void aTls13OnlyServerRefusesWithAnAlert() {
        assertThatThrownBy(() -> raw(NET + 4, Optional.empty())).isInstanceOfSatisfying(TlsReadException.class,
                e -> assertThat(e.kind()).isEqualTo(TlsReadException.Kind.ALERT)).hasMessageStartingWith("Received fatal alert: ");
    }

    @Test
    void theProbeReadsTls13OnlyDevicesThroughTheRetry() {
        try (Reaper reaper = new Reaper()) {
            PortProbe probe = new PortProbe(new Connections(reaper, Duration.ofSeconds(5)), new RateLimit(1_000));
            var e = probe.probe(new InetSocketAddress(NET + 4, PORT), Optional.empty(), System.nanoTime() + 30_000_000_000L).orElseThrow();
            assertThat(e.tls().orElseThrow().version()).hasValue("TLSv1.3");
            assertThat(e.tls().orElseThrow().chain().leaf().der()).isEqualTo(ecLeaf.cert().der());
        }
    }

    /** A TCP server on {@code address} that answers every connection with {@code bytes}, then holds or closes it. */
    private static ServerSocket sending(String address, byte[] bytes, boolean hold) throws IOException {
        ServerSocket ss = new ServerSocket(0, 10, InetAddress.getByName(address));
        Thread.ofVirtual().start(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket c = ss.accept();
                    Thread.ofVirtual().start(() -> {
                        try (c) {
                            c.getInputStream().readNBytes(5); // the start of our hello
                            OutputStream out = c.getOutputStream();
                            out.write(bytes);
                            out.flush();
                            if (hold) {
                                Thread.sleep(60_000);
                            }
                        } catch (IOException | InterruptedException e) {
                            // the probe hung up
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return ss;
    }

    private static Attempt tlsProbe(ServerSocket ss, Duration timeout) {
        try (Reaper reaper = new Reaper()) {
            return new TlsProbe(new Connections(reaper, timeout)).probe(new InetSocketAddress(ss.getInetAddress(), ss.getLocalPort()),
                    Optional.empty(), System.nanoTime() + 60_000_000_000L);
        }
    }

    @Test
    void misbehavingServersEndAsErrorsWithinTheTimeout() throws Exception {
        byte[] hello = {22, 3, 3, 0, 10, 2, 0, 0, 70, 3, 3, 0, 0, 0, 0}; // a ServerHello cut short, then silence
        byte[] oversized = {22, 3, 3, (byte) 0xff, (byte) 0xff};
        byte[] hugeMessage = {22, 3, 3, 0, 4, 11, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        byte[] garbage = "\u0016\u0003garbage that starts like TLS".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try (ServerSocket truncatedHeld = sending(NET + 10, hello, true);
             ServerSocket truncatedClosed = sending(NET + 11, hello, false);
             ServerSocket big = sending(NET + 12, oversized, true);
             ServerSocket huge = sending(NET + 13, hugeMessage, true);
             ServerSocket junk = sending(NET + 14, garbage, false)) {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                assertThat(tlsProbe(truncatedHeld, Duration.ofSeconds(1))).isInstanceOfSatisfying(Attempt.Failed.class,
                        f -> assertThat(f.stalled()).isTrue());
                assertThat(tlsProbe(truncatedClosed, Duration.ofSeconds(5))).isInstanceOfSatisfying(Attempt.Failed.class,
                        f -> assertThat(f.error()).contains("truncated"));
                assertThat(tlsProbe(big, Duration.ofSeconds(5))).isInstanceOfSatisfying(Attempt.Failed.class,
                        f -> assertThat(f.error()).contains("65,535 bytes"));
                assertThat(tlsProbe(huge, Duration.ofSeconds(5))).isInstanceOfSatisfying(Attempt.Failed.class,
                        f -> assertThat(f.error()).contains("handshake message of 16,777,215 bytes"));
                assertThat(tlsProbe(junk, Duration.ofSeconds(5))).isInstanceOfSatisfying(Attempt.Failed.class,
                        f -> assertThat(f.error()).startsWith("broken TLS from the server"));
            });
        }
    }
}
