package io.localtrust.names.proof;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import io.localtrust.names.DevId;
import io.localtrust.names.proof.ProofRejected.Reason;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a device's proof of its key: a compact JWS (RFC 7515) signed by the device key, the
 * public key in the protected header's {@code jwk}, over the claims {@code aud} (this service's
 * zone: a proof made for another service is no good here), {@code iat} (seconds; at most
 * {@link #MAX_AGE} old, at most {@link #MAX_SKEW} ahead), {@code jti} (16 to 128 characters, used
 * once: the caller records it, {@link Verified#jti()}), and optionally {@code allowfrom} (CIDRs)
 * and {@code address}. The dev-id derives from the key ({@link DevId}): whoever holds the key
 * is the device, and nobody else can claim its name. ES256, ES384 and RS256/PS256 (RSA of 2048
 * bits or more); everything else — {@code none}, HMAC, a private key in the header — is refused.
 */
public final class KeyProof {
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    public static final Duration MAX_SKEW = Duration.ofMinutes(1);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.RS256,
            JWSAlgorithm.PS256);
    private static final int MAX_LENGTH = 16 * 1024;
    private final String audience;
    private final Clock clock;

    /**
     * A proved key and what it asked for.
     *
     * @param devId      derived from the key
     * @param thumbprint the key's RFC 7638 SHA-256 thumbprint, base64url
     * @param jti        the proof's id, to record as used
     * @param expires    when the proof is too old to be accepted anyway (the id may be forgotten then)
     * @param allowFrom  CIDRs as given (checked by the caller)
     * @param address    the address asked for, as given
     */
    public record Verified(DevId devId, String thumbprint, String jti, Instant expires, List<String> allowFrom,
            Optional<String> address) {
        public Verified {
            allowFrom = List.copyOf(allowFrom);
        }
    }

    public KeyProof(String audience, Clock clock) {
        this.audience = audience;
        this.clock = clock;
    }

    /** Checks {@code compact}; replay is the caller's check, with {@link Verified#jti()}. */
    public Verified verify(String compact) throws ProofRejected {
        if (compact.length() > MAX_LENGTH) {
            throw new ProofRejected(Reason.MALFORMED, "longer than " + MAX_LENGTH + " characters");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(compact.trim());
        } catch (ParseException e) {
            throw new ProofRejected(Reason.MALFORMED, "not a compact JWS (" + e.getMessage() + ")");
        }
        JWSAlgorithm alg = jws.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(alg)) {
            throw new ProofRejected(Reason.REFUSED, "algorithm " + alg + " is not accepted (ES256, ES384, RS256, PS256)");
        }
        JWK jwk = jws.getHeader().getJWK();
        if (jwk == null) {
            throw new ProofRejected(Reason.MALFORMED, "no jwk in the protected header");
        }
        if (jwk.isPrivate()) {
            throw new ProofRejected(Reason.REFUSED, "the header carries a private key");
        }
        if (!signatureValid(jws, jwk)) {
            throw new ProofRejected(Reason.REFUSED, "the signature does not verify with the key in the header");
        }
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        if (claims == null) {
            throw new ProofRejected(Reason.MALFORMED, "the payload is not a JSON object");
        }
        if (!audience.equals(claims.get("aud"))) {
            throw new ProofRejected(Reason.REFUSED, "the audience is not " + audience);
        }
        Instant issued = Instant.ofEpochSecond(number(claims, "iat"));
        Instant now = clock.instant();
        if (issued.isBefore(now.minus(MAX_AGE)) || issued.isAfter(now.plus(MAX_SKEW))) {
            throw new ProofRejected(Reason.REFUSED, "issued at " + issued + ", not within " + MAX_AGE.toMinutes()
                    + " minutes of this server's clock (" + now + ")");
        }
        String jti = string(claims, "jti").orElseThrow(() -> new ProofRejected(Reason.MALFORMED, "no jti"));
        if (jti.length() < 16 || jti.length() > 128) {
            throw new ProofRejected(Reason.MALFORMED, "the jti must be 16 to 128 characters");
        }
        List<String> allowFrom = strings(claims, "allowfrom");
        byte[] thumb;
        byte[] spki;
        try {
            thumb = jwk.computeThumbprint("SHA-256").decode();
            spki = jwk instanceof ECKey ec ? ec.toECPublicKey().getEncoded() : ((RSAKey) jwk).toRSAPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new ProofRejected(Reason.MALFORMED, "the key's thumbprint cannot be computed");
        }
        return new Verified(DevId.ofSpki(spki), com.nimbusds.jose.util.Base64URL.encode(thumb).toString(), jti,
                issued.plus(MAX_AGE).plus(MAX_SKEW), allowFrom, string(claims, "address"));
    }

    private static boolean signatureValid(JWSObject jws, JWK jwk) throws ProofRejected {
        JWSVerifier verifier;
        try {
            if (jwk instanceof ECKey ec) {
                verifier = new ECDSAVerifier(ec);
            } else if (jwk instanceof RSAKey rsa && rsa.size() >= 2048) {
                verifier = new RSASSAVerifier(rsa);
            } else {
                throw new ProofRejected(Reason.REFUSED, "the key is neither EC nor RSA of 2048 bits or more");
            }
            return jws.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            throw new ProofRejected(Reason.REFUSED, "the key does not fit the algorithm (" + e.getMessage() + ")");
        }
    }

    private static long number(Map<String, Object> claims, String name) throws ProofRejected {
        if (claims.get(name) instanceof Number n) {
            return n.longValue();
        }
        throw new ProofRejected(Reason.MALFORMED, "no numeric " + name);
    }

    private static Optional<String> string(Map<String, Object> claims, String name) throws ProofRejected {
        Object v = claims.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        throw new ProofRejected(Reason.MALFORMED, name + " is not a string");
    }

    private static List<String> strings(Map<String, Object> claims, String name) throws ProofRejected {
        Object v = claims.get(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l && l.size() <= 32 && l.stream().allMatch(String.class::isInstance)) {
            return l.stream().map(String.class::cast).toList();
        }
        throw new ProofRejected(Reason.MALFORMED, name + " is not a list of at most 32 strings");
    }
}
