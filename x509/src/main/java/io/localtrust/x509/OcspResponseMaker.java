package io.localtrust.x509;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes OCSP responses (RFC 6960) for demos, tests and benchmarks, with the parts a delegated
 * responder needs: the ResponderID (byName or byKey, of any certificate), the certificates the
 * response carries, and producedAt. Defaults: good, thisUpdate = producedAt = the given instant,
 * valid a day, ResponderID byName of the signer, no certificates carried.
 */
public final class OcspResponseMaker {
    private final Cert cert;
    private final Cert certIssuer;
    private final CertificateMaker.Made signer;
    private final Instant thisUpdate;
    private Optional<Instant> revokedAt = Optional.empty();
    private Duration validity = Duration.ofDays(1);
    private Instant producedAt;
    private Cert responderId;
    private boolean byKey;
    private final List<Cert> carried = new ArrayList<>();

    private OcspResponseMaker(Cert cert, Cert certIssuer, CertificateMaker.Made signer, Instant thisUpdate) {
        this.cert = Objects.requireNonNull(cert, "cert");
        this.certIssuer = Objects.requireNonNull(certIssuer, "certIssuer");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.thisUpdate = Objects.requireNonNull(thisUpdate, "thisUpdate");
        this.producedAt = thisUpdate;
        this.responderId = signer.cert();
    }

    /** A response about {@code cert} (issued by {@code certIssuer}), signed with {@code signer}'s key. */
    public static OcspResponseMaker about(Cert cert, Cert certIssuer, CertificateMaker.Made signer, Instant thisUpdate) {
        return new OcspResponseMaker(cert, certIssuer, signer, thisUpdate);
    }

    public OcspResponseMaker revoked(Instant when) {
        this.revokedAt = Optional.of(when);
        return this;
    }

    /** nextUpdate = thisUpdate + {@code d}. */
    public OcspResponseMaker validity(Duration d) {
        this.validity = d;
        return this;
    }

    public OcspResponseMaker producedAt(Instant when) {
        this.producedAt = when;
        return this;
    }

    /** The ResponderID names {@code who}'s subject. */
    public OcspResponseMaker responderByName(Cert who) {
        this.responderId = who;
        this.byKey = false;
        return this;
    }

    /** The ResponderID is the SHA-1 of {@code who}'s public key. */
    public OcspResponseMaker responderByKey(Cert who) {
        this.responderId = who;
        this.byKey = true;
        return this;
    }

    /** The response carries these certificates (a delegated responder's, say). */
    public OcspResponseMaker carrying(Cert... certs) {
        carried.addAll(List.of(certs));
        return this;
    }

    /** The DER OCSPResponse. */
    public byte[] make(SecureRandom random) {
        try {
            X509CertificateHolder issuerHolder = new X509CertificateHolder(certIssuer.der());
            CertificateID id = new CertificateID(OcspResponses.digests().get(CertificateID.HASH_SHA1), issuerHolder,
                    cert.serial());
            X509CertificateHolder named = new X509CertificateHolder(responderId.der());
            RespID respId = byKey
                    ? new RespID(new ResponderID(new DEROctetString(MessageDigest.getInstance("SHA-1")
                            .digest(named.getSubjectPublicKeyInfo().getPublicKeyData().getBytes()))))
                    : new RespID(named.getSubject());
            BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(respId);
            CertificateStatus status = revokedAt
                    .<CertificateStatus>map(t -> new RevokedStatus(Date.from(t), CRLReason.keyCompromise))
                    .orElse(CertificateStatus.GOOD);
            b.addResponse(id, status, Date.from(thisUpdate), Date.from(thisUpdate.plus(validity)), null);
            KeyPair kp = signer.keyPair();
            X509CertificateHolder[] chain = new X509CertificateHolder[carried.size()];
            for (int i = 0; i < chain.length; i++) {
                chain[i] = new X509CertificateHolder(carried.get(i).der());
            }
            BasicOCSPResp basic = b.build(new JcaContentSignerBuilder(SignatureAlgorithms.forKey(kp.getPublic()))
                    .setProvider(BouncyCastle.provider()).setSecureRandom(random).build(kp.getPrivate()), chain,
                    Date.from(producedAt));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make OCSP response: " + e.getMessage(), e);
        }
    }
}
