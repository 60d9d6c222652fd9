package io.localtrust.acme.validation;

import static io.localtrust.acme.validation.Http01ValidatorTest.KEY_AUTHORIZATION;
import static io.localtrust.acme.validation.Http01ValidatorTest.TOKEN;
import static io.localtrust.acme.validation.TestTls.acmeIdentifierValue;
import static io.localtrust.acme.validation.TestTls.validationCertificate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.acme.AcmeError;
import io.localtrust.acme.AcmeProblem;
import io.localtrust.locality.Locality;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.TestCerts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.DERUTF8String;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** tls-alpn-01 against real JDK TLS servers on 127.0.0.x presenting Bouncy Castle-made certificates. */
class TlsAlpn01ValidatorTest {
    private static final String NAME = "printer.lan";

    private final RecordingDialer dialer = new RecordingDialer();
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    private AlpnServer device(CertificateMaker.Made cert) throws IOException {
        AlpnServer s = AlpnServer.acmeTls("127.0.0.2", cert);
        servers.add(s);
        return s;
    }

    private TlsAlpn01Validator validator(int port) {
        return new TlsAlpn01Validator(new LocalOnly(Locality.defaults(), dialer), port, Duration.ofSeconds(3));
    }

    private void validate(AlpnServer s) throws AcmeProblem {
        validator(s.port()).validate(ValidationTarget.dns(NAME, s.address()), TOKEN, KEY_AUTHORIZATION);
    }

