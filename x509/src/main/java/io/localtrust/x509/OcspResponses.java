package io.localtrust.x509;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Reads OCSP responses (RFC 6960) for a known certificate and issuer, and — for demos, tests
 * and benchmarks — makes them. The gateway's OCSP responder (authority module) has its own,
 * pre-signing issuance path.
 */
public final class OcspResponses {
    private OcspResponses() {
    }

    /**
     * Checks a DER OCSPResponse for {@code cert} issued by {@code issuer}, a delegated responder's
     * validity judged at the response's producedAt only; a decision prefers {@link #read(byte[], Cert, Cert, Instant)}.
     *
     * @throws CertificateParseException if the bytes are no successful basic OCSP response, or
     *         it holds no status for this certificate
     */
    public static OcspStatus read(byte[] der, Cert cert, Cert issuer) throws CertificateParseException {
        return read(der, cert, issuer, null);
    }

    /**
     * Checks a DER OCSPResponse for {@code cert} issued by {@code issuer}: its status, and who signed it
     * ({@link OcspSigner}: the issuer, or a delegated responder valid at {@code at} and at producedAt).
     *
     * @param at the decision time
     * @throws CertificateParseException if the bytes are no successful basic OCSP response, or
     *         it holds no status for this certificate
     */
    public static OcspStatus read(byte[] der, Cert cert, Cert issuer, Instant at) throws CertificateParseException {
        try {
            OCSPResp resp = new OCSPResp(der);
            if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new CertificateParseException("OCSP response status is " + resp.getStatus() + ", not successful");
            }
            if (!(resp.getResponseObject() instanceof BasicOCSPResp basic)) {
                throw new CertificateParseException("OCSP response is not a basic response");
            }
            X509CertificateHolder issuerHolder = new X509CertificateHolder(issuer.der());
            CertificateID wanted = new CertificateID(digests().get(CertificateID.HASH_SHA1), issuerHolder, cert.serial());
            for (SingleResp single : basic.getResponses()) {
                if (!matches(single.getCertID(), wanted, issuerHolder, cert.serial())) {
                    continue;
                }
                Object st = single.getCertStatus();
                OcspStatus.Status status = st == CertificateStatus.GOOD ? OcspStatus.Status.GOOD
                        : st instanceof RevokedStatus ? OcspStatus.Status.REVOKED : OcspStatus.Status.UNKNOWN;
                Optional<Instant> revokedAt = Optional.empty();
                Optional<String> reason = Optional.empty();
                if (st instanceof RevokedStatus r) {
                    revokedAt = Optional.of(r.getRevocationTime().toInstant());
                    if (r.hasRevocationReason()) {
                        reason = Optional.of(CRLReason.lookup(r.getRevocationReason()).toString());
                    }
                }
                Instant produced = basic.getProducedAt().toInstant();
                return new OcspStatus(status, revokedAt, reason, single.getThisUpdate().toInstant(),
                        Optional.ofNullable(single.getNextUpdate()).map(Date::toInstant), produced,
                        OcspSignerCheck.check(basic, issuerHolder, issuer, at == null ? produced : at));
            }
            throw new CertificateParseException("OCSP response holds no status for serial " + cert.serial().toString(16));
        } catch (IOException | OCSPException | org.bouncycastle.operator.OperatorCreationException | RuntimeException e) {
            throw new CertificateParseException("malformed OCSP response (" + CertificateReader.oneLine(e) + ")");
        }
    }

    private static boolean matches(CertificateID got, CertificateID sha1Id, X509CertificateHolder issuer,
                                   BigInteger serial) throws OCSPException {
        if (!got.getSerialNumber().equals(serial)) {
            return false;
        }
        if (got.getHashAlgOID().equals(sha1Id.getHashAlgOID())) {
            return got.equals(sha1Id);
        }
        return got.matchesIssuer(issuer, digests());
    }

    /**
     * Makes a response signed by the issuer itself.
     *
     * @param revokedAt empty for "good"
     */
    public static byte[] make(Cert cert, CertificateMaker.Made issuer, Optional<Instant> revokedAt,
                              Instant thisUpdate, Duration validity, SecureRandom random) {
        return make(cert, issuer.cert(), issuer, revokedAt, thisUpdate, validity, random);
    }

    /**
     * Makes a response about {@code cert} as issued by {@code certIssuer}, signed by {@code signer}
     * (the issuer itself, a delegated responder — or, in tests, a forger).
     */
    public static byte[] make(Cert cert, Cert certIssuer, CertificateMaker.Made signer, Optional<Instant> revokedAt,
                              Instant thisUpdate, Duration validity, SecureRandom random) {
        OcspResponseMaker m = OcspResponseMaker.about(cert, certIssuer, signer, thisUpdate).validity(validity)
                .responderByName(certIssuer);
        revokedAt.ifPresent(m::revoked);
        return m.make(random);
    }

    static DigestCalculatorProvider digests() {
        try {
            return new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.provider()).build();
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
