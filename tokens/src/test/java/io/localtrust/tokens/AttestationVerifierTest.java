package io.localtrust.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.KeyKind;
import io.localtrust.x509.TestCerts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attestation tokens (DESIGN.md §3 step 4): real signatures by an authority key, checked against
 * the TLS key and the configured anchors. A valid binding verifies; a token for another key, an
 * expired one, one from an unknown signer, a tampered one or a device's own status token does not.
 * PyJWT (Debian python3-jwt) signs one and checks ours: the format is plain JWS, not ours alone.
 */
class AttestationVerifierTest {
    private static final Instant NOW = TestDevices.NOW;
    private static final Clock CLOCK = TestDevices.CLOCK;
    private static final CertificateMaker.Made AUTHORITY = TestCerts.maker().commonName("Acme IoT attestation")
            .organization("Acme IoT Authority").ca(0).make();
    private static final CertificateMaker.Made STRANGER = TestCerts.maker().commonName("Someone else").ca(0).make();

    private final TestDevices.Device device = TestDevices.device(KeyKind.EC_P256);

    private static String sign(CertificateMaker.Made authority, AttestationClaims claims) throws Exception {
        return new AttestationSigner(authority.keyPair().getPrivate(), authority.keyPair().getPublic()).sign(claims);
    }

    private AttestationClaims claimsFor(byte[] spki, Instant iat, Duration life) {
        return AttestationClaims.binding("Acme IoT Authority", spki, iat, iat.plus(life));
    }

    private AttestationVerification verify(String token, List<Cert> anchors) {
        return new AttestationVerifier(anchors, CLOCK).verify(token.getBytes(StandardCharsets.US_ASCII),
                device.chain().leaf().spkiDer());
    }

    @Test
    void aBindingOfThisKeyByAConfiguredAuthorityVerifies() throws Exception {
        String token = sign(AUTHORITY, claimsFor(device.chain().leaf().spkiDer(), NOW.minus(Duration.ofDays(1)), Duration.ofDays(90)));
        AttestationVerification v = verify(token, List.of(STRANGER.cert(), AUTHORITY.cert()));
        assertThat(v).isInstanceOf(AttestationVerification.Verified.class);
        AttestationVerification.Verified ok = (AttestationVerification.Verified) v;
        assertThat(ok.anchor()).isEqualTo(AUTHORITY.cert());
        assertThat(ok.claims().subject()).isEqualTo(device.devId());
        assertThat(ok.claims().issuer()).isEqualTo("Acme IoT Authority");
    }

    @Test
    void aTokenForAnotherKeyIsNotABinding() throws Exception {
        TestDevices.Device other = TestDevices.device(KeyKind.EC_P256);
        String token = sign(AUTHORITY, claimsFor(other.chain().leaf().spkiDer(), NOW, Duration.ofDays(30)));
        assertThat(verify(token, List.of(AUTHORITY.cert()))).isEqualTo(rejected(TokenFailure.CONFIRMATION_MISMATCH,
                "the attestation binds key " + AttestationClaims.thumbprintOf(other.chain().leaf().spkiDer()).orElseThrow()
                        + ", not the TLS key " + AttestationClaims.thumbprintOf(device.chain().leaf().spkiDer()).orElseThrow()));
    }

    @Test
    void anExpiredOrNotYetValidTokenIsNotABinding() throws Exception {
        String expired = sign(AUTHORITY, claimsFor(device.chain().leaf().spkiDer(), NOW.minus(Duration.ofDays(31)), Duration.ofDays(30)));
        assertThat(failure(verify(expired, List.of(AUTHORITY.cert())))).isEqualTo(TokenFailure.EXPIRED);
        String future = sign(AUTHORITY, claimsFor(device.chain().leaf().spkiDer(), NOW.plus(Duration.ofHours(1)), Duration.ofDays(30)));
        assertThat(failure(verify(future, List.of(AUTHORITY.cert())))).isEqualTo(TokenFailure.ISSUED_IN_FUTURE);
    }

    @Test
    void aTokenFromAnUnconfiguredSignerIsNotABinding() throws Exception {
        String token = sign(STRANGER, claimsFor(device.chain().leaf().spkiDer(), NOW, Duration.ofDays(30)));
        AttestationVerification v = verify(token, List.of(AUTHORITY.cert()));
        assertThat(failure(v)).isEqualTo(TokenFailure.UNKNOWN_SIGNER);
        assertThat(failure(verify(token, List.of()))).isEqualTo(TokenFailure.UNKNOWN_SIGNER);
    }

