package io.localtrust.tokens;

import static io.localtrust.tokens.TestDevices.NONCE;
import static io.localtrust.tokens.TestDevices.NOW;
import static io.localtrust.tokens.TestDevices.REPORT;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.tokens.TestDevices.Device;
import io.localtrust.x509.KeyKind;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The checks that tie a token to the TLS connection and to now, in both formats: each bad token
 * is rejected with its own failure code, and a message that says what was wrong.
 */
class BindingAndFreshnessTest {
    private static final Device DEVICE = TestDevices.device(KeyKind.EC_P256);
    private static final Device OTHER = TestDevices.device(KeyKind.EC_P256);

    private static TokenVerification verify(TokenFormat format, byte[] token) {
        return TestDevices.verifier().verify(format, token, DEVICE.chain().leaf(), Optional.of(NONCE));
    }

    private static byte[] forged(TokenFormat format, Consumer<Map<String, Object>> change) throws Exception {
        Map<String, Object> claims = Forge.claims(DEVICE);
        change.accept(claims);
        return Forge.token(format, DEVICE, claims, DEVICE.keyPair().getPrivate());
    }

    private static void assertRejected(TokenVerification result, TokenFailure failure, String messagePart) {
        assertThat(result).isInstanceOf(TokenVerification.Rejected.class);
        TokenVerification.Rejected r = (TokenVerification.Rejected) result;
        assertThat(r.failure()).as("%s", r).isEqualTo(failure);
        assertThat(r.message()).contains(messagePart).doesNotContain("\n");
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void aForgedButCorrectTokenVerifies(TokenFormat format) throws Exception {
        // the control for every forged case below: the forge itself makes valid tokens
        assertThat(verify(format, forged(format, c -> { })).valid()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void rejectsExpiredToken(TokenFormat format) throws Exception {
        byte[] token = DEVICE.sign(format).encoded();
        TokenVerification result = TestDevices.verifierAt(NOW.plusSeconds(120 + 60))
                .verify(format, token, DEVICE.chain().leaf(), Optional.of(NONCE));
        assertRejected(result, TokenFailure.EXPIRED, "expired at 2026-03-01T12:02:00Z");
        // within the skew it still verifies
        assertThat(TestDevices.verifierAt(NOW.plusSeconds(120 + 59))
                .verify(format, token, DEVICE.chain().leaf(), Optional.of(NONCE)).valid()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void rejectsTokenIssuedInTheFuture(TokenFormat format) throws Exception {
        byte[] token = DEVICE.sign(format).encoded();
        TokenVerification result = TestDevices.verifierAt(NOW.minusSeconds(61))
                .verify(format, token, DEVICE.chain().leaf(), Optional.of(NONCE));
        assertRejected(result, TokenFailure.ISSUED_IN_FUTURE, "61 s ahead");
        assertThat(TestDevices.verifierAt(NOW.minusSeconds(60))
                .verify(format, token, DEVICE.chain().leaf(), Optional.of(NONCE)).valid()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void rejectsLifetimeOverFiveMinutes(TokenFormat format) throws Exception {
        assertRejected(verify(format, forged(format, c -> c.put("exp", NOW.getEpochSecond() + 301))),
                TokenFailure.LIFETIME_TOO_LONG, "301 s");
        assertThat(verify(format, forged(format, c -> c.put("exp", NOW.getEpochSecond() + 300))).valid()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void rejectsExpiryNotAfterIssue(TokenFormat format) throws Exception {
        assertRejected(verify(format, forged(format, c -> c.put("exp", NOW.getEpochSecond()))),
                TokenFailure.CLAIM_INVALID, "not after iat");
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void rejectsAnotherClientsNonce(TokenFormat format) throws Exception {
        byte[] token = DEVICE.signer().sign(format, REPORT, Optional.of(new Nonce("n-0S6_WzA2Mk"))).encoded();
        assertRejected(verify(format, token), TokenFailure.NONCE_MISMATCH, "not the one this client sent");
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void rejectsTokenWithoutTheNonceTheClientSent(TokenFormat format) throws Exception {
        byte[] token = DEVICE.signer().sign(format, REPORT, Optional.empty()).encoded();
        assertRejected(verify(format, token), TokenFailure.NONCE_MISMATCH, "carries no nonce");
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void rejectsANonceWhenTheClientSentNone(TokenFormat format) throws Exception {
        TokenVerification result = TestDevices.verifier().verify(format, DEVICE.sign(format).encoded(),
                DEVICE.chain().leaf(), Optional.empty());
        assertRejected(result, TokenFailure.NONCE_MISMATCH, "sent none");
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void rejectsTokenOfAnotherDevice(TokenFormat format) throws Exception {
        // genuine token, but from another key than the one in this TLS connection
        assertRejected(verify(format, OTHER.sign(format).encoded()), TokenFailure.KEY_MISMATCH, "another key");
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void rejectsTokenSignedByAnotherKeyUnderThisDevicesChain(TokenFormat format) throws Exception {
        byte[] token = Forge.token(format, DEVICE, Forge.claims(DEVICE), OTHER.keyPair().getPrivate());
        assertRejected(verify(format, token), TokenFailure.BAD_SIGNATURE, "does not verify");
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void rejectsConfirmationOfAnotherKey(TokenFormat format) throws Exception {
        String other = Forge.thumbprint(OTHER.chain().leaf());
        assertRejected(verify(format, forged(format, c -> c.put("cnf", Map.of("jkt", other)))),
                TokenFailure.CONFIRMATION_MISMATCH, other);
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void rejectsSubjectOtherThanTheTlsKeysDevId(TokenFormat format) throws Exception {
        assertRejected(verify(format, forged(format, c -> c.put("sub", OTHER.devId()))),
                TokenFailure.SUBJECT_MISMATCH, DEVICE.devId());
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void rejectsMissingClaim(TokenFormat format) throws Exception {
        assertRejected(verify(format, forged(format, c -> c.remove("firmware_version"))), TokenFailure.CLAIM_INVALID, "missing");
        assertRejected(verify(format, forged(format, c -> c.remove("iat"))), TokenFailure.CLAIM_INVALID, "missing");
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void rejectsUnknownStatusAndBadText(TokenFormat format) throws Exception {
        assertRejected(verify(format, forged(format, c -> c.put("device_status", "OK"))),
                TokenFailure.CLAIM_INVALID, "device status 'OK'");
        assertRejected(verify(format, forged(format, c -> c.put("iss", "printer home"))),
                TokenFailure.CLAIM_INVALID, "iss must be the device's name");
        assertRejected(verify(format, forged(format, c -> c.put("firmware_version", "1.0\u0007"))),
                TokenFailure.CLAIM_INVALID, "firmware version");
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void rejectsOversizedTokenUnread(TokenFormat format) {
        byte[] token = new byte[StatusTokenVerifier.MAX_TOKEN_BYTES + 1];
        Arrays.fill(token, (byte) 'A');
        assertRejected(verify(format, token), TokenFailure.OVERSIZED, "16385 bytes");
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void rejectsTruncatedToken(TokenFormat format) throws Exception {
        byte[] token = DEVICE.sign(format).encoded();
        for (int length : new int[] {0, 1, token.length / 3, token.length / 2, token.length - 1}) {
            TokenVerification result = verify(format, Arrays.copyOf(token, length));
            assertThat(result.valid()).as("truncated to %d", length).isFalse();
            assertThat(((TokenVerification.Rejected) result).failure()).as("truncated to %d: %s", length, result)
                    .isIn(TokenFailure.MALFORMED, TokenFailure.BAD_SIGNATURE, TokenFailure.CHAIN_INVALID);
        }
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void rejectsTlsKeyTokensCannotUse(TokenFormat format) throws Exception {
        PublicKey rsa = TestDevices.rsa().keyPair().getPublic();
        TokenVerification result = TestDevices.verifier().verify(format, DEVICE.sign(format).encoded(), rsa, Optional.of(NONCE));
        assertRejected(result, TokenFailure.KEY_UNSUPPORTED, "not RSA 2048");
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void rejectsTlsKeyWithoutAnEncoding(TokenFormat format) throws Exception {
        PublicKey opaque = new PublicKey() {
            @Override
            public String getAlgorithm() {
                return "EC";
            }

            @Override
            public String getFormat() {
                return null;
            }

            @Override
            public byte[] getEncoded() {
                return null;
            }
        };
        TokenVerification result = TestDevices.verifier().verify(format, DEVICE.sign(format).encoded(), opaque, Optional.of(NONCE));
        assertRejected(result, TokenFailure.KEY_UNSUPPORTED, "no SubjectPublicKeyInfo encoding");
    }
}
