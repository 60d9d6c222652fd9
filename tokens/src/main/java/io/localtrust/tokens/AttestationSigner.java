package io.localtrust.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs attestation tokens: what an authority (a vendor's or an IoT authority's attestation
 * service, an ownership voucher service, a test) hands a device to serve at
 * {@code /.well-known/local-device/attestation}. A JWS compact serialization with
 * {@code typ} = {@value #TYPE} (explicit typing, RFC 8725 §3.11: a device's own status token can
 * never pass for one), {@code kid} = the base64url SHA-256 of the authority key's
 * SubjectPublicKeyInfo (so a client picks the anchor without trying each), and the claims of
 * {@link AttestationClaims}; or ({@link #signCose}) the same as a COSE_Sign1 CWT ({@link CoseAttestation}).
 * The authority's key signs through JCA, so a key in a token works.
 */
public final class AttestationSigner {
    /** The JWT "typ" header value of attestation tokens. */
    public static final String TYPE = "local-device-attestation+jwt";

    private final PrivateKey key;
    private final TokenAlgorithm algorithm;
    private final String kid;

    /**
     * @param key       the authority's private key (a handle; never read)
     * @param publicKey its public key, which the clients configure as an attestation anchor's key
     * @throws IllegalArgumentException a key type tokens do not use (P-256, P-384 and Ed25519 only)
     */
    public AttestationSigner(PrivateKey key, PublicKey publicKey) {
        this.key = Objects.requireNonNull(key, "key");
        try {
            this.algorithm = DeviceKey.fromSpki(publicKey.getEncoded()).algorithm();
        } catch (DeviceKey.UnsupportedKeyException e) {
            throw new IllegalArgumentException("an attestation authority's key: " + e.getMessage(), e);
        }
        this.kid = kidOf(publicKey.getEncoded());
    }

    /** The JWS compact serialization (ASCII) of a token saying {@code claims}. */
    public String sign(AttestationClaims claims) throws TokenSigningException {
        JWSHeader header = new JWSHeader.Builder(algorithm.jose()).type(new JOSEObjectType(TYPE)).keyID(kid).build();
        JWTClaimsSet body = new JWTClaimsSet.Builder()
                .issuer(claims.issuer())
                .subject(claims.subject())
                .issueTime(Date.from(claims.issuedAt()))
                .expirationTime(Date.from(claims.expiresAt()))
                .claim(JwtCodec.CLAIM_CNF, Map.of(JwtCodec.CNF_JKT, claims.keyThumbprint()))
                .build();
        SignedJWT jwt = new SignedJWT(header, body);
        try {
            jwt.sign(new JcaSigner(algorithm, key, Optional.empty()));
        } catch (JOSEException e) {
            throw new TokenSigningException("signing the attestation failed: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /**
     * The COSE_Sign1 (tag 18) of a token saying {@code claims}: typ {@value CoseAttestation#TYPE}, kid the
     * 32-byte SHA-256 of the authority key's SubjectPublicKeyInfo, the claims as a CWT claims set.
     */
    public byte[] signCose(AttestationClaims claims) throws TokenSigningException {
        try {
            return CoseAttestation.encode(claims, algorithm, Base64URL.from(kid).decode(), key);
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw new TokenSigningException("signing the attestation failed: " + e.getMessage(), e);
        }
    }

    /** The kid of an authority key: base64url (no padding) of SHA-256 over its SubjectPublicKeyInfo. */
    static String kidOf(byte[] spki) {
        return Base64URL.encode(io.localtrust.x509.Digests.sha256(spki)).toString();
    }
}
