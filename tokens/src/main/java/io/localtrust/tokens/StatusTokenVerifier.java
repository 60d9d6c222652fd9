package io.localtrust.tokens;

import io.localtrust.x509.Cert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a device's status token against the TLS connection it came over (the trust engine's
 * side; issue 6). The token proves something only about the key the client saw in the TLS
 * handshake: its x5c/x5chain leaf must be that key, sign the token, and be named in cnf and sub.
 * The checks, in order (docs/tokens.md "Verification"): size; shape; algorithm on the allow-list;
 * no crit; explicit type; chain readable; leaf key usable and fitting alg; leaf key = TLS key;
 * signature; claims present and typed; sub = dev-id of the TLS key; cnf = its thumbprint; lifetime
 * ≤ 5 minutes; iat not in the future and exp not passed, within the clock skew; nonce.
 *
 * <p>Every outcome is a {@link TokenVerification}: a bad token never throws.
 */
public final class StatusTokenVerifier {
    /** Larger tokens are rejected unread. */
    public static final int MAX_TOKEN_BYTES = 16 * 1024;
    /** The clock difference allowed between device and client unless configured otherwise. */
    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(60);
    /** NumericDates beyond 9999-12-31T23:59:59Z are not times. */
    private static final long LAST_SECOND = 253_402_300_799L;

    private final Clock clock;
    private final Duration maxSkew;

    public StatusTokenVerifier(Clock clock) {
        this(clock, DEFAULT_SKEW);
    }

    /** @param maxSkew how far the device's clock may be off: 0 to five minutes */
    public StatusTokenVerifier(Clock clock, Duration maxSkew) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxSkew = Objects.requireNonNull(maxSkew, "maxSkew");
        if (maxSkew.isNegative() || maxSkew.compareTo(StatusClaims.MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("the clock skew allowed is 0 to " + StatusClaims.MAX_LIFETIME.toMinutes()
                    + " minutes, not " + maxSkew);
        }
    }

    /**
     * Verifies TOKEN, received as FORMAT over a TLS connection whose leaf certificate held TLS_KEY.
     *
     * @param expectedNonce the nonce the client sent; empty if it sent none (then the token must carry none)
     */
    public TokenVerification verify(TokenFormat format, byte[] token, PublicKey tlsKey, Optional<Nonce> expectedNonce) {
        byte[] spki = tlsKey.getEncoded();
        if (spki == null || !"X.509".equals(tlsKey.getFormat())) {
            return new TokenVerification.Rejected(TokenFailure.KEY_UNSUPPORTED, "the TLS key has no SubjectPublicKeyInfo encoding");
        }
        return verify(format, token, spki, expectedNonce);
    }

    /** The same, with the TLS connection's leaf certificate. */
    public TokenVerification verify(TokenFormat format, byte[] token, X509Certificate tlsLeaf, Optional<Nonce> expectedNonce) {
        return verify(format, token, tlsLeaf.getPublicKey(), expectedNonce);
    }

    /** The same, with the TLS connection's leaf certificate as localtrust's record. */
    public TokenVerification verify(TokenFormat format, byte[] token, Cert tlsLeaf, Optional<Nonce> expectedNonce) {
        return verify(format, token, tlsLeaf.spkiDer(), expectedNonce);
    }

