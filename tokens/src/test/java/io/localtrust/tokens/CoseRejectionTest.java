package io.localtrust.tokens;

import static io.localtrust.tokens.TestDevices.NONCE;
import static org.assertj.core.api.Assertions.assertThat;

import com.upokecenter.cbor.CBORObject;
import io.localtrust.tokens.TestDevices.Device;
import io.localtrust.x509.KeyKind;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** What the COSE form refuses: unprotected or foreign algorithms, wrong typ, crit, tampering, DER signatures, bad CBOR. */
class CoseRejectionTest {
    private static final Device DEVICE = TestDevices.device(KeyKind.EC_P256);

    private static TokenVerification.Rejected rejected(byte[] token) {
        TokenVerification result = TestDevices.verifier().verify(TokenFormat.COSE, token, DEVICE.chain().leaf(), Optional.of(NONCE));
        assertThat(result).isInstanceOf(TokenVerification.Rejected.class);
        return (TokenVerification.Rejected) result;
    }

    private static void assertRejected(byte[] token, TokenFailure failure, String messagePart) {
        TokenVerification.Rejected r = rejected(token);
        assertThat(r.failure()).as("%s", r).isEqualTo(failure);
        assertThat(r.message()).contains(messagePart).doesNotContain("\n");
    }

    private static byte[] forged(CBORObject header, Map<String, Object> claims) throws Exception {
        return Forge.cose(header, Forge.cwt(claims), DEVICE.keyPair().getPrivate());
    }

    /** The parts of a token the signer made: [protected, unprotected, payload, signature]. */
    private static CBORObject parts() throws Exception {
        return CBORObject.DecodeFromBytes(DEVICE.sign(TokenFormat.COSE).encoded()).UntagOne();
    }

    @Test
    void rejectsMissingUnprotectedOrForeignAlgorithm() throws Exception {
        CBORObject header = Forge.coseHeader(DEVICE);
        header.Remove(CBORObject.FromObject(1));
        assertRejected(forged(header, Forge.claims(DEVICE)), TokenFailure.ALGORITHM_REJECTED, "no alg");
        for (int alg : new int[] {-36, -37, -257, -47, 0}) { // ES512, PS256, RS256, ES256K, reserved
            header.Set(1, alg);
            assertRejected(forged(header, Forge.claims(DEVICE)), TokenFailure.ALGORITHM_REJECTED, "alg " + alg + " is not allowed");
        }
        header.Set(1, "ES256");
        assertRejected(forged(header, Forge.claims(DEVICE)), TokenFailure.ALGORITHM_REJECTED, "is not allowed");
    }

