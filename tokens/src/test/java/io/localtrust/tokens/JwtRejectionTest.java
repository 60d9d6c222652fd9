package io.localtrust.tokens;

import static io.localtrust.tokens.TestDevices.NONCE;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import io.localtrust.tokens.TestDevices.Device;
import io.localtrust.x509.KeyKind;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the JWT form refuses before and around the signature: alg none, HMAC, wrong typ, crit, tampering, garbage. */
class JwtRejectionTest {
    private static final Device DEVICE = TestDevices.device(KeyKind.EC_P256);

    private static TokenVerification.Rejected rejected(String token) {
        TokenVerification result = TestDevices.verifier().verify(TokenFormat.JWT, token.getBytes(StandardCharsets.ISO_8859_1),
                DEVICE.chain().leaf(), Optional.of(NONCE));
        assertThat(result).as("%s", token).isInstanceOf(TokenVerification.Rejected.class);
        return (TokenVerification.Rejected) result;
    }

    private static void assertRejected(String token, TokenFailure failure, String messagePart) {
        TokenVerification.Rejected r = rejected(token);
        assertThat(r.failure()).as("%s", r).isEqualTo(failure);
        assertThat(r.message()).contains(messagePart);
    }

    @Test
    void rejectsAlgNone() throws Exception {
        Map<String, Object> header = Forge.jwtHeader(DEVICE);
        header.put("alg", "none");
        String unsigned = Forge.signingInput(header, Forge.claims(DEVICE)) + ".";
        assertRejected(unsigned, TokenFailure.ALGORITHM_REJECTED, "'none' is not a signature algorithm");
        // with the device's real signature appended, still none
        String signed = Forge.jwt(Forge.jwtHeader(DEVICE), Forge.claims(DEVICE), DEVICE.keyPair().getPrivate());
        assertRejected(Forge.signingInput(header, Forge.claims(DEVICE)) + signed.substring(signed.lastIndexOf('.')),
                TokenFailure.ALGORITHM_REJECTED, "none");
    }

    @Test
    void rejectsHs256EvenWithTheTlsKeysBytesAsSecret() throws Exception {
        // the classic confusion: HMAC keyed with the public key the verifier holds
        Map<String, Object> header = Forge.jwtHeader(DEVICE);
        header.put("alg", "HS256");
        String input = Forge.signingInput(header, Forge.claims(DEVICE));
        Base64URL mac = new MACSigner(DEVICE.chain().leaf().spkiDer()).sign(new JWSHeader(JWSAlgorithm.HS256),
                input.getBytes(StandardCharsets.US_ASCII));
        assertRejected(input + "." + mac, TokenFailure.ALGORITHM_REJECTED, "alg 'HS256' is not allowed");
    }

    @Test
    void rejectsRsaAndUnknownAlgorithms() throws Exception {
        for (String alg : List.of("RS256", "PS256", "ES512", "ES256K", "Ed448", "es256", "")) {
            Map<String, Object> header = Forge.jwtHeader(DEVICE);
            header.put("alg", alg);
            TokenVerification.Rejected r = rejected(Forge.signingInput(header, Forge.claims(DEVICE)) + ".AAAA");
            assertThat(r.failure()).as("alg %s: %s", alg, r).isIn(TokenFailure.ALGORITHM_REJECTED, TokenFailure.MALFORMED);
        }
    }

