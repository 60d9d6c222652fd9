package io.localtrust.tokens;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs a device's status tokens with its TLS private key (the device agent's side; DESIGN.md
 * §3 "agent", issue 5). The key may live in a PKCS#11 token: it is used only through JCA
 * {@code Signature}, never read. sub and cnf.jkt are derived from the chain's leaf key, iat and
 * exp from the injected clock, so a caller cannot make a token that misstates them.
 *
 * <p>Immutable and safe for concurrent use (every signature takes its own JCA {@code Signature}).
 * One signer per installed chain: after a renewal, make a new one with the new chain.
 */
public final class StatusTokenSigner {
    private static final byte[] PROBE = "localtrust status token signer: key check".getBytes(StandardCharsets.US_ASCII);
    private static final CertificateReader READER = new CertificateReader();

    private final PrivateKey key;
    private final Optional<Provider> provider;
    private final CertChain chain;
    private final DeviceKey deviceKey;
    private final Clock clock;
    private final Duration lifetime;
    private final JwtCodec jwt = new JwtCodec();
    private final CoseCodec cose = new CoseCodec();

    /**
     * A signer for KEY, whose certificate is CHAIN's leaf (CHAIN: leaf first, then intermediates).
     * Checks once, by signing and verifying, that the key belongs to the leaf.
     *
     * @param lifetime exp − iat of every token: whole seconds, at most {@link StatusClaims#MAX_LIFETIME}
     * @throws TokenSigningException    if the key is not EC P-256, EC P-384 or Ed25519, does not match
     *                                  the leaf, cannot sign, or the chain exceeds 8 certificates or 8 KiB of DER
     * @throws IllegalArgumentException if the lifetime is out of range
     */
    public StatusTokenSigner(PrivateKey key, CertChain chain, Clock clock, Duration lifetime) throws TokenSigningException {
        this(key, Optional.empty(), chain, clock, lifetime);
    }

    /**
     * The same for a key that only PROVIDER can use: a PKCS#11 key of a SunPKCS11 instance
     * configured for its token, which need not be registered with {@code Security}.
     */
    public StatusTokenSigner(PrivateKey key, Provider provider, CertChain chain, Clock clock, Duration lifetime)
            throws TokenSigningException {
        this(key, Optional.of(provider), chain, clock, lifetime);
    }

    private StatusTokenSigner(PrivateKey key, Optional<Provider> provider, CertChain chain, Clock clock, Duration lifetime)
            throws TokenSigningException {
        this.key = Objects.requireNonNull(key, "key");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.chain = Objects.requireNonNull(chain, "chain");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.getNano() != 0 || lifetime.compareTo(StatusClaims.MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("a status token lives 1 s to " + StatusClaims.MAX_LIFETIME.toMinutes()
                    + " minutes, in whole seconds, not " + lifetime);
        }
        int chainBytes = chain.certs().stream().mapToInt(c -> c.der().length).sum();
        if (chainBytes > X5Chain.MAX_CHAIN_BYTES || chain.size() > X5Chain.MAX_CERTIFICATES) {
            throw new TokenSigningException("the certificate chain (" + chain.size() + " certificates, " + chainBytes
                    + " bytes) is too large for a status token: at most " + X5Chain.MAX_CERTIFICATES + " certificates and "
                    + X5Chain.MAX_CHAIN_BYTES + " bytes");
        }
        try {
            this.deviceKey = DeviceKey.fromSpki(chain.leaf().spkiDer());
        } catch (DeviceKey.UnsupportedKeyException e) {
            throw new TokenSigningException("the device certificate '" + chain.leaf().label() + "': " + e.getMessage());
        }
        boolean matches;
        try {
            matches = RawSignatures.verify(deviceKey.algorithm(), deviceKey.publicKey(), PROBE,
                    RawSignatures.sign(deviceKey.algorithm(), key, provider, PROBE));
        } catch (GeneralSecurityException e) {
            throw new TokenSigningException("the device key cannot sign " + deviceKey.algorithm() + " (" + e.getMessage() + ")", e);
        }
        if (!matches) {
            throw new TokenSigningException("the device key does not belong to the certificate '" + chain.leaf().label() + "'");
        }
    }

    /** The chain a JCA key store holds (leaf first) as the record the constructors take. */
    public static CertChain chainOf(List<X509Certificate> chain) throws TokenSigningException {
        List<Cert> certs = new ArrayList<>();
        try {
            for (X509Certificate c : chain) {
                certs.add(READER.parseDer(c.getEncoded()));
            }
            return CertChain.of(certs);
        } catch (CertificateEncodingException | CertificateParseException e) {
            throw new TokenSigningException("the device certificate chain: " + e.getMessage(), e);
        }
    }

    /** The algorithm this device's key signs with. */
    public TokenAlgorithm algorithm() {
        return deviceKey.algorithm();
    }

    /** The claims a token signed now would carry. */
    StatusClaims claims(StatusReport report, Optional<Nonce> nonce) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new StatusClaims(report.deviceName(), deviceKey.devId(), now, now.plus(lifetime), nonce,
                deviceKey.thumbprint(), report.firmwareVersion(), report.status());
    }

    /** A token in FORMAT stating REPORT now, echoing the client's NONCE (if it sent one). */
    public SignedToken sign(TokenFormat format, StatusReport report, Optional<Nonce> nonce) throws TokenSigningException {
        Objects.requireNonNull(format, "format");
        StatusClaims claims = claims(report, nonce);
        byte[] encoded;
        try {
            encoded = switch (format) {
                case JWT -> jwt.encode(claims, chain, deviceKey.algorithm(), key, provider).getBytes(StandardCharsets.US_ASCII);
                case COSE -> cose.encode(claims, chain, deviceKey.algorithm(), key, provider);
            };
        } catch (GeneralSecurityException e) {
            throw new TokenSigningException("the device key failed to sign a status token (" + e.getMessage() + ")", e);
        }
        if (encoded.length > StatusTokenVerifier.MAX_TOKEN_BYTES) {
            throw new TokenSigningException("the status token has " + encoded.length + " bytes; verifiers read at most "
                    + StatusTokenVerifier.MAX_TOKEN_BYTES);
        }
        return new SignedToken(format, claims, encoded);
    }

    @Override
    public String toString() {
        return "StatusTokenSigner[" + deviceKey.algorithm() + ", " + chain.leaf().label() + "]"; // never the key
    }
}
