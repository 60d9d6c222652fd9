package io.localtrust.tokens;

import static io.localtrust.tokens.CoseSign1.bytes;
import static io.localtrust.tokens.CoseSign1.decode;
import static io.localtrust.tokens.CoseSign1.malformed;
import static io.localtrust.tokens.CoseSign1.optional;
import static io.localtrust.tokens.CoseSign1.required;

import com.nimbusds.jose.util.Base64URL;
import com.upokecenter.cbor.CBOREncodeOptions;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The COSE form: a tagged COSE_Sign1 (RFC 9052 §4.2) whose payload is a CWT claims set (RFC
 * 8392). Protected header: alg (1), typ (16, RFC 9596) = {@value #TYPE}, x5chain (33, RFC 9360).
 * The signature covers the Sig_structure ["Signature1", protected, h'', payload] of RFC 9052
 * §4.4, encoded here with the CBOR library and signed through {@link RawSignatures}.
 */
final class CoseCodec implements TokenCodec {
    static final String TYPE = "application/local-device-status+cwt";
    static final int TAG_COSE_SIGN1 = CoseSign1.TAG_COSE_SIGN1;

    static final int HEADER_ALG = 1;
    static final int HEADER_CRIT = CoseSign1.HEADER_CRIT;
    static final int HEADER_TYP = CoseSign1.HEADER_TYP;
    static final int HEADER_X5CHAIN = 33;

    static final int CLAIM_ISS = 1;
    static final int CLAIM_SUB = 2;
    static final int CLAIM_EXP = 4;
    static final int CLAIM_IAT = 6;
    static final int CLAIM_CNF = 8;
    /** eat_nonce (RFC 9711 §4.1): a byte string of 8–64 bytes; ours holds the nonce's ASCII. */
    static final int CLAIM_NONCE = 10;
    /** Private use (RFC 8392 §9.1: keys below −65536). */
    static final int CLAIM_FIRMWARE = -65537;
    static final int CLAIM_STATUS = -65538;
    /** cnf method kid (RFC 8747 §3.4), holding the RFC 7638 thumbprint (RFC 7638 §1: a thumbprint may be a kid). */
    static final int CNF_KID = 3;

    /** Headers and claims are written in deterministic (CTAP2 canonical) form. */
    private static final CBOREncodeOptions CANONICAL = CBOREncodeOptions.DefaultCtap2Canonical;

    byte[] encode(StatusClaims claims, CertChain chain, TokenAlgorithm alg, PrivateKey key, Optional<Provider> provider)
            throws GeneralSecurityException {
        CBORObject x5chain;
        if (chain.size() == 1) {
            x5chain = CBORObject.FromObject(chain.leaf().der());
        } else {
            x5chain = CBORObject.NewArray();
            for (Cert c : chain.certs()) {
                x5chain.Add(CBORObject.FromObject(c.der()));
            }
        }
        byte[] protectedHeader = CBORObject.NewMap()
                .Add(HEADER_ALG, alg.cose())
                .Add(HEADER_TYP, TYPE)
                .Add(HEADER_X5CHAIN, x5chain)
                .EncodeToBytes(CANONICAL);
        CBORObject body = CBORObject.NewMap()
                .Add(CLAIM_ISS, claims.issuer())
                .Add(CLAIM_SUB, claims.subject())
                .Add(CLAIM_EXP, claims.expiresAt().getEpochSecond())
                .Add(CLAIM_IAT, claims.issuedAt().getEpochSecond())
                .Add(CLAIM_CNF, CBORObject.NewMap().Add(CNF_KID, Base64URL.from(claims.keyThumbprint()).decode()))
                .Add(CLAIM_FIRMWARE, claims.firmwareVersion())
                .Add(CLAIM_STATUS, claims.status().wireName());
        claims.nonce().ifPresent(n -> body.Add(CLAIM_NONCE, n.bytes()));
        byte[] payload = body.EncodeToBytes(CANONICAL);
        byte[] signature = RawSignatures.sign(alg, key, provider, sigStructure(protectedHeader, payload));
        return CBORObject.FromObjectAndTag(CBORObject.NewArray()
                .Add(protectedHeader)
                .Add(CBORObject.NewMap())
                .Add(payload)
                .Add(signature), TAG_COSE_SIGN1).EncodeToBytes();
    }

    /** RFC 9052 §4.4: Sig_structure = ["Signature1", body_protected, external_aad (empty), payload]. */
    static byte[] sigStructure(byte[] protectedHeader, byte[] payload) {
        return CBORObject.NewArray().Add("Signature1").Add(protectedHeader).Add(new byte[0]).Add(payload).EncodeToBytes();
    }

    @Override
    public Envelope open(byte[] token) throws TokenRejection {
        CoseSign1.Parts parts = CoseSign1.open(token, "the token", "a status token",
                HEADER_ALG, HEADER_CRIT, HEADER_TYP, HEADER_X5CHAIN);
        CBORObject header = parts.header();
        TokenAlgorithm alg = algorithm(header.get(CBORObject.FromObject(HEADER_ALG)));
        CoseSign1.refuseCritical(header);
        CoseSign1.requireType(header, TYPE);
        byte[] payload = parts.payload();
        return new Envelope(alg, chain(header.get(CBORObject.FromObject(HEADER_X5CHAIN))),
                sigStructure(parts.protectedBytes(), payload), parts.signature(), payload);
    }

    @Override
    public RawClaims claims(byte[] payload) throws TokenRejection {
        CBORObject set = decode(payload, "the payload");
        if (set.isTagged() || set.getType() != CBORType.Map) {
            throw malformed("the payload is not a CWT claims set (a map)");
        }
        CBORObject cnf = required(set, CLAIM_CNF, "cnf (8)", CBORType.Map);
        CBORObject kid = required(cnf, CNF_KID, "cnf kid (3)", CBORType.ByteString);
        if (kid.GetByteString().length != 32) {
            throw new TokenRejection(TokenFailure.CLAIM_INVALID, "cnf kid (3) must be a 32-byte SHA-256 JWK thumbprint");
        }
        CBORObject nonce = optional(set, CLAIM_NONCE, "nonce (10)", CBORType.ByteString);
        return new RawClaims(
                required(set, CLAIM_ISS, "iss (1)", CBORType.TextString).AsString(),
                required(set, CLAIM_SUB, "sub (2)", CBORType.TextString).AsString(),
                seconds(required(set, CLAIM_IAT, "iat (6)", CBORType.Integer), "iat (6)"),
                seconds(required(set, CLAIM_EXP, "exp (4)", CBORType.Integer), "exp (4)"),
                Base64URL.encode(kid.GetByteString()).toString(),
                nonce == null ? Optional.empty() : Optional.of(new String(nonce.GetByteString(), StandardCharsets.ISO_8859_1)),
                required(set, CLAIM_FIRMWARE, "firmware version (" + CLAIM_FIRMWARE + ")", CBORType.TextString).AsString(),
                required(set, CLAIM_STATUS, "device status (" + CLAIM_STATUS + ")", CBORType.TextString).AsString());
    }

    private static TokenAlgorithm algorithm(CBORObject alg) throws TokenRejection {
        if (alg == null) {
            throw new TokenRejection(TokenFailure.ALGORITHM_REJECTED, "no alg (label 1) in the protected header");
        }
        if (alg.isTagged() || alg.getType() != CBORType.Integer || !alg.CanValueFitInInt64()) {
            throw new TokenRejection(TokenFailure.ALGORITHM_REJECTED, "alg " + Printable.of(alg.toString())
                    + " is not allowed (ES256 −7, ES384 −35, EdDSA −8)");
        }
        long value = alg.AsInt64Value();
        return TokenAlgorithm.fromCose(value).orElseThrow(() -> new TokenRejection(TokenFailure.ALGORITHM_REJECTED,
                "alg " + value + " is not allowed (ES256 −7, ES384 −35, EdDSA −8)"));
    }

    private static CertChain chain(CBORObject x5chain) throws TokenRejection {
        if (x5chain == null) {
            throw new TokenRejection(TokenFailure.CHAIN_INVALID, "no x5chain (label 33) in the protected header");
        }
        List<byte[]> ders = new ArrayList<>();
        if (!x5chain.isTagged() && x5chain.getType() == CBORType.ByteString) {
            ders.add(x5chain.GetByteString());
        } else if (!x5chain.isTagged() && x5chain.getType() == CBORType.Array) {
            for (int i = 0; i < x5chain.size(); i++) {
                CBORObject c = x5chain.get(i);
                if (c.isTagged() || c.getType() != CBORType.ByteString) {
                    throw new TokenRejection(TokenFailure.CHAIN_INVALID, "x5chain item " + (i + 1) + " is not a byte string");
                }
                ders.add(c.GetByteString());
            }
        } else {
            throw new TokenRejection(TokenFailure.CHAIN_INVALID, "x5chain is neither a byte string nor an array of them");
        }
        return X5Chain.parse(ders, "x5chain");
    }

    private static long seconds(CBORObject value, String name) throws TokenRejection {
        if (!value.CanValueFitInInt64()) {
            throw new TokenRejection(TokenFailure.CLAIM_INVALID, name + " is out of range");
        }
        return value.AsInt64Value();
    }
}