    private static void assertProblem(ThrowingCallable call, AcmeError error, String... detailParts) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AcmeProblem.class, p -> {
            assertThat(p.error()).as(p.detail()).isEqualTo(error);
            assertThat(p.detail()).contains(detailParts);
        });
    }

    private static CertificateMaker maker(String dnsName) {
        return TestCerts.maker().commonName("acme-tls-alpn").dns(dnsName);
    }

    @Test
    void passesWithTheValidationCertificateAndSendsTheNameAsSni() throws Exception {
        AlpnServer s = device(validationCertificate(NAME, KEY_AUTHORIZATION));
        validate(s);
        assertThat(s.sniNames()).containsExactly(NAME);
        assertThat(dialer.dialed()).containsExactly(new InetSocketAddress("127.0.0.2", s.port()));
    }

    @Test
    void dnsNameIsComparedWithoutRegardToCase() throws Exception {
        validate(device(validationCertificate("PRINTER.lan", KEY_AUTHORIZATION)));
    }

    @Test
    void ipIdentifierSendsTheReverseNameAsSniAndNeedsAnIpAddressSan() throws Exception {
        AlpnServer s = device(TestCerts.maker().ip("127.0.0.2")
                .extension(AcmeTlsCertificate.ACME_IDENTIFIER_OID, true, acmeIdentifierValue(KEY_AUTHORIZATION)).make());
        validator(s.port()).validate(ValidationTarget.ip(s.address()), TOKEN, KEY_AUTHORIZATION);
        assertThat(s.sniNames()).containsExactly("2.0.0.127.in-addr.arpa");
    }

    @Test
    void ipv6IdentifierSendsTheIp6ArpaNameAsSni() throws Exception {
        AlpnServer s;
        try {
            s = AlpnServer.acmeTls("::1", TestCerts.maker().ip("::1")
                    .extension(AcmeTlsCertificate.ACME_IDENTIFIER_OID, true, acmeIdentifierValue(KEY_AUTHORIZATION)).make());
        } catch (IOException noIpv6) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + noIpv6);
            return;
        }
        servers.add(s);
        validator(s.port()).validate(ValidationTarget.ip(InetAddress.getByName("::1")), TOKEN, KEY_AUTHORIZATION);
        assertThat(s.sniNames()).containsExactly("1." + "0.".repeat(31) + "ip6.arpa");
    }

    @Test
    void ipIdentifierIsNotProvedByADnsNameSan() throws Exception {
        AlpnServer s = device(validationCertificate("127.0.0.2.nip.example", KEY_AUTHORIZATION));
        assertProblem(() -> validator(s.port()).validate(ValidationTarget.ip(s.address()), TOKEN, KEY_AUTHORIZATION),
                AcmeError.INCORRECT_RESPONSE, "for dNSName 127.0.0.2.nip.example; it must name exactly iPAddress 127.0.0.2");
    }

    @Test
    void wrongDigestIsAnIncorrectResponse() throws Exception {
        AlpnServer s = device(validationCertificate(NAME, TOKEN + ".another-account"));
        assertProblem(() -> validate(s), AcmeError.INCORRECT_RESPONSE,
                "acmeIdentifier extension that is not SHA-256 of this challenge's key authorization");
    }

    @Test
    void missingAcmeIdentifierIsAnIncorrectResponse() throws Exception {
        AlpnServer s = device(maker(NAME).make());
        assertProblem(() -> validate(s), AcmeError.INCORRECT_RESPONSE,
                "without the acmeIdentifier extension (1.3.6.1.5.5.7.1.31)");
    }

    @Test
    void nonCriticalAcmeIdentifierIsAnIncorrectResponse() throws Exception {
        AlpnServer s = device(maker(NAME)
                .extension(AcmeTlsCertificate.ACME_IDENTIFIER_OID, false, acmeIdentifierValue(KEY_AUTHORIZATION)).make());
        assertProblem(() -> validate(s), AcmeError.INCORRECT_RESPONSE, "acmeIdentifier extension is not critical");
    }

    @Test
    void acmeIdentifierThatIsNotAnOctetStringIsAnIncorrectResponse() throws Exception {
        AlpnServer s = device(maker(NAME)
                .extension(AcmeTlsCertificate.ACME_IDENTIFIER_OID, true, new DERUTF8String(KEY_AUTHORIZATION).getEncoded()).make());
        assertProblem(() -> validate(s), AcmeError.INCORRECT_RESPONSE, "not a DER OCTET STRING");
    }

    @Test
    void berEncodedAcmeIdentifierIsRefused() throws Exception {
        byte[] digest = io.localtrust.x509.Digests.sha256(KEY_AUTHORIZATION.getBytes(StandardCharsets.UTF_8));
        byte[] ber = new org.bouncycastle.asn1.BEROctetString(new org.bouncycastle.asn1.ASN1OctetString[] {
                new org.bouncycastle.asn1.DEROctetString(java.util.Arrays.copyOf(digest, 16)),
                new org.bouncycastle.asn1.DEROctetString(java.util.Arrays.copyOfRange(digest, 16, 32))}).getEncoded();
        AlpnServer s = device(maker(NAME).extension(AcmeTlsCertificate.ACME_IDENTIFIER_OID, true, ber).make());
        assertProblem(() -> validate(s), AcmeError.INCORRECT_RESPONSE, "not a DER OCTET STRING");
    }

    @Test
    void finalDotOfTheIdentifierIsNotSentInSniNorNeededInTheSan() throws Exception {
        AlpnServer s = device(validationCertificate(NAME, KEY_AUTHORIZATION));
        validator(s.port()).validate(ValidationTarget.dns(NAME + ".", s.address()), TOKEN, KEY_AUTHORIZATION);
        assertThat(s.sniNames()).containsExactly(NAME);
    }

    @Test
    void rawDigestWithoutTheOctetStringWrapperIsRefused() throws Exception {
        byte[] bare = io.localtrust.x509.Digests.sha256(KEY_AUTHORIZATION.getBytes(StandardCharsets.UTF_8));
        AlpnServer s = device(maker(NAME).extension(AcmeTlsCertificate.ACME_IDENTIFIER_OID, true, bare).make());
        assertProblem(() -> validate(s), AcmeError.INCORRECT_RESPONSE, "acmeIdentifier");
    }

    @Test
    void sanForAnotherNameIsAnIncorrectResponse() throws Exception {
        AlpnServer s = device(validationCertificate("scanner.lan", KEY_AUTHORIZATION));
        assertProblem(() -> validate(s), AcmeError.INCORRECT_RESPONSE,
                "presented a certificate for dNSName scanner.lan; it must name exactly dNSName printer.lan");
    }

    @Test
    void extraSanIsAnIncorrectResponse() throws Exception {
        AlpnServer s = device(maker(NAME).dns("scanner.lan")
                .extension(AcmeTlsCertificate.ACME_IDENTIFIER_OID, true, acmeIdentifierValue(KEY_AUTHORIZATION)).make());
        assertProblem(() -> validate(s), AcmeError.INCORRECT_RESPONSE, "dNSName printer.lan, dNSName scanner.lan");
    }

    @Test
    void missingSanIsAnIncorrectResponse() throws Exception {
        AlpnServer s = device(TestCerts.maker()
                .extension(AcmeTlsCertificate.ACME_IDENTIFIER_OID, true, acmeIdentifierValue(KEY_AUTHORIZATION)).make());
        assertProblem(() -> validate(s), AcmeError.INCORRECT_RESPONSE, "without subjectAltName");
    }

    @Test
    void serverThatIgnoresAlpnFails() throws Exception {
        AlpnServer s = AlpnServer.start("127.0.0.2", validationCertificate(NAME, KEY_AUTHORIZATION), (socket, offered) -> "");
        servers.add(s);
        assertProblem(() -> validate(s), AcmeError.TLS, "did not select ALPN protocol acme-tls/1 (it selected none)");
    }

    @Test
    void serverThatRefusesAcmeTlsFails() throws Exception {
        AlpnServer s = AlpnServer.start("127.0.0.2", validationCertificate(NAME, KEY_AUTHORIZATION), (socket, offered) -> null);
        servers.add(s);
        assertProblem(() -> validate(s), AcmeError.TLS, "TLS handshake with 127.0.0.2:" + s.port() + " (SNI printer.lan) failed");
    }

    @Test
    void silentServerRunsIntoTheTimeout() throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"));
        servers.add(silent);
        List<Socket> accepted = new ArrayList<>();
        Thread.ofVirtual().start(() -> {
            try {
                accepted.add(silent.accept()); // accepts, never answers the ClientHello
            } catch (IOException closed) {
                // test over
            }
        });
        TlsAlpn01Validator v = new TlsAlpn01Validator(new LocalOnly(Locality.defaults(), dialer), silent.getLocalPort(),
                Duration.ofMillis(500));
        long start = System.nanoTime();
        assertProblem(() -> v.validate(ValidationTarget.dns(NAME, silent.getInetAddress()), TOKEN, KEY_AUTHORIZATION),
                AcmeError.CONNECTION, "no complete TLS handshake with 127.0.0.2:" + silent.getLocalPort(), "within 500ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void nothingListeningIsAConnectionProblem() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
            port = free.getLocalPort();
        }
        int closed = port;
        assertProblem(() -> validator(closed).validate(ValidationTarget.dns(NAME, InetAddress.getByName("127.0.0.2")),
                TOKEN, KEY_AUTHORIZATION), AcmeError.CONNECTION, "could not connect to 127.0.0.2:" + port);
    }

    @Test
    void publicTargetAddressIsRefusedWithoutConnecting() throws Exception {
        ValidationTarget target = ValidationTarget.dns("printer.example", InetAddress.getByName("203.0.113.7"));
        assertProblem(() -> validator(443).validate(target, TOKEN, KEY_AUTHORIZATION), AcmeError.REJECTED_IDENTIFIER,
                "refused: 203.0.113.7 is not a local address; the gateway validates only on the LAN");
        assertThat(dialer.dialed()).isEmpty();
    }
}
