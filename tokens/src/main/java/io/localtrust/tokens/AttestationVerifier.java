package io.localtrust.tokens;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.localtrust.x509.Cert;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks an attestation token against the TLS key of the connection it came over and the
 * attestation anchors a client configured (the trust engine's step 4, DESIGN.md §3). The token
 * counts only if every check passes, in this order (docs/tokens.md "Attestation tokens"): size;
 * JWS compact shape (or, for a token starting as CBOR tag 18 or 61, the COSE_Sign1 shape of
 * {@link CoseAttestation}, whose header and claims then go through the same checks); alg on the allow-list; no crit; typ {@value AttestationSigner#TYPE}; signed by
 * the key of an anchor valid now (the one {@code kid} names, else any that fits the alg); claims
 * present and typed; sub = the TLS key's dev-id; cnf.jkt = its thumbprint; lifetime at most
 * {@link AttestationClaims#MAX_LIFETIME}; iat (and nbf) not in the future and exp not passed, within
 * the clock skew. Every outcome is an {@link AttestationVerification}: hostile input never throws.
 */
public final class AttestationVerifier {
    /** Larger tokens are rejected unread. */
    public static final int MAX_TOKEN_BYTES = StatusTokenVerifier.MAX_TOKEN_BYTES;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");
    private static final long LAST_SECOND = 253_402_300_799L;

    private final List<Cert> anchors;
    private final Clock clock;
    private final Duration maxSkew;

    /** @param anchors the authorities whose attestations count (their certificates' keys sign the tokens) */
    public AttestationVerifier(List<Cert> anchors, Clock clock) {
        this.anchors = List.copyOf(anchors);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxSkew = StatusTokenVerifier.DEFAULT_SKEW;
    }

    /** Checks {@code token} for the TLS key with SubjectPublicKeyInfo {@code tlsSpki} (DER). */
    public AttestationVerification verify(byte[] token, byte[] tlsSpki) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tlsSpki, "tlsSpki");
        try {
            return check(token, tlsSpki);
        } catch (TokenRejection r) {
            return new AttestationVerification.Rejected(r.failure(), r.getMessage());
        } catch (RuntimeException e) {
            return new AttestationVerification.Rejected(TokenFailure.MALFORMED, "unreadable attestation (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Printable.of(e.getMessage())) + ")");
        }
    }

    /** The form of an attestation token by its first bytes: COSE when it starts as CBOR tag 18 or 61, else JWT. */
    public static TokenFormat formatOf(byte[] token) {
        return CoseAttestation.looksLikeCose(token) ? TokenFormat.COSE : TokenFormat.JWT;
    }

    /**
     * The key thumbprint ({@code cnf.jkt}) an attestation token says it binds, read <b>without</b>
     * checking any signature: for a device to refuse serving a token that is not about its own key
     * (a copy-and-paste mistake), never for a trust decision.
     *
     * @throws IllegalArgumentException not an attestation token (one line saying why)
     */
    public static String unverifiedBinding(byte[] token) {
        try {
            if (token.length > MAX_TOKEN_BYTES) {
                throw new TokenRejection(TokenFailure.OVERSIZED, token.length + " bytes; at most " + MAX_TOKEN_BYTES);
            }
            if (CoseAttestation.looksLikeCose(token)) {
                return CoseAttestation.claims(CoseAttestation.open(token).payload()).jkt();
            }
            String[] parts = text(token, "the attestation").trim().split("\\.", -1);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !BASE64URL.matcher(parts[0]).matches()
                    || !BASE64URL.matcher(parts[1]).matches()) {
                throw malformed("not a JWS compact serialization (three base64url parts)");
            }
            JWSHeader header = header(parts[0]);
            String typ = header.getType() == null ? "" : header.getType().getType();
            if (!typ.equalsIgnoreCase(AttestationSigner.TYPE)) {
                throw new TokenRejection(TokenFailure.WRONG_TYPE, "typ is '" + Printable.of(typ) + "', not '" + AttestationSigner.TYPE + "'");
            }
            Map<String, Object> json = JSONObjectUtils.parse(text(new Base64URL(parts[1]).decode(), "the payload"));
            if (!(json.get(JwtCodec.CLAIM_CNF) instanceof Map<?, ?> cnf) || !(cnf.get(JwtCodec.CNF_JKT) instanceof String jkt)) {
                throw new TokenRejection(TokenFailure.CLAIM_INVALID, "cnf has no jkt string");
            }
            return jkt;
        } catch (TokenRejection e) {
            throw new IllegalArgumentException("not an attestation token: " + e.getMessage(), e);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("not an attestation token: unreadable (" + Printable.of(String.valueOf(e.getMessage())) + ")", e);
        }
    }

    private AttestationVerification check(byte[] token, byte[] tlsSpki) throws TokenRejection {
        if (token.length > MAX_TOKEN_BYTES) {
            throw new TokenRejection(TokenFailure.OVERSIZED, "the attestation has " + token.length + " bytes; at most "
                    + MAX_TOKEN_BYTES + " are read");
        }
        if (CoseAttestation.looksLikeCose(token)) {
            CoseAttestation.Opened opened = CoseAttestation.open(token);
            Cert anchor = signer(opened.alg(), opened.kid().orElse(null), opened.signed(), opened.signature());
            CoseAttestation.Read r = CoseAttestation.claims(opened.payload());
            return new AttestationVerification.Verified(bind(r.iss(), r.sub(), r.iat(), r.exp(), r.nbf(), r.jkt(), tlsSpki), anchor);
        }
        String[] parts = text(token, "the attestation").trim().split("\\.", -1);
        if (parts.length != 3) {
            throw malformed("a JWS compact serialization has 3 parts, not " + parts.length);
        }
        for (String part : parts) {
            if (part.isEmpty() || !BASE64URL.matcher(part).matches()) {
                throw malformed("a part is empty or not base64url");
            }
        }
        JWSHeader header = header(parts[0]);
        TokenAlgorithm alg = TokenAlgorithm.fromJose(header.getAlgorithm().getName()).orElseThrow(() -> new TokenRejection(
                TokenFailure.ALGORITHM_REJECTED, "alg '" + Printable.of(header.getAlgorithm().getName())
                + "' is not allowed (ES256, ES384, EdDSA)"));
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw new TokenRejection(TokenFailure.CRITICAL_HEADER, "crit " + header.getCriticalParams()
                    + ": no critical header parameter is understood here");
        }
        if (!header.isBase64URLEncodePayload()) {
            throw new TokenRejection(TokenFailure.CRITICAL_HEADER, "b64=false (RFC 7797) is not used by attestations");
        }
        String typ = header.getType() == null ? null : header.getType().getType();
        if (typ == null || !(typ.equalsIgnoreCase(AttestationSigner.TYPE) || typ.equalsIgnoreCase("application/" + AttestationSigner.TYPE))) {
            throw new TokenRejection(TokenFailure.WRONG_TYPE, "typ is " + (typ == null ? "missing" : "'" + Printable.of(typ) + "'")
                    + ", not '" + AttestationSigner.TYPE + "'");
        }
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        Cert anchor = signer(alg, header.getKeyID(), signed, new Base64URL(parts[2]).decode());
        AttestationClaims claims = claims(new Base64URL(parts[1]).decode(), tlsSpki);
        return new AttestationVerification.Verified(claims, anchor);
    }

    private static JWSHeader header(String part) throws TokenRejection {
        Header parsed;
        try {
            parsed = Header.parse(new Base64URL(part));
        } catch (ParseException e) {
            throw malformed("bad header: " + e.getMessage());
        }
        if (!(parsed instanceof JWSHeader h)) {
            throw new TokenRejection(TokenFailure.ALGORITHM_REJECTED, "alg '" + Printable.of(parsed.getAlgorithm().getName())
                    + "' is not a signature algorithm (ES256, ES384, EdDSA)");
        }
        return h;
    }

    /** The anchor whose key made {@code signature}: the one kid names, else each anchor valid now whose key fits alg. */
    private Cert signer(TokenAlgorithm alg, String kid, byte[] signed, byte[] signature) throws TokenRejection {
        Instant now = clock.instant();
        List<Cert> candidates = new ArrayList<>();
        for (Cert a : anchors) {
            if (kid == null || kid.equals(AttestationSigner.kidOf(a.spkiDer()))) {
                candidates.add(a);
            }
        }
        if (candidates.isEmpty()) {
            throw new TokenRejection(TokenFailure.UNKNOWN_SIGNER, "kid '" + Printable.of(kid) + "' names none of the "
                    + anchors.size() + " attestation anchors configured");
        }
        boolean fitted = false;
        for (Cert a : candidates) {
            if (now.isBefore(a.notBefore()) || now.isAfter(a.notAfter())) {
                continue; // an anchor outside its validity vouches for nothing now
            }
            DeviceKey k;
            try {
                k = DeviceKey.fromSpki(a.spkiDer());
            } catch (DeviceKey.UnsupportedKeyException e) {
                continue;
            }
            if (k.algorithm() != alg) {
                continue;
            }
            fitted = true;
            if (RawSignatures.verify(alg, k.publicKey(), signed, signature)) {
                return a;
            }
        }
        if (kid != null && fitted) {
            throw new TokenRejection(TokenFailure.BAD_SIGNATURE, "the " + alg + " signature does not verify with the key of"
                    + " attestation anchor '" + candidates.getFirst().label() + "' (kid " + kid + ")");
        }
        throw new TokenRejection(TokenFailure.UNKNOWN_SIGNER, "signed by none of the " + anchors.size()
                + " attestation anchors configured (valid now, with " + alg + " keys)");
    }

    private AttestationClaims claims(byte[] payload, byte[] tlsSpki) throws TokenRejection {
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(text(payload, "the payload"));
        } catch (ParseException e) {
            throw malformed("the payload is not a JSON object: " + e.getMessage());
        }
        String iss = string(json, "iss");
        String sub = string(json, "sub");
        long iat = seconds(json, "iat", true);
        long exp = seconds(json, "exp", true);
        long nbf = seconds(json, "nbf", false);
        if (!(json.get(JwtCodec.CLAIM_CNF) instanceof Map<?, ?> cnf) || !(cnf.get(JwtCodec.CNF_JKT) instanceof String jkt)) {
            throw new TokenRejection(TokenFailure.CLAIM_INVALID, "cnf has no jkt string (RFC 9449 §6.1)");
        }
        return bind(iss, sub, iat, exp, nbf, jkt, tlsSpki);
    }

    /** The checks both forms share: the binding to the TLS key, the lifetime, freshness. {@code nbf} -1: absent. */
    private AttestationClaims bind(String iss, String sub, long iat, long exp, long nbf, String jkt, byte[] tlsSpki)
            throws TokenRejection {
        DeviceKey tls;
        try {
            tls = DeviceKey.fromSpki(tlsSpki);
        } catch (DeviceKey.UnsupportedKeyException e) {
            throw new TokenRejection(TokenFailure.KEY_UNSUPPORTED, "the TLS key: " + e.getMessage());
        }
        if (!same(jkt, tls.thumbprint())) {
            throw new TokenRejection(TokenFailure.CONFIRMATION_MISMATCH, "the attestation binds key " + Printable.of(jkt)
                    + ", not the TLS key " + tls.thumbprint());
        }
        if (!same(sub, tls.devId())) {
            throw new TokenRejection(TokenFailure.SUBJECT_MISMATCH, "sub '" + Printable.of(sub) + "' is not the TLS key's dev-id "
                    + tls.devId());
        }
        Instant issued = Instant.ofEpochSecond(iat);
        Instant expires = Instant.ofEpochSecond(exp);
        if (!expires.isAfter(issued)) {
            throw new TokenRejection(TokenFailure.CLAIM_INVALID, "exp " + expires + " is not after iat " + issued);
        }
        if (Duration.between(issued, expires).compareTo(AttestationClaims.MAX_LIFETIME) > 0) {
            throw new TokenRejection(TokenFailure.LIFETIME_TOO_LONG, "the attestation lives " + Duration.between(issued, expires).toDays()
                    + " days; at most " + AttestationClaims.MAX_LIFETIME.toDays() + " are allowed");
        }
        Instant now = clock.instant();
        Instant notBefore = nbf < 0 ? issued : Instant.ofEpochSecond(Math.max(nbf, iat));
        if (notBefore.isAfter(now.plus(maxSkew))) {
            throw new TokenRejection(TokenFailure.ISSUED_IN_FUTURE, "valid only from " + notBefore + " (now " + now + ")");
        }
        if (!expires.isAfter(now.minus(maxSkew))) {
            throw new TokenRejection(TokenFailure.EXPIRED, "expired at " + expires + " (now " + now + ")");
        }
        try {
            return new AttestationClaims(iss, sub, issued, expires, jkt);
        } catch (IllegalArgumentException e) {
            throw new TokenRejection(TokenFailure.CLAIM_INVALID, e.getMessage());
        }
    }

    private static String string(Map<String, Object> json, String name) throws TokenRejection {
        if (!(json.get(name) instanceof String s)) {
            throw new TokenRejection(TokenFailure.CLAIM_INVALID, "claim '" + name + "' is " + (json.containsKey(name) ? "not a string" : "missing"));
        }
        return s;
    }

    /** A NumericDate claim in whole seconds; -1 when absent and optional. */
    private static long seconds(Map<String, Object> json, String name, boolean required) throws TokenRejection {
        Object v = json.get(name);
        if (v == null) {
            if (required) {
                throw new TokenRejection(TokenFailure.CLAIM_INVALID, "claim '" + name + "' is missing");
            }
            return -1;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.floor(n.doubleValue()) || n.longValue() < 0 || n.longValue() > LAST_SECOND) {
            throw new TokenRejection(TokenFailure.CLAIM_INVALID, "claim '" + name + "' is not a time in whole seconds");
        }
        return n.longValue();
    }

    private static String text(byte[] bytes, String what) throws TokenRejection {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(what + " is not UTF-8");
        }
    }

    private static TokenRejection malformed(String message) {
        return new TokenRejection(TokenFailure.MALFORMED, message);
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