    @Test
    void rejectsAlgorithmThatDoesNotFitTheKey() throws Exception {
        Map<String, Object> header = Forge.jwtHeader(DEVICE);
        header.put("alg", "ES384");
        String input = Forge.signingInput(header, Forge.claims(DEVICE));
        Signature s = Signature.getInstance("SHA384withECDSA");
        s.initSign(DEVICE.keyPair().getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        String token = input + "." + Base64URL.encode(com.nimbusds.jose.crypto.impl.ECDSA.transcodeSignatureToConcat(s.sign(), 96));
        assertRejected(token, TokenFailure.ALGORITHM_REJECTED, "ES384 does not fit the leaf's key, which signs ES256");
    }

    @Test
    void rejectsTamperedPayload() throws Exception {
        String token = DEVICE.sign(TokenFormat.JWT).text();
        String[] parts = token.split("\\.");
        Map<String, Object> claims = Forge.claims(DEVICE);
        claims.put("device_status", "degraded");
        String tampered = parts[0] + "." + Forge.b64(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(claims)) + "." + parts[2];
        assertRejected(tampered, TokenFailure.BAD_SIGNATURE, "does not verify");
    }

    @Test
    void rejectsTamperedHeaderAndSignature() throws Exception {
        String token = DEVICE.sign(TokenFormat.JWT).text();
        String[] parts = token.split("\\.");
        Map<String, Object> header = Forge.jwtHeader(DEVICE);
        header.put("kid", "x");
        assertRejected(Forge.b64(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(header)) + "." + parts[1] + "." + parts[2],
                TokenFailure.BAD_SIGNATURE, "does not verify");
        byte[] sig = Base64URL.from(parts[2]).decode();
        sig[10] ^= 1;
        assertRejected(parts[0] + "." + parts[1] + "." + Base64URL.encode(sig), TokenFailure.BAD_SIGNATURE, "does not verify");
    }

    @Test
    void rejectsDerSignatureAndZeroSignature() throws Exception {
        String input = Forge.signingInput(Forge.jwtHeader(DEVICE), Forge.claims(DEVICE));
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(DEVICE.keyPair().getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        assertRejected(input + "." + Base64URL.encode(s.sign()), TokenFailure.BAD_SIGNATURE, "does not verify");
        // r = s = 0, the "psychic signature" (CVE-2022-21449)
        assertRejected(input + "." + Base64URL.encode(new byte[64]), TokenFailure.BAD_SIGNATURE, "does not verify");
    }

    @Test
    void rejectsWrongOrMissingType() throws Exception {
        Map<String, Object> header = Forge.jwtHeader(DEVICE);
        header.put("typ", "JWT");
        assertRejected(Forge.jwt(header, Forge.claims(DEVICE), DEVICE.keyPair().getPrivate()), TokenFailure.WRONG_TYPE, "typ is 'JWT'");
        header.remove("typ");
        assertRejected(Forge.jwt(header, Forge.claims(DEVICE), DEVICE.keyPair().getPrivate()), TokenFailure.WRONG_TYPE, "typ is missing");
        header.put("typ", "application/local-device-status+jwt");
        assertThat(TestDevices.verifier().verify(TokenFormat.JWT,
                Forge.jwt(header, Forge.claims(DEVICE), DEVICE.keyPair().getPrivate()).getBytes(StandardCharsets.US_ASCII),
                DEVICE.chain().leaf(), Optional.of(NONCE)).valid()).isTrue();
    }

    @Test
    void rejectsCriticalHeader() throws Exception {
        Map<String, Object> header = Forge.jwtHeader(DEVICE);
        header.put("crit", List.of("exp"));
        header.put("exp", 1);
        assertRejected(Forge.jwt(header, Forge.claims(DEVICE), DEVICE.keyPair().getPrivate()), TokenFailure.CRITICAL_HEADER, "crit");
    }

    @Test
    void rejectsMissingOrBadChain() throws Exception {
        Map<String, Object> header = Forge.jwtHeader(DEVICE);
        header.remove("x5c");
        assertRejected(Forge.jwt(header, Forge.claims(DEVICE), DEVICE.keyPair().getPrivate()), TokenFailure.CHAIN_INVALID, "no x5c");
        header.put("x5c", List.of());
        assertRejected(Forge.jwt(header, Forge.claims(DEVICE), DEVICE.keyPair().getPrivate()), TokenFailure.CHAIN_INVALID,
                "no certificate");
        header.put("x5c", List.of("MIIBAAAA"));
        assertRejected(Forge.jwt(header, Forge.claims(DEVICE), DEVICE.keyPair().getPrivate()), TokenFailure.CHAIN_INVALID,
                "x5c certificate 1");
    }

    @Test
    void rejectsGarbage() {
        assertRejected("not a token", TokenFailure.MALFORMED, "3 parts, not 1");
        assertRejected("a.b.c.d.e", TokenFailure.MALFORMED, "encrypted JWTs are not status tokens");
        assertRejected("e30.e30.", TokenFailure.MALFORMED, "bad header");
        assertRejected("ey!.e30.AA", TokenFailure.MALFORMED, "not base64url");
        assertRejected("\u00ff\u00fe.e30.AA", TokenFailure.MALFORMED, "not UTF-8");
        assertRejected(Forge.b64("[1,2]") + ".e30.AA", TokenFailure.MALFORMED, "bad header");
    }

    @Test
    void rejectsPayloadThatIsNotAClaimsSet() throws Exception {
        String input = Forge.b64(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(Forge.jwtHeader(DEVICE))) + "."
                + Forge.b64("[\"iss\"]");
        Base64URL sig = Base64URL.encode(Forge.es256(DEVICE.keyPair().getPrivate(), input.getBytes(StandardCharsets.US_ASCII)));
        assertRejected(input + "." + sig, TokenFailure.MALFORMED, "not a JSON object");
    }

    @Test
    void rejectsClaimOfTheWrongType() throws Exception {
        Map<String, Object> claims = Forge.claims(DEVICE);
        claims.put("sub", 42);
        assertRejected(Forge.jwt(Forge.jwtHeader(DEVICE), claims, DEVICE.keyPair().getPrivate()), TokenFailure.CLAIM_INVALID, "sub");
        claims = Forge.claims(DEVICE);
        claims.put("cnf", Map.of("jwk", Map.of()));
        assertRejected(Forge.jwt(Forge.jwtHeader(DEVICE), claims, DEVICE.keyPair().getPrivate()), TokenFailure.CLAIM_INVALID,
                "cnf has no jkt");
    }
}