    @Test
    void aTamperedTokenIsNotABinding() throws Exception {
        TestDevices.Device other = TestDevices.device(KeyKind.EC_P256);
        String token = sign(AUTHORITY, claimsFor(other.chain().leaf().spkiDer(), NOW, Duration.ofDays(30)));
        String[] parts = token.split("\\.");
        // the payload rewritten to bind this device's key, the authority's signature kept
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(AttestationClaims.thumbprintOf(other.chain().leaf().spkiDer()).orElseThrow(),
                        AttestationClaims.thumbprintOf(device.chain().leaf().spkiDer()).orElseThrow())
                .replace(other.devId(), device.devId());
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(failure(verify(forged, List.of(AUTHORITY.cert())))).isEqualTo(TokenFailure.BAD_SIGNATURE);
        // a flipped signature bit
        byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
        sig[5] ^= 1;
        String flipped = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        assertThat(failure(verify(flipped, List.of(AUTHORITY.cert())))).isEqualTo(TokenFailure.BAD_SIGNATURE);
    }

    @Test
    void aDevicesOwnStatusTokenIsNoAttestationEvenWithItsKeyAsAnchor() throws Exception {
        String status = device.sign(TokenFormat.JWT).text();
        AttestationVerification v = verify(status, List.of(device.chain().leaf()));
        assertThat(failure(v)).isEqualTo(TokenFailure.WRONG_TYPE);
    }

    @Test
    void unsignedOrGarbageTokensAreRejectedWithoutThrowing() {
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"none\",\"typ\":\"" + AttestationSigner.TYPE + "\"}").getBytes(StandardCharsets.UTF_8)) + ".e30.";
        assertThat(verify(none, List.of(AUTHORITY.cert())).valid()).isFalse();
        for (String junk : new String[] {"", "a.b", "a.b.c.d", "%%%.e30.AA", "x".repeat(20_000)}) {
            assertThat(verify(junk, List.of(AUTHORITY.cert())).valid()).as(junk.length() > 20 ? "long" : junk).isFalse();
        }
    }

    @Test
    void pyjwtSignsAttestationsWeAcceptAndChecksOurs(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("authority.pem"), TestCerts.pem("PRIVATE KEY", AUTHORITY.keyPair().getPrivate().getEncoded()));
        Files.writeString(tmp.resolve("authority-pub.pem"), TestCerts.pem("PUBLIC KEY", AUTHORITY.keyPair().getPublic().getEncoded()));
        AttestationClaims c = claimsFor(device.chain().leaf().spkiDer(), NOW, Duration.ofDays(30));
        String script = """
                import jwt, sys
                key = open('authority.pem').read()
                claims = {'iss': sys.argv[1], 'sub': sys.argv[2], 'iat': int(sys.argv[3]), 'exp': int(sys.argv[4]), 'cnf': {'jkt': sys.argv[5]}}
                print(jwt.encode(claims, key, algorithm='ES256', headers={'typ': 'local-device-attestation+jwt'}))
                """;
        Tools.Result made = Tools.run(tmp, List.of(Tools.PYTHON, "-c", script, c.issuer(), c.subject(),
                Long.toString(c.issuedAt().getEpochSecond()), Long.toString(c.expiresAt().getEpochSecond()), c.keyThumbprint()));
        assertThat(made.exit()).as(made.err()).isZero();
        assertThat(verify(made.text().strip(), List.of(AUTHORITY.cert())).valid()).as(made.text()).isTrue();

        String ours = sign(AUTHORITY, c);
        String check = """
                import jwt, sys
                pub = open('authority-pub.pem').read()
                h = jwt.get_unverified_header(sys.argv[1])
                c = jwt.decode(sys.argv[1], pub, algorithms=['ES256'], options={'verify_exp': False, 'verify_iat': False})
                print(h['typ'], c['cnf']['jkt'], c['sub'])
                """;
        Tools.Result checked = Tools.run(tmp, List.of(Tools.PYTHON, "-c", check, ours));
        assertThat(checked.exit()).as(checked.err()).isZero();
        assertThat(checked.text().strip()).isEqualTo(AttestationSigner.TYPE + " " + c.keyThumbprint() + " " + c.subject());
    }

    private static TokenFailure failure(AttestationVerification v) {
        assertThat(v).as("%s", v).isInstanceOf(AttestationVerification.Rejected.class);
        return ((AttestationVerification.Rejected) v).failure();
    }

    private static AttestationVerification rejected(TokenFailure f, String message) {
        return new AttestationVerification.Rejected(f, message);
    }
}
