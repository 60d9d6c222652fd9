package io.localtrust.tokens;

import static io.localtrust.tokens.TestDevices.CLOCK;
import static io.localtrust.tokens.TestDevices.NOW;
import static io.localtrust.tokens.TestDevices.REPORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.tokens.TestDevices.Device;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.KeyKind;
import io.localtrust.x509.TestCerts;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the signer refuses to do, and what it decides itself rather than taking from its caller. */
class SignerTest {
    private static final Device DEVICE = TestDevices.device(KeyKind.EC_P256);

    @Test
    void refusesLifetimeOverFiveMinutesOrNotWholeSeconds() {
        for (Duration bad : List.of(Duration.ofMinutes(5).plusSeconds(1), Duration.ZERO, Duration.ofSeconds(-1), Duration.ofMillis(1500))) {
            assertThatThrownBy(() -> new StatusTokenSigner(DEVICE.keyPair().getPrivate(), DEVICE.chain(), CLOCK, bad))
                    .as("%s", bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 s to 5 minutes");
        }
    }

    @Test
    void timesComeFromTheClockInWholeSecondsAndLifetimeMayBeFiveMinutes() throws Exception {
        StatusTokenSigner signer = new StatusTokenSigner(DEVICE.keyPair().getPrivate(), DEVICE.chain(),
                java.time.Clock.fixed(NOW.plusMillis(999), java.time.ZoneOffset.UTC), Duration.ofMinutes(5));
        StatusClaims claims = signer.sign(TokenFormat.JWT, REPORT, Optional.empty()).claims();
        assertThat(claims.issuedAt()).isEqualTo(NOW);
        assertThat(claims.expiresAt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(claims.lifetime()).isEqualTo(StatusClaims.MAX_LIFETIME);
    }

    @Test
    void subjectAndConfirmationAreDerivedFromTheLeafKey() throws Exception {
        StatusClaims claims = DEVICE.sign(TokenFormat.COSE).claims();
        assertThat(claims.subject()).isEqualTo(DEVICE.devId());
        assertThat(claims.keyThumbprint()).isEqualTo(Forge.thumbprint(DEVICE.chain().leaf()));
    }

    @Test
    void refusesAKeyThatIsNotTheLeafs() {
        Device other = TestDevices.device(KeyKind.EC_P256);
        assertThatThrownBy(() -> new StatusTokenSigner(other.keyPair().getPrivate(), DEVICE.chain(), CLOCK, Duration.ofMinutes(1)))
                .isInstanceOf(TokenSigningException.class)
                .hasMessage("the device key does not belong to the certificate 'printer.home.arpa'");
        Device p384 = TestDevices.device(KeyKind.EC_P384);
        assertThatThrownBy(() -> new StatusTokenSigner(p384.keyPair().getPrivate(), DEVICE.chain(), CLOCK, Duration.ofMinutes(1)))
                .isInstanceOf(TokenSigningException.class).hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void refusesKeysTokensDoNotUse() {
        Device rsa = TestDevices.rsa();
        assertThatThrownBy(() -> rsa.signer())
                .isInstanceOf(TokenSigningException.class)
                .hasMessage("the device certificate 'printer.home.arpa': status tokens are signed with EC P-256, EC P-384"
                        + " or Ed25519 keys, not RSA 2048");
    }

    @Test
    void refusesAChainTooLargeForAToken() {
        List<io.localtrust.x509.Cert> certs = new ArrayList<>(DEVICE.chain().certs());
        for (int i = 0; i < 3; i++) {
            certs.add(TestCerts.maker().commonName("filler " + i).extension("1.2.3.4." + i, false, new byte[2500]).make().cert());
        }
        CertChain big = new CertChain(certs);
        assertThatThrownBy(() -> new StatusTokenSigner(DEVICE.keyPair().getPrivate(), big, CLOCK, Duration.ofMinutes(1)))
                .isInstanceOf(TokenSigningException.class).hasMessageContaining("too large for a status token");
    }

    @Test
    void acceptsTheJcaChainOfAKeyStore() throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> jca = new ArrayList<>();
        for (var c : DEVICE.chain().certs()) {
            jca.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(c.der())));
        }
        StatusTokenSigner signer = new StatusTokenSigner(DEVICE.keyPair().getPrivate(), StatusTokenSigner.chainOf(jca), CLOCK,
                Duration.ofMinutes(1));
        assertThat(signer.sign(TokenFormat.JWT, REPORT, Optional.empty()).claims().subject()).isEqualTo(DEVICE.devId());
    }

    @Test
    void neverShowsKeyMaterial() throws Exception {
        StatusTokenSigner signer = DEVICE.signer();
        String privateEncoded = Base64.getEncoder().encodeToString(DEVICE.keyPair().getPrivate().getEncoded());
        assertThat(signer.toString()).isEqualTo("StatusTokenSigner[ES256, printer.home.arpa]").doesNotContain(privateEncoded);
        SignedToken token = signer.sign(TokenFormat.JWT, REPORT, Optional.empty());
        assertThat(token.toString()).startsWith("SignedToken[JWT, ").doesNotContain(privateEncoded);
        assertThat(token.text()).doesNotContain(privateEncoded);
    }

    @Test
    void aCoseTokenHasNoTextForm() throws Exception {
        SignedToken cose = DEVICE.sign(TokenFormat.COSE);
        assertThatThrownBy(cose::text).isInstanceOf(IllegalStateException.class);
        assertThat(cose.encoded()[0]).isEqualTo((byte) 0xD2); // tag 18
    }
}