    @Test
    void rejectsHmacEvenWithTheTlsKeysBytesAsSecret() throws Exception {
        CBORObject header = Forge.coseHeader(DEVICE).Set(1, 5); // HMAC 256/256
        byte[] prot = header.EncodeToBytes();
        byte[] payload = Forge.cwt(Forge.claims(DEVICE)).EncodeToBytes();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(DEVICE.chain().leaf().spkiDer(), "HmacSHA256"));
        byte[] tag = mac.doFinal(Forge.sigStructure(prot, payload));
        assertRejected(Forge.sign1(prot, CBORObject.NewMap(), payload, tag), TokenFailure.ALGORITHM_REJECTED, "alg 5");
    }

    @Test
    void rejectsAlgorithmOnlyInTheUnprotectedHeader() throws Exception {
        CBORObject header = Forge.coseHeader(DEVICE);
        header.Remove(CBORObject.FromObject(1));
        byte[] prot = header.EncodeToBytes();
        byte[] payload = Forge.cwt(Forge.claims(DEVICE)).EncodeToBytes();
        byte[] sig = Forge.es256(DEVICE.keyPair().getPrivate(), Forge.sigStructure(prot, payload));
        assertRejected(Forge.sign1(prot, CBORObject.NewMap().Add(1, -7), payload, sig), TokenFailure.MALFORMED,
                "label 1 belongs in the protected header");
        assertRejected(Forge.sign1(new byte[0], CBORObject.NewMap().Add(1, -7), payload, sig), TokenFailure.ALGORITHM_REJECTED,
                "protected header is empty");
    }

    @Test
    void rejectsAlgorithmThatDoesNotFitTheKey() throws Exception {
        CBORObject header = Forge.coseHeader(DEVICE).Set(1, -35);
        byte[] prot = header.EncodeToBytes();
        byte[] payload = Forge.cwt(Forge.claims(DEVICE)).EncodeToBytes();
        Signature s = Signature.getInstance("SHA384withECDSA");
        s.initSign(DEVICE.keyPair().getPrivate());
        s.update(Forge.sigStructure(prot, payload));
        byte[] sig = com.nimbusds.jose.crypto.impl.ECDSA.transcodeSignatureToConcat(s.sign(), 96);
        assertRejected(Forge.sign1(prot, CBORObject.NewMap(), payload, sig), TokenFailure.ALGORITHM_REJECTED,
                "ES384 does not fit the leaf's key, which signs ES256");
    }

    @Test
    void rejectsTamperedPayload() throws Exception {
        CBORObject p = parts();
        byte[] payload = p.get(2).GetByteString();
        CBORObject claims = CBORObject.DecodeFromBytes(payload).Set(-65538, "degraded");
        assertRejected(Forge.sign1(p.get(0).GetByteString(), p.get(1), claims.EncodeToBytes(), p.get(3).GetByteString()),
                TokenFailure.BAD_SIGNATURE, "does not verify");
        byte[] flipped = payload.clone();
        flipped[flipped.length - 1] ^= 1; // the last character of the status text
        assertRejected(Forge.sign1(p.get(0).GetByteString(), p.get(1), flipped, p.get(3).GetByteString()),
                TokenFailure.BAD_SIGNATURE, "does not verify");
    }

    @Test
    void rejectsTamperedProtectedHeaderAndSignature() throws Exception {
        CBORObject p = parts();
        CBORObject header = CBORObject.DecodeFromBytes(p.get(0).GetByteString()).Set(4, new byte[] {1}); // add a kid
        assertRejected(Forge.sign1(header.EncodeToBytes(), p.get(1), p.get(2).GetByteString(), p.get(3).GetByteString()),
                TokenFailure.BAD_SIGNATURE, "does not verify");
        byte[] sig = p.get(3).GetByteString();
        sig[5] ^= 1;
        assertRejected(Forge.sign1(p.get(0).GetByteString(), p.get(1), p.get(2).GetByteString(), sig),
                TokenFailure.BAD_SIGNATURE, "does not verify");
    }

    @Test
    void rejectsDerSignatureZeroSignatureAndWrongLength() throws Exception {
        CBORObject p = parts();
        byte[] prot = p.get(0).GetByteString();
        byte[] payload = p.get(2).GetByteString();
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(DEVICE.keyPair().getPrivate());
        s.update(Forge.sigStructure(prot, payload));
        byte[] der = s.sign();
        assertRejected(Forge.sign1(prot, p.get(1), payload, der), TokenFailure.BAD_SIGNATURE, "does not verify");
        assertRejected(Forge.sign1(prot, p.get(1), payload, new byte[64]), TokenFailure.BAD_SIGNATURE, "does not verify");
        assertRejected(Forge.sign1(prot, p.get(1), payload, Arrays.copyOf(p.get(3).GetByteString(), 63)),
                TokenFailure.BAD_SIGNATURE, "does not verify");
    }

    @Test
    void rejectsWrongTypeAndCriticalHeaders() throws Exception {
        assertRejected(forged(Forge.coseHeader(DEVICE).Set(16, "application/cwt"), Forge.claims(DEVICE)),
                TokenFailure.WRONG_TYPE, "typ (label 16) is 'application/cwt'");
        CBORObject header = Forge.coseHeader(DEVICE);
        header.Remove(CBORObject.FromObject(16));
        assertRejected(forged(header, Forge.claims(DEVICE)), TokenFailure.WRONG_TYPE, "missing");
        assertRejected(forged(Forge.coseHeader(DEVICE).Add(2, CBORObject.NewArray().Add(-70000)), Forge.claims(DEVICE)),
                TokenFailure.CRITICAL_HEADER, "crit");
    }

    @Test
    void readsOneCertificateAsAByteStringAndRejectsBadChains() throws Exception {
        CBORObject header = Forge.coseHeader(DEVICE).Set(33, DEVICE.chain().leaf().der());
        assertThat(TestDevices.verifier().verify(TokenFormat.COSE, forged(header, Forge.claims(DEVICE)),
                DEVICE.chain().leaf(), Optional.of(NONCE)).valid()).isTrue();
        header.Remove(CBORObject.FromObject(33));
        assertRejected(forged(header, Forge.claims(DEVICE)), TokenFailure.CHAIN_INVALID, "no x5chain");
        assertRejected(forged(header.Set(33, "MIIB"), Forge.claims(DEVICE)), TokenFailure.CHAIN_INVALID, "neither a byte string");
        assertRejected(forged(header.Set(33, CBORObject.NewArray()), Forge.claims(DEVICE)), TokenFailure.CHAIN_INVALID,
                "no certificate");
        assertRejected(forged(header.Set(33, new byte[] {0x30, 0x03, 1, 2, 3}), Forge.claims(DEVICE)), TokenFailure.CHAIN_INVALID,
                "x5chain certificate 1");
    }

    @Test
    void claimKeysAreIntegersNotTheirText() throws Exception {
        CBORObject claims = Forge.cwt(Forge.claims(DEVICE));
        CBORObject iss = claims.get(CBORObject.FromObject(1));
        claims.Remove(CBORObject.FromObject(1));
        claims.Add("1", iss);
        assertRejected(Forge.cose(Forge.coseHeader(DEVICE), claims, DEVICE.keyPair().getPrivate()), TokenFailure.CLAIM_INVALID,
                "iss (1) is missing");
    }

    @Test
    void rejectsClaimsOfTheWrongType() throws Exception {
        CBORObject claims = Forge.cwt(Forge.claims(DEVICE)).Set(6, CBORObject.FromObjectAndTag(TestDevices.NOW.getEpochSecond(), 1));
        assertRejected(Forge.cose(Forge.coseHeader(DEVICE), claims, DEVICE.keyPair().getPrivate()), TokenFailure.CLAIM_INVALID,
                "iat (6) must be an integer");
        claims = Forge.cwt(Forge.claims(DEVICE)).Set(4, 1.5e9);
        assertRejected(Forge.cose(Forge.coseHeader(DEVICE), claims, DEVICE.keyPair().getPrivate()), TokenFailure.CLAIM_INVALID,
                "exp (4) must be an integer");
        claims = Forge.cwt(Forge.claims(DEVICE)).Set(8, CBORObject.NewMap().Add(1, CBORObject.NewMap()));
        assertRejected(Forge.cose(Forge.coseHeader(DEVICE), claims, DEVICE.keyPair().getPrivate()), TokenFailure.CLAIM_INVALID,
                "cnf kid (3) is missing");
        claims = Forge.cwt(Forge.claims(DEVICE)).Set(10, TestDevices.NONCE.value());
        assertRejected(Forge.cose(Forge.coseHeader(DEVICE), claims, DEVICE.keyPair().getPrivate()), TokenFailure.CLAIM_INVALID,
                "nonce (10) must be a byte string");
    }

    @Test
    void rejectsDuplicateKeys() throws Exception {
        // a map of 9 pairs whose last key repeats key 1 (iss): hand-built, as CBOR libraries refuse to write one
        byte[] claims = Forge.cwt(Forge.claims(DEVICE)).EncodeToBytes();
        assertThat(claims[0]).isEqualTo((byte) 0xA8);
        byte[] duplicate = Arrays.copyOf(claims, claims.length + 3);
        duplicate[0] = (byte) 0xA9;
        System.arraycopy(new byte[] {0x01, 0x61, 'x'}, 0, duplicate, claims.length, 3);
        byte[] prot = Forge.coseHeader(DEVICE).EncodeToBytes();
        byte[] sig = Forge.es256(DEVICE.keyPair().getPrivate(), Forge.sigStructure(prot, duplicate));
        assertRejected(Forge.sign1(prot, CBORObject.NewMap(), duplicate, sig), TokenFailure.MALFORMED, "payload is not well-formed");
    }

    @Test
    void rejectsGarbageAndOtherCoseStructures() throws Exception {
        HexFormat hex = HexFormat.of();
        assertRejected(hex.parseHex("ff"), TokenFailure.MALFORMED, "not well-formed CBOR");
        assertRejected(hex.parseHex("d2"), TokenFailure.MALFORMED, "not well-formed CBOR");
        assertRejected("eyJhbGciOiJFUzI1NiJ9.e30.AA".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                TokenFailure.MALFORMED, "not well-formed CBOR");
        assertRejected(hex.parseHex("a10126"), TokenFailure.MALFORMED, "not a tagged COSE_Sign1");
        assertRejected(hex.parseHex("d862a0"), TokenFailure.MALFORMED, "not a tagged COSE_Sign1"); // tag 98 COSE_Sign
        assertRejected(hex.parseHex("d28340a040"), TokenFailure.MALFORMED, "array of 4 items");
        assertRejected(hex.parseHex("d28440a0f640"), TokenFailure.MALFORMED, "detached payload");
        byte[] token = DEVICE.sign(TokenFormat.COSE).encoded();
        byte[] trailing = Arrays.copyOf(token, token.length + 1);
        assertRejected(trailing, TokenFailure.MALFORMED, "not well-formed CBOR");
        CBORObject untagged = CBORObject.DecodeFromBytes(token).UntagOne();
        assertRejected(untagged.EncodeToBytes(), TokenFailure.MALFORMED, "not a tagged COSE_Sign1");
        assertRejected(CBORObject.FromObjectAndTag(untagged, 98).EncodeToBytes(), TokenFailure.MALFORMED, "not a tagged COSE_Sign1");
    }

    @Test
    void acceptsTheCwtTagAroundTheCoseSign1() throws Exception {
        byte[] wrapped = CBORObject.FromObjectAndTag(CBORObject.DecodeFromBytes(DEVICE.sign(TokenFormat.COSE).encoded()), 61)
                .EncodeToBytes();
        assertThat(TestDevices.verifier().verify(TokenFormat.COSE, wrapped, DEVICE.chain().leaf(), Optional.of(NONCE)).valid())
                .isTrue();
    }
}
