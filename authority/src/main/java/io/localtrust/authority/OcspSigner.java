package io.localtrust.authority;

import io.localtrust.store.CertificateStatus;
import io.localtrust.store.CertificateStore;
import io.localtrust.store.StoreException;
import io.localtrust.x509.BouncyCastle;
import io.localtrust.x509.Cert;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs OCSP responses (RFC 6960) for one issuing CA's certificates with that CA's key
 * itself (no delegated responder), from the store's status: good, revoked (with time and
 * reason) or unknown for a serial this CA never issued; the CertID in the hash algorithm asked
 * for ({@link CertIdHash}). The responder of the gateway's HTTP
 * front pre-signs with this and serves the bytes, so answering costs no signature.
 */
public final class OcspSigner {
    /** How long a response is valid; refreshed at half of it. */
    public static final Duration VALIDITY = Duration.ofDays(4);

    private final CertificateStore store;
    private final X509CertificateHolder issuer;
    private final Cert issuerCert;
    private final SigningKey issuingKey;
    private final Clock clock;
    private final SecureRandom random;

    OcspSigner(CertificateStore store, Cert intermediate, SigningKey issuingKey, Clock clock, SecureRandom random) {
        this.store = store;
        this.issuingKey = issuingKey;
        this.clock = clock;
        this.random = random;
        this.issuerCert = intermediate;
        try {
            this.issuer = new X509CertificateHolder(intermediate.der());
        } catch (IOException e) {
            throw new IllegalStateException("the issuing certificate cannot be read", e);
        }
    }

    /** A signed, successful OCSPResponse (DER) for this serial, as of now, with a SHA-1 CertID. */
    public byte[] respond(BigInteger serial) throws StoreException {
        return respond(serial, CertIdHash.SHA1);
    }

    /**
     * A signed, successful OCSPResponse (DER) for this serial, as of now, whose CertID uses
     * {@code hash} (RFC 6960 §4.2.1: the request's algorithm). The status is the store's; a
     * serial the store does not know is {@code unknown}.
     */
    public byte[] respond(BigInteger serial, CertIdHash hash) throws StoreException {
        return sign(serial, hash, store.status(serial));
    }

    /**
     * A signed {@code unknown} for this serial: for a serial the store knows but that another
     * issuing CA issued (this CA cannot vouch for it).
     */
    public byte[] unknown(BigInteger serial, CertIdHash hash) {
        return sign(serial, hash, Optional.empty());
    }

    /** The issuing CA certificate this signer answers for. */
    public Cert issuer() {
        return issuerCert;
    }

    private byte[] sign(BigInteger serial, CertIdHash hash, Optional<CertificateStatus> status) {
        Instant now = clock.instant();
        org.bouncycastle.cert.ocsp.CertificateStatus certStatus;
        if (status.isEmpty()) {
            certStatus = new UnknownStatus();
        } else if (status.get().revoked()) {
            certStatus = new RevokedStatus(Date.from(status.get().revokedAt().orElseThrow()),
                    status.get().reason().map(r -> r.code()).orElse(CRLReason.unspecified));
        } else {
            certStatus = org.bouncycastle.cert.ocsp.CertificateStatus.GOOD;
        }
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.provider())
                    .build().get(hash.algorithmIdentifier()), issuer, serial);
            BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(issuer.getSubject()));
            b.addResponse(id, certStatus, Date.from(now), Date.from(now.plus(VALIDITY)), null);
            ContentSigner signer = issuingKey.contentSigner(random);
            BasicOCSPResp basic = b.build(signer, new X509CertificateHolder[0], Date.from(now));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OperatorCreationException | OCSPException | IOException e) {
            throw new IllegalStateException("cannot sign an OCSP response", e);
        }
    }
}
