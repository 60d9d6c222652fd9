package io.localtrust.x509;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
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
     * Checks a DER OCSPResponse for {@code cert} issued by {@code issuer}.
     *
     * @throws CertificateParseException if the bytes are no successful basic OCSP response, or
     *         it holds no status for this certificate
     */
    public static OcspStatus read(byte[] der, Cert cert, Cert issuer) throws CertificateParseException {
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
                return new OcspStatus(status, revokedAt, reason, single.getThisUpdate().toInstant(),
                        Optional.ofNullable(single.getNextUpdate()).map(Date::toInstant),
                        signatureValid(basic, issuerHolder));
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

    private static boolean signatureValid(BasicOCSPResp basic, X509CertificateHolder issuer) {
        try {
            var verifier = new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.provider());
            if (basic.isSignatureValid(verifier.build(issuer))) {
                return true;
            }
            for (X509CertificateHolder responder : basic.getCerts()) {
                boolean delegated = responder.getIssuer().equals(issuer.getSubject())
                        && responder.isSignatureValid(verifier.build(issuer))
                        && responder.getExtensions() != null
                        && org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(responder.getExtensions()) != null
                        && org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(responder.getExtensions())
                                .hasKeyPurposeId(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_OCSPSigning);
                if (delegated && basic.isSignatureValid(verifier.build(responder))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
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
        CertificateMaker.Made issuer = signer;
        try {
            X509CertificateHolder issuerHolder = new X509CertificateHolder(certIssuer.der());
            CertificateID id = new CertificateID(digests().get(CertificateID.HASH_SHA1), issuerHolder, cert.serial());
            BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(issuerHolder.getSubject()));
            CertificateStatus status = revokedAt
                    .<CertificateStatus>map(t -> new RevokedStatus(Date.from(t), CRLReason.keyCompromise))
                    .orElse(CertificateStatus.GOOD);
            b.addResponse(id, status, Date.from(thisUpdate), Date.from(thisUpdate.plus(validity)), null);
            KeyPair kp = issuer.keyPair();
            String alg = SignatureAlgorithms.forKey(kp.getPublic());
            BasicOCSPResp basic = b.build(new JcaContentSignerBuilder(alg).setProvider(BouncyCastle.provider())
                    .setSecureRandom(random).build(kp.getPrivate()), new X509CertificateHolder[0], Date.from(thisUpdate));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make OCSP response: " + e.getMessage(), e);
        }
    }

    private static DigestCalculatorProvider digests() {
        try {
            return new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.provider()).build();
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
