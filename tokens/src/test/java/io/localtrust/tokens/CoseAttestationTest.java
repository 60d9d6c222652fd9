package io.localtrust.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.upokecenter.cbor.CBORObject;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.KeyKind;
import io.localtrust.x509.TestCerts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attestation tokens in their COSE form (a COSE_Sign1 CWT, {@link AttestationSigner#signCose}) pass
 * the same checks as the JWS form: a valid binding verifies (tagged 18, and wrapped in the CWT tag
 * 61); a token for another key, an expired or not-yet-valid one, one from an unconfigured signer, a
 * payload rewritten under the authority's signature, a flipped signature bit, a device's own COSE
 * status token, a protected header without typ and garbage CBOR do not — and nothing throws.
 */
class CoseAttestationTest {
    private static final Instant NOW = TestDevices.NOW;
    private static final CertificateMaker.Made AUTHORITY = TestCerts.maker().commonName("Acme IoT attestation")
            .organization("Acme IoT Authority").ca(0).make();
    private static final CertificateMaker.Made STRANGER = TestCerts.maker().commonName("Someone else").ca(0).make();

    private final TestDevices.Device device = TestDevices.device(KeyKind.EC_P256);

    private static byte[] sign(CertificateMaker.Made authority, AttestationClaims claims) throws Exception {
        return new AttestationSigner(authority.keyPair().getPrivate(), authority.keyPair().getPublic()).signCose(claims);
    }

    private AttestationClaims claimsFor(byte[] spki, Instant iat, Duration life) {
        return AttestationClaims.binding("Acme IoT Authority", spki, iat, iat.plus(life));
    }

    private AttestationVerification verify(byte[] token, List<Cert> anchors) {
        return new AttestationVerifier(anchors, TestDevices.CLOCK).verify(token, device.chain().leaf().spkiDer());
    }

    @Test
    void aCoseBindingOfThisKeyByAConfiguredAuthorityVerifies() throws Exception {
        byte[] token = sign(AUTHORITY, claimsFor(device.chain().leaf().spkiDer(), NOW.minus(Duration.ofDays(1)), Duration.ofDays(90)));
        assertThat(token[0] & 0xFF).isEqualTo(0xD2); // tag 18
        AttestationVerification v = verify(token, List.of(STRANGER.cert(), AUTHORITY.cert()));
        assertThat(v).isInstanceOf(AttestationVerification.Verified.class);
        AttestationVerification.Verified ok = (AttestationVerification.Verified) v;
        assertThat(ok.anchor()).isEqualTo(AUTHORITY.cert());
        assertThat(ok.claims().subject()).isEqualTo(device.devId());
        assertThat(ok.claims().keyThumbprint()).isEqualTo(AttestationClaims.thumbprintOf(device.chain().leaf().spkiDer()).orElseThrow());
        byte[] cwt = CBORObject.FromObjectAndTag(CBORObject.DecodeFromBytes(token), 61).EncodeToBytes();
        assertThat(verify(cwt, List.of(AUTHORITY.cert())).valid()).isTrue();
    }

    @Test
    void aCoseTokenForAnotherKeyIsNotABinding() throws Exception {
        TestDevices.Device other = TestDevices.device(KeyKind.EC_P256);
        byte[] token = sign(AUTHORITY, claimsFor(other.chain().leaf().spkiDer(), NOW, Duration.ofDays(30)));
        assertThat(failure(verify(token, List.of(AUTHORITY.cert())))).isEqualTo(TokenFailure.CONFIRMATION_MISMATCH);
    }

    @Test
    void anExpiredOrNotYetValidCoseTokenIsNotABinding() throws Exception {
        byte[] expired = sign(AUTHORITY, claimsFor(device.chain().leaf().spkiDer(), NOW.minus(Duration.ofDays(31)), Duration.ofDays(30)));
        assertThat(failure(verify(expired, List.of(AUTHORITY.cert())))).isEqualTo(TokenFailure.EXPIRED);
        byte[] future = sign(AUTHORITY, claimsFor(device.chain().leaf().spkiDer(), NOW.plus(Duration.ofHours(1)), Duration.ofDays(30)));
        assertThat(failure(verify(future, List.of(AUTHORITY.cert())))).isEqualTo(TokenFailure.ISSUED_IN_FUTURE);
    }

    @Test
    void aCoseTokenFromAnUnconfiguredSignerIsNotABinding() throws Exception {
        byte[] token = sign(STRANGER, claimsFor(device.chain().leaf().spkiDer(), NOW, Duration.ofDays(30)));
        assertThat(failure(verify(token, List.of(AUTHORITY.cert())))).isEqualTo(TokenFailure.UNKNOWN_SIGNER);
        assertThat(failure(verify(token, List.of()))).isEqualTo(TokenFailure.UNKNOWN_SIGNER);
    }

    @Test
    void aTamperedCoseTokenIsNotABinding() throws Exception {
        TestDevices.Device other = TestDevices.device(KeyKind.EC_P256);
        byte[] token = sign(AUTHORITY, claimsFor(other.chain().leaf().spkiDer(), NOW, Duration.ofDays(30)));
        CBORObject sign1 = CBORObject.DecodeFromBytes(token).UntagOne();
        // the payload rewritten to bind this device's key, the authority's signature kept
        AttestationClaims mine = claimsFor(device.chain().leaf().spkiDer(), NOW, Duration.ofDays(30));
        CBORObject payload = CBORObject.DecodeFromBytes(sign1.get(2).GetByteString());
        payload.Set(2, mine.subject());
        payload.Set(8, CBORObject.NewMap().Add(3, com.nimbusds.jose.util.Base64URL.from(mine.keyThumbprint()).decode()));
        CBORObject forged = CBORObject.NewArray().Add(sign1.get(0)).Add(sign1.get(1)).Add(payload.EncodeToBytes()).Add(sign1.get(3));
        assertThat(failure(verify(CBORObject.FromObjectAndTag(forged, 18).EncodeToBytes(), List.of(AUTHORITY.cert()))))
                .isEqualTo(TokenFailure.BAD_SIGNATURE);
        byte[] sig = sign1.get(3).GetByteString();
        sig[5] ^= 1;
        CBORObject flipped = CBORObject.NewArray().Add(sign1.get(0)).Add(sign1.get(1)).Add(sign1.get(2)).Add(sig);
        assertThat(failure(verify(CBORObject.FromObjectAndTag(flipped, 18).EncodeToBytes(), List.of(AUTHORITY.cert()))))
                .isEqualTo(TokenFailure.BAD_SIGNATURE);
    }

    @Test
    void aDevicesOwnCoseStatusTokenIsNoAttestation() throws Exception {
        byte[] status = device.sign(TokenFormat.COSE).encoded();
        assertThat(failure(verify(status, List.of(device.chain().leaf())))).isEqualTo(TokenFailure.WRONG_TYPE);
    }

    @Test
    void anUntypedOrGarbageCoseTokenIsRejectedWithoutThrowing() throws Exception {
        byte[] token = sign(AUTHORITY, claimsFor(device.chain().leaf().spkiDer(), NOW, Duration.ofDays(30)));
        CBORObject sign1 = CBORObject.DecodeFromBytes(token).UntagOne();
        CBORObject header = CBORObject.DecodeFromBytes(sign1.get(0).GetByteString());
        header.Remove(CBORObject.FromObject(16));
        CBORObject untyped = CBORObject.NewArray().Add(header.EncodeToBytes()).Add(sign1.get(1)).Add(sign1.get(2)).Add(sign1.get(3));
        assertThat(failure(verify(CBORObject.FromObjectAndTag(untyped, 18).EncodeToBytes(), List.of(AUTHORITY.cert()))))
                .isEqualTo(TokenFailure.WRONG_TYPE);
        for (byte[] junk : new byte[][] {{(byte) 0xD2}, {(byte) 0xD2, (byte) 0x84}, {(byte) 0xD8, 0x3D, (byte) 0xD2, 0x00},
            {(byte) 0xD2, (byte) 0x84, 0x40, (byte) 0xA0, (byte) 0xF6, 0x40}}) {
            assertThat(failure(verify(junk, List.of(AUTHORITY.cert())))).isIn(TokenFailure.MALFORMED, TokenFailure.ALGORITHM_REJECTED);
        }
    }

    private static TokenFailure failure(AttestationVerification v) {
        assertThat(v).as("%s", v).isInstanceOf(AttestationVerification.Rejected.class);
        return ((AttestationVerification.Rejected) v).failure();
    }
}