    private TokenVerification verify(TokenFormat format, byte[] token, byte[] tlsSpki, Optional<Nonce> expectedNonce) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expectedNonce, "expectedNonce");
        try {
            return check(format, token, tlsSpki, expectedNonce);
        } catch (TokenRejection r) {
            return r.toResult();
        } catch (RuntimeException e) {
            // a parser's unforeseen complaint about hostile input: still a rejection, never an escape
            return new TokenVerification.Rejected(TokenFailure.MALFORMED, "unreadable token (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Printable.of(e.getMessage())) + ")");
        }
    }

    private TokenVerification check(TokenFormat format, byte[] token, byte[] tlsSpki, Optional<Nonce> expectedNonce)
            throws TokenRejection {
        if (token.length > MAX_TOKEN_BYTES) {
            throw new TokenRejection(TokenFailure.OVERSIZED, "the token has " + token.length + " bytes; at most "
                    + MAX_TOKEN_BYTES + " are read");
        }
        if (token.length == 0) {
            throw new TokenRejection(TokenFailure.MALFORMED, "the token is empty");
        }
        DeviceKey tls = key(tlsSpki, "the TLS key");
        TokenCodec codec = format == TokenFormat.JWT ? new JwtCodec() : new CoseCodec();
        Envelope envelope = codec.open(token);
        DeviceKey leaf = key(envelope.chain().leaf().spkiDer(), "the chain's leaf key");
        if (envelope.algorithm() != leaf.algorithm()) {
            throw new TokenRejection(TokenFailure.ALGORITHM_REJECTED, envelope.algorithm() + " does not fit the leaf's key, which signs "
                    + leaf.algorithm());
        }
        if (!same(leaf.thumbprint(), tls.thumbprint())) {
            throw new TokenRejection(TokenFailure.KEY_MISMATCH, "the token's certificate '" + envelope.chain().leaf().label()
                    + "' holds another key than the TLS connection's");
        }
        if (!RawSignatures.verify(leaf.algorithm(), leaf.publicKey(), envelope.signedBytes(), envelope.signature())) {
            throw new TokenRejection(TokenFailure.BAD_SIGNATURE, "the " + leaf.algorithm() + " signature does not verify"
                    + " with the TLS key");
        }
        RawClaims raw = codec.claims(envelope.payload());
        if (!same(raw.subject(), tls.devId())) {
            throw new TokenRejection(TokenFailure.SUBJECT_MISMATCH, "sub '" + Printable.of(raw.subject())
                    + "' is not the TLS key's dev-id " + tls.devId());
        }
        if (!same(raw.thumbprint(), tls.thumbprint())) {
            throw new TokenRejection(TokenFailure.CONFIRMATION_MISMATCH, "cnf names key " + Printable.of(raw.thumbprint())
                    + ", not the TLS key " + tls.thumbprint());
        }
        Instant iat = instant(raw.issuedAt(), "iat");
        Instant exp = instant(raw.expiresAt(), "exp");
        checkTimes(iat, exp);
        checkNonce(raw.nonce(), expectedNonce);
        Optional<DeviceStatus> status = DeviceStatus.fromWireName(raw.status());
        if (status.isEmpty()) {
            throw new TokenRejection(TokenFailure.CLAIM_INVALID, "device status '" + Printable.of(raw.status())
                    + "' is not one of ok, degraded, updating, maintenance");
        }
        try {
            return new TokenVerification.Verified(format, new StatusClaims(raw.issuer(), raw.subject(), iat, exp,
                    raw.nonce().map(Nonce::new), raw.thumbprint(), raw.firmwareVersion(), status.get()), envelope.chain());
        } catch (IllegalArgumentException e) {
            throw new TokenRejection(TokenFailure.CLAIM_INVALID, e.getMessage());
        }
    }

    private void checkTimes(Instant iat, Instant exp) throws TokenRejection {
        if (!exp.isAfter(iat)) {
            throw new TokenRejection(TokenFailure.CLAIM_INVALID, "exp " + exp + " is not after iat " + iat);
        }
        Duration lifetime = Duration.between(iat, exp);
        if (lifetime.compareTo(StatusClaims.MAX_LIFETIME) > 0) {
            throw new TokenRejection(TokenFailure.LIFETIME_TOO_LONG, "the token lives " + lifetime.toSeconds()
                    + " s; at most " + StatusClaims.MAX_LIFETIME.toSeconds() + " s are allowed");
        }
        Instant now = clock.instant();
        if (iat.isAfter(now.plus(maxSkew))) {
            throw new TokenRejection(TokenFailure.ISSUED_IN_FUTURE, "iat " + iat + " is " + Duration.between(now, iat).toSeconds()
                    + " s ahead of this clock (" + now + "); at most " + maxSkew.toSeconds() + " s are allowed");
        }
        if (!exp.isAfter(now.minus(maxSkew))) {
            throw new TokenRejection(TokenFailure.EXPIRED, "expired at " + exp + " (now " + now + ", skew allowed "
                    + maxSkew.toSeconds() + " s)");
        }
    }

    private static void checkNonce(Optional<String> sent, Optional<Nonce> expected) throws TokenRejection {
        if (expected.isEmpty()) {
            if (sent.isPresent()) {
                throw new TokenRejection(TokenFailure.NONCE_MISMATCH, "the token echoes a nonce, but this client sent none"
                        + " (it answers another request)");
            }
            return;
        }
        if (sent.isEmpty()) {
            throw new TokenRejection(TokenFailure.NONCE_MISMATCH, "the token carries no nonce; the client sent one");
        }
        if (!MessageDigest.isEqual(sent.get().getBytes(StandardCharsets.UTF_8),
                expected.get().value().getBytes(StandardCharsets.UTF_8))) {
            throw new TokenRejection(TokenFailure.NONCE_MISMATCH, "the token's nonce is not the one this client sent"
                    + " (a replayed or misdirected token)");
        }
    }

    private static Instant instant(long seconds, String claim) throws TokenRejection {
        if (seconds < 0 || seconds > LAST_SECOND) {
            throw new TokenRejection(TokenFailure.CLAIM_INVALID, claim + " " + seconds + " is not a time");
        }
        return Instant.ofEpochSecond(seconds);
    }

    private static DeviceKey key(byte[] spki, String what) throws TokenRejection {
        try {
            return DeviceKey.fromSpki(spki);
        } catch (DeviceKey.UnsupportedKeyException e) {
            throw new TokenRejection(TokenFailure.KEY_UNSUPPORTED, what + ": " + e.getMessage());
        }
    }

    /** Equality of claim text in time independent of where the values differ. */
    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
