package io.localtrust.tokens;

import static io.localtrust.tokens.TestDevices.NONCE;
import static io.localtrust.tokens.TestDevices.NOW;
import static io.localtrust.tokens.TestDevices.REPORT;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.tokens.TestDevices.Device;
import io.localtrust.x509.KeyKind;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A token the signer makes verifies, in both formats and with each key type, and says exactly what was signed. */
class RoundTripTest {

    static Stream<Arguments> keysAndFormats() {
        return Stream.of(KeyKind.EC_P256, KeyKind.EC_P384, KeyKind.ED25519)
                .flatMap(k -> Stream.of(TokenFormat.values()).map(f -> Arguments.of(k, f)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("keysAndFormats")
    void signedTokenVerifiesWithTheTlsKeyAndCarriesTheClaims(KeyKind kind, TokenFormat format) throws Exception {
        Device device = TestDevices.device(kind);
        StatusTokenSigner signer = device.signer();
        SignedToken token = signer.sign(format, REPORT, Optional.of(NONCE));

        assertThat(signer.algorithm()).isEqualTo(switch (kind) {
            case EC_P256 -> TokenAlgorithm.ES256;
            case EC_P384 -> TokenAlgorithm.ES384;
            default -> TokenAlgorithm.EDDSA;
        });
        assertThat(token.mediaType()).isEqualTo(format == TokenFormat.JWT ? "application/jwt" : "application/cose");
        TokenVerification result = TestDevices.verifier().verify(format, token.encoded(), device.chain().leaf(), Optional.of(NONCE));
        assertThat(result).isInstanceOf(TokenVerification.Verified.class);
        TokenVerification.Verified verified = (TokenVerification.Verified) result;
        StatusClaims claims = verified.claims();
        assertThat(claims).isEqualTo(token.claims());
        assertThat(claims.issuer()).isEqualTo("printer.home.arpa");
        assertThat(claims.subject()).isEqualTo(device.devId()).hasSize(26);
        assertThat(claims.issuedAt()).isEqualTo(NOW);
        assertThat(claims.expiresAt()).isEqualTo(NOW.plusSeconds(120));
        assertThat(claims.nonce()).contains(NONCE);
        assertThat(claims.firmwareVersion()).isEqualTo("4.2.1 (build 77)");
        assertThat(claims.status()).isEqualTo(DeviceStatus.OK);
        assertThat(verified.format()).isEqualTo(format);
        assertThat(verified.chain()).isEqualTo(device.chain());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("keysAndFormats")
    void verifiesAgainstTheTlsKeyHoweverTheCallerHoldsIt(KeyKind kind, TokenFormat format) throws Exception {
        Device device = TestDevices.device(kind);
        byte[] token = device.sign(format).encoded();
        X509Certificate jca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(device.chain().leaf().der()));

        assertThat(TestDevices.verifier().verify(format, token, jca, Optional.of(NONCE)).valid()).isTrue();
        assertThat(TestDevices.verifier().verify(format, token, jca.getPublicKey(), Optional.of(NONCE)).valid()).isTrue();
        assertThat(TestDevices.verifier().verify(format, token, device.keyPair().getPublic(), Optional.of(NONCE)).valid()).isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("keysAndFormats")
    void aTokenWithoutNonceVerifiesForAClientThatSentNone(KeyKind kind, TokenFormat format) throws Exception {
        Device device = TestDevices.device(kind);
        SignedToken token = device.signer().sign(format, new StatusReport("10.0.0.7", "1", DeviceStatus.UPDATING), Optional.empty());

        TokenVerification result = TestDevices.verifier().verify(format, token.encoded(), device.chain().leaf(), Optional.empty());
        assertThat(result.valid()).as("%s", result).isTrue();
        StatusClaims claims = ((TokenVerification.Verified) result).claims();
        assertThat(claims.nonce()).isEmpty();
        assertThat(claims.issuer()).isEqualTo("10.0.0.7");
        assertThat(claims.status()).isEqualTo(DeviceStatus.UPDATING);
    }
}
