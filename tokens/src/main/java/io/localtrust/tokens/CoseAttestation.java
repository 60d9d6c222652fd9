package io.localtrust.tokens;

import static io.localtrust.tokens.CoseSign1.decode;
import static io.localtrust.tokens.CoseSign1.malformed;
import static io.localtrust.tokens.CoseSign1.optional;
import static io.localtrust.tokens.CoseSign1.required;

import com.nimbusds.jose.util.Base64URL;
import com.upokecenter.cbor.CBOREncodeOptions;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Optional;

/**
 * The COSE form of an attestation token: a tagged COSE_Sign1 (RFC 9052 §4.2; also accepted wrapped
 * in the CWT tag 61, RFC 8392 §6) whose payload is a CWT claims set. Protected header: alg (1), typ
 * (16, RFC 9596) = {@value #TYPE}, kid (4) = the SHA-256 of the authority key's SubjectPublicKeyInfo
 * (32 bytes; the JWS form's kid is its base64url). Claims: iss (1), sub (2) = the dev-id, exp (4),
 * nbf (5, optional), iat (6), cnf (8) = {kid (3): the 32-byte RFC 7638 thumbprint} (RFC 8747 §3.4).
 * The checks after opening are the JWS form's ({@link AttestationVerifier}).
 */
final class CoseAttestation {
    static final String TYPE = "application/local-device-attestation+cwt";
    static final int HEADER_KID = 4;
    static final int CLAIM_NBF = 5;

    private static final CBOREncodeOptions CANONICAL = CBOREncodeOptions.DefaultCtap2Canonical;

    /** What the envelope holds: the algorithm, the kid (base64url) if any, the signed bytes and the payload. */
    record Opened(TokenAlgorithm alg, Optional<String> kid, byte[] signed, byte[] signature, byte[] payload) {
    }

    /** The claims as read, before the binding and freshness checks; {@code nbf} is -1 when absent. */
    record Read(String iss, String sub, long iat, long exp, long nbf, String jkt) {
    }

    private CoseAttestation() {
    }

    /** Whether {@code token} starts as CBOR tag 18 or 61 would (the JWS form starts with ASCII). */
    static boolean looksLikeCose(byte[] token) {
        return token.length > 1 && ((token[0] & 0xFF) == 0xD2 || ((token[0] & 0xFF) == 0xD8 && token[1] == 0x3D));
    }

    static byte[] encode(AttestationClaims claims, TokenAlgorithm alg, byte[] kid, PrivateKey key) throws GeneralSecurityException {
        byte[] protectedHeader = CBORObject.NewMap()
                .Add(CoseCodec.HEADER_ALG, alg.cose())
                .Add(CoseCodec.HEADER_TYP, TYPE)
                .Add(HEADER_KID, kid)
                .EncodeToBytes(CANONICAL);
        byte[] payload = CBORObject.NewMap()
                .Add(CoseCodec.CLAIM_ISS, claims.issuer())
                .Add(CoseCodec.CLAIM_SUB, claims.subject())
                .Add(CoseCodec.CLAIM_EXP, claims.expiresAt().getEpochSecond())
                .Add(CoseCodec.CLAIM_IAT, claims.issuedAt().getEpochSecond())
                .Add(CoseCodec.CLAIM_CNF, CBORObject.NewMap().Add(CoseCodec.CNF_KID,
                        Base64URL.from(claims.keyThumbprint()).decode()))
                .EncodeToBytes(CANONICAL);
        byte[] signature = RawSignatures.sign(alg, key, Optional.empty(), CoseCodec.sigStructure(protectedHeader, payload));
        return CBORObject.FromObjectAndTag(CBORObject.NewArray().Add(protectedHeader).Add(CBORObject.NewMap()).Add(payload)
                .Add(signature), CoseCodec.TAG_COSE_SIGN1).EncodeToBytes();
    }

    static Opened open(byte[] token) throws TokenRejection {
        CoseSign1.Parts parts = CoseSign1.open(token, "the attestation", "an attestation",
                CoseCodec.HEADER_ALG, CoseCodec.HEADER_CRIT, CoseCodec.HEADER_TYP, HEADER_KID);
        CBORObject header = parts.header();
        CBORObject alg = header.get(CBORObject.FromObject(CoseCodec.HEADER_ALG));
        if (alg == null || alg.isTagged() || alg.getType() != CBORType.Integer || !alg.CanValueFitInInt64()
                || TokenAlgorithm.fromCose(alg.AsInt64Value()).isEmpty()) {
            throw new TokenRejection(TokenFailure.ALGORITHM_REJECTED, "alg " + (alg == null ? "(missing)" : Printable.of(alg.toString()))
                    + " is not allowed (ES256 −7, ES384 −35, EdDSA −8)");
        }
        CoseSign1.refuseCritical(header);
        CoseSign1.requireType(header, TYPE);
        CBORObject kid = header.get(CBORObject.FromObject(HEADER_KID));
        if (kid != null && (kid.isTagged() || kid.getType() != CBORType.ByteString)) {
            throw malformed("kid (label 4) is not a byte string");
        }
        return new Opened(TokenAlgorithm.fromCose(alg.AsInt64Value()).orElseThrow(),
                kid == null ? Optional.empty() : Optional.of(Base64URL.encode(kid.GetByteString()).toString()),
                CoseCodec.sigStructure(parts.protectedBytes(), parts.payload()), parts.signature(), parts.payload());
    }

    static Read claims(byte[] payload) throws TokenRejection {
        CBORObject set = decode(payload, "the payload");
        if (set.isTagged() || set.getType() != CBORType.Map) {
            throw malformed("the payload is not a CWT claims set (a map)");
        }
        CBORObject cnf = required(set, CoseCodec.CLAIM_CNF, "cnf (8)", CBORType.Map);
        CBORObject jkt = required(cnf, CoseCodec.CNF_KID, "cnf kid (3)", CBORType.ByteString);
        if (jkt.GetByteString().length != 32) {
            throw new TokenRejection(TokenFailure.CLAIM_INVALID, "cnf kid (3) must be a 32-byte SHA-256 JWK thumbprint");
        }
        CBORObject nbf = optional(set, CLAIM_NBF, "nbf (5)", CBORType.Integer);
        return new Read(required(set, CoseCodec.CLAIM_ISS, "iss (1)", CBORType.TextString).AsString(),
                required(set, CoseCodec.CLAIM_SUB, "sub (2)", CBORType.TextString).AsString(),
                seconds(required(set, CoseCodec.CLAIM_IAT, "iat (6)", CBORType.Integer), "iat (6)"),
                seconds(required(set, CoseCodec.CLAIM_EXP, "exp (4)", CBORType.Integer), "exp (4)"),
                nbf == null ? -1 : seconds(nbf, "nbf (5)"),
                Base64URL.encode(jkt.GetByteString()).toString());
    }

    private static long seconds(CBORObject value, String name) throws TokenRejection {
        if (!value.CanValueFitInInt64() || value.AsInt64Value() < 0 || value.AsInt64Value() > 253_402_300_799L) {
            throw new TokenRejection(TokenFailure.CLAIM_INVALID, "claim " + name + " is not a time in whole seconds");
        }
        return value.AsInt64Value();
    }
}
