package io.localtrust.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.upokecenter.cbor.CBORObject;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.KeyKind;
import io.localtrust.x509.TestCerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attestation tokens in their COSE form (a COSE_Sign1 CWT, {@link AttestationSigner#signCose}) pass
 * the same checks as the JWS form: a valid binding verifies (tagged 18, and wrapped in the CWT tag
 * 61); a token for another key, an expired or not-yet-valid one, one from an unconfigured signer, a
 * payload rewritten under the authority's signature, a flipped signature bit, a device's own COSE
 * status token, a protected header without typ and garbage CBOR do not — and nothing throws.
 * Debian's python3 with cbor2 and cryptography makes one we accept and verifies ours.
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

    @Test
    void pythonCbor2MakesCoseAttestationsWeAcceptAndVerifiesOurs(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("authority.pem"), TestCerts.pem("PRIVATE KEY", AUTHORITY.keyPair().getPrivate().getEncoded()));
        Files.writeString(tmp.resolve("authority-pub.pem"), TestCerts.pem("PUBLIC KEY", AUTHORITY.keyPair().getPublic().getEncoded()));
        AttestationClaims c = claimsFor(device.chain().leaf().spkiDer(), NOW, Duration.ofDays(30));
        String make = """
                import base64, cbor2, hashlib, sys
                from cryptography.hazmat.primitives import hashes, serialization
                from cryptography.hazmat.primitives.asymmetric import ec
                from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
                key = serialization.load_pem_private_key(open('authority.pem', 'rb').read(), None)
                spki = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
                prot = cbor2.dumps({1: -7, 16: 'application/local-device-attestation+cwt', 4: hashlib.sha256(spki).digest()})
                jkt = base64.urlsafe_b64decode(sys.argv[5] + '=')
                payload = cbor2.dumps({1: sys.argv[1], 2: sys.argv[2], 6: int(sys.argv[3]), 4: int(sys.argv[4]), 8: {3: jkt}})
                r, s = decode_dss_signature(key.sign(cbor2.dumps(['Signature1', prot, b'', payload]), ec.ECDSA(hashes.SHA256())))
                sig = r.to_bytes(32, 'big') + s.to_bytes(32, 'big')
                open('py.cwt', 'wb').write(cbor2.dumps(cbor2.CBORTag(18, [prot, {}, payload, sig])))
                """;
        Tools.Result made = Tools.run(tmp, List.of(Tools.PYTHON, "-c", make, c.issuer(), c.subject(),
                Long.toString(c.issuedAt().getEpochSecond()), Long.toString(c.expiresAt().getEpochSecond()), c.keyThumbprint()));
        assertThat(made.exit()).as(made.err()).isZero();
        AttestationVerification theirs = verify(Files.readAllBytes(tmp.resolve("py.cwt")), List.of(AUTHORITY.cert()));
        assertThat(theirs.valid()).as("%s", theirs).isTrue();

        Files.write(tmp.resolve("ours.cwt"), sign(AUTHORITY, c));
        String check = """
                import base64, cbor2, hashlib
                from cryptography.hazmat.primitives import hashes, serialization
                from cryptography.hazmat.primitives.asymmetric import ec
                from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
                pub = serialization.load_pem_public_key(open('authority-pub.pem', 'rb').read())
                spki = pub.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
                msg = cbor2.loads(open('ours.cwt', 'rb').read())
                assert msg.tag == 18
                prot, unprotected, payload, sig = msg.value
                h = cbor2.loads(prot)
                der = encode_dss_signature(int.from_bytes(sig[:32], 'big'), int.from_bytes(sig[32:], 'big'))
                pub.verify(der, cbor2.dumps(['Signature1', prot, b'', payload]), ec.ECDSA(hashes.SHA256()))
                c = cbor2.loads(payload)
                print(h[16], base64.urlsafe_b64encode(c[8][3]).rstrip(b'=').decode(), c[2], h[4] == hashlib.sha256(spki).digest())
                """;
        Tools.Result checked = Tools.run(tmp, List.of(Tools.PYTHON, "-c", check));
        assertThat(checked.exit()).as(checked.err()).isZero();
        assertThat(checked.text().strip()).isEqualTo("application/local-device-attestation+cwt " + c.keyThumbprint() + " "
                + c.subject() + " True");
    }

    private static TokenFailure failure(AttestationVerification v) {
        assertThat(v).as("%s", v).isInstanceOf(AttestationVerification.Rejected.class);
        return ((AttestationVerification.Rejected) v).failure();
    }
}
