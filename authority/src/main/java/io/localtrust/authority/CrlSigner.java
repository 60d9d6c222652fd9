package io.localtrust.authority;

import io.localtrust.store.CertificateStatus;
import io.localtrust.x509.Cert;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Signs the issuing CA's CRL (RFC 5280 §5) with the issuing key (a file key or a PKCS#11 token
 * key: {@link SigningKey}): every revoked certificate with
 * its revocation time and reason code (§5.3.1; "unspecified" is left out, as the RFC asks), the
 * CRL number (§5.2.3) strictly increasing — also across restarts, as it is taken from the clock
 * in milliseconds when that is larger than the last one — and the authority key identifier
 * (§5.2.1). The HTTP front signs one whenever the revocations change and again before
 * {@link #VALIDITY} runs out, and serves the bytes.
 */
public final class CrlSigner {
    /** nextUpdate - thisUpdate. */
    public static final Duration VALIDITY = Duration.ofDays(1);

    private final X509CertificateHolder issuer;
    private final SigningKey issuingKey;
    private final Clock clock;
    private final SecureRandom random;
    private BigInteger lastNumber = BigInteger.ZERO;

    CrlSigner(Cert intermediate, SigningKey issuingKey, Clock clock, SecureRandom random) {
        this.issuingKey = issuingKey;
        this.clock = clock;
        this.random = random;
        try {
            this.issuer = new X509CertificateHolder(intermediate.der());
        } catch (IOException e) {
            throw new IllegalStateException("the issuing certificate cannot be read", e);
        }
    }

    /** One signed CRL. */
    public record Crl(byte[] der, BigInteger number, Instant thisUpdate, Instant nextUpdate) {
        public Crl {
            der = der.clone();
        }

        @Override
        public byte[] der() {
            return der.clone();
        }
    }

    /** A CRL (DER) listing these revoked certificates, as of now. */
    public synchronized Crl sign(List<CertificateStatus> revoked) {
        Instant now = clock.instant();
        Instant next = now.plus(VALIDITY);
        BigInteger number = BigInteger.valueOf(now.toEpochMilli()).max(lastNumber.add(BigInteger.ONE));
        X509v2CRLBuilder b = new X509v2CRLBuilder(issuer.getSubject(), Date.from(now));
        b.setNextUpdate(Date.from(next));
        for (CertificateStatus s : revoked) {
            if (!s.revoked()) {
                continue;
            }
            int reason = s.reason().map(r -> r.code()).orElse(0);
            // BC adds no reasonCode extension for 0 (unspecified), as RFC 5280 §5.3.1 asks.
            b.addCRLEntry(s.serial(), Date.from(s.revokedAt().orElseThrow()), reason);
        }
        try {
            b.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId());
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            ContentSigner signer = issuingKey.contentSigner(random);
            byte[] der = b.build(signer).getEncoded();
            lastNumber = number;
            return new Crl(der, number, now, next);
        } catch (OperatorCreationException | IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot sign a CRL", e);
        }
    }

    private AuthorityKeyIdentifier authorityKeyId() throws java.security.NoSuchAlgorithmException {
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(issuer.getExtensions());
        if (ski != null) {
            return new AuthorityKeyIdentifier(ski.getKeyIdentifier());
        }
        return new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.getSubjectPublicKeyInfo());
    }
}
