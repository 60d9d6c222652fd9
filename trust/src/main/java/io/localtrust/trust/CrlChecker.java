package io.localtrust.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;

/**
 * Certificate revocation from given CRLs, after RFC 5280 §6.3: a CRL applies to a certificate
 * when its issuer (or, for an indirect CRL, a cRLIssuer of the certificate's distribution point)
 * matches, its scope (issuingDistributionPoint: user/CA/attribute certificates, distribution
 * point names, reasons) covers the certificate, it is current at the verification time, and its
 * signature verifies — with the issuer's key, or a CRL signer of the same name certified by the
 * same issuer's issuer. Delta CRLs are applied over a complete CRL they are based on. Fetching
 * (OCSP, CRL distribution points) is a later layer; this works on CRLs handed in.
 */
final class CrlChecker {
    /** Every revocation reason (RFC 5280 §5.3.1) but the unused bit 0. */
    private static final int ALL_REASONS = ReasonFlags.keyCompromise | ReasonFlags.cACompromise
            | ReasonFlags.affiliationChanged | ReasonFlags.superseded | ReasonFlags.cessationOfOperation
            | ReasonFlags.certificateHold | ReasonFlags.privilegeWithdrawn | ReasonFlags.aACompromise;

    private final List<Crl> crls;
    private final boolean required;
    private final List<Node> pool;
    private final Signatures signatures;

    private CrlChecker(List<Crl> crls, boolean required, List<Node> pool, Signatures signatures) {
        this.crls = crls;
        this.required = required;
        this.pool = pool;
        this.signatures = signatures;
    }

    /** A checker over the given DER CRLs; unparseable ones are ignored (they cover nothing). */
    static CrlChecker of(List<byte[]> ders, boolean required, List<Node> pool, Signatures signatures) {
        List<Crl> parsed = new ArrayList<>();
        for (byte[] der : ders) {
            try {
                parsed.add(new Crl(der));
            } catch (RuntimeException e) {
                // not a CRL: it cannot vouch for anything
            }
        }
        return parsed.isEmpty() && !required ? null : new CrlChecker(parsed, required, pool, signatures);
    }

    /**
     * @param validated the anchor and the certificates above {@code cert} already validated on
     *                  this path: their keys may sign CRLs (a CA's new key after a rollover, say)
     */
    Optional<Failure> check(Node cert, Node issuer, SubjectPublicKeyInfo issuerKey, Instant time, List<Node> validated) {
        return check(cert, issuer, issuerKey, time, validated, 0);
    }

    private Optional<Failure> check(Node cert, Node issuer, SubjectPublicKeyInfo issuerKey, Instant time,
                                    List<Node> validated, int depth) {
        int covered = 0;
        List<DistributionPoint> dps = distributionPoints(cert);
        for (Crl crl : crls) {
            if (crl.delta() || crl.unusable.isPresent() || !current(crl, time)) {
                continue;
            }
            Optional<DistributionPoint> dp = matchingPoint(crl, cert, dps);
            if (dp == null) {
                continue;
            }
            if (!scopeFits(crl, cert)) {
                continue;
            }
            if (!signedBy(crl, cert, issuer, issuerKey, time, validated, depth)) {
                continue;
            }
            int reasons = reasons(crl, dp);
            if (reasons == 0) {
                continue;
            }
            covered |= reasons;
            Optional<Crl.Entry> entry = crl.entry(cert.issuer, cert.cert.serial());
            boolean revoked = entry.isPresent() && entry.get().reason() != Crl.REMOVE_FROM_CRL;
            Optional<Crl> delta = deltaFor(crl, cert, issuer, issuerKey, time, validated, depth);
            if (delta.isPresent()) {
                Optional<Crl.Entry> d = delta.get().entry(cert.issuer, cert.cert.serial());
                if (d.isPresent()) {
                    revoked = d.get().reason() != Crl.REMOVE_FROM_CRL;
                }
            }
            if (revoked) {
                return Optional.of(Failure.of(Reason.REVOKED, cert, "revoked (serial " + cert.cert.serial()
                        + " listed by the CRL of '" + crl.issuer + "')"));
            }
        }
        if (required && (covered & ALL_REASONS) != ALL_REASONS) {
            return Optional.of(Failure.of(Reason.REVOCATION_UNKNOWN, cert, "no usable CRL covers it"));
        }
        return Optional.empty();
    }

    private static boolean current(Crl crl, Instant time) {
        return !crl.thisUpdate.isAfter(time) && crl.nextUpdate.map(n -> !n.isBefore(time)).orElse(true);
    }

    /**
     * The distribution point of the certificate this CRL serves (empty when the certificate names
     * none and the CRL is a direct, unpartitioned one); null when the CRL does not apply.
     */
    private static Optional<DistributionPoint> matchingPoint(Crl crl, Node cert, List<DistributionPoint> dps) {
        GeneralNames idpNames = crl.idp == null ? null : fullNames(crl.idp.getDistributionPoint(), crl.issuer);
        if (dps.isEmpty()) {
            if (idpNames != null || !Names.equal(crl.issuer, cert.issuer)) {
                return null;
            }
            return Optional.empty();
        }
        for (DistributionPoint dp : dps) {
            X500Name crlIssuer = cert.issuer;
            if (dp.getCRLIssuer() != null) {
                crlIssuer = null;
                for (GeneralName g : dp.getCRLIssuer().getNames()) {
                    if (g.getTagNo() == GeneralName.directoryName && Names.equal(X500Name.getInstance(g.getName()), crl.issuer)) {
                        crlIssuer = crl.issuer;
                    }
                }
                if (crlIssuer == null || !crl.indirect()) {
                    continue;
                }
            } else if (!Names.equal(crl.issuer, cert.issuer)) {
                continue;
            }
            if (idpNames == null) {
                return Optional.of(dp);
            }
            GeneralNames dpNames = fullNames(dp.getDistributionPoint(), crlIssuer);
            GeneralNames other = dpNames != null ? dpNames : dp.getCRLIssuer();
            if (other != null && intersects(idpNames, other)) {
                return Optional.of(dp);
            }
        }
        return null;
    }

    private static boolean scopeFits(Crl crl, Node cert) {
        if (crl.idp == null) {
            return true;
        }
        if (crl.idp.onlyContainsAttributeCerts()) {
            return false;
        }
        if (crl.idp.onlyContainsUserCerts() && cert.isCa()) {
            return false;
        }
        return !(crl.idp.onlyContainsCACerts() && !cert.isCa());
    }

    private static int reasons(Crl crl, Optional<DistributionPoint> dp) {
        int mask = ALL_REASONS;
        if (crl.idp != null && crl.idp.getOnlySomeReasons() != null) {
            mask &= crl.idp.getOnlySomeReasons().intValue();
        }
        if (dp.isPresent() && dp.get().getReasons() != null) {
            mask &= dp.get().getReasons().intValue();
        }
        return mask;
    }

    private Optional<Crl> deltaFor(Crl base, Node cert, Node issuer, SubjectPublicKeyInfo key, Instant time,
                                   List<Node> validated, int depth) {
        if (base.number.isEmpty()) {
            return Optional.empty();
        }
        Optional<Crl> best = Optional.empty();
        for (Crl d : crls) {
            if (!d.delta() || d.unusable.isPresent() || !current(d, time) || !Names.equal(d.issuer, base.issuer)
                    || d.deltaBase.get().compareTo(base.number.get()) > 0 || !signedBy(d, cert, issuer, key, time, validated, depth)) {
                continue;
            }
            if (best.isEmpty() || d.number.orElse(java.math.BigInteger.ZERO)
                    .compareTo(best.get().number.orElse(java.math.BigInteger.ZERO)) > 0) {
                best = Optional.of(d);
            }
        }
        return best;
    }

    /**
     * Signed by the certificate's issuer, by another validated certificate of the path with the
     * CRL's name, or by a CRL signer of that name certified by one of them and itself not revoked.
     */
    private boolean signedBy(Crl crl, Node cert, Node issuer, SubjectPublicKeyInfo issuerKey, Instant time,
                             List<Node> validated, int depth) {
        if (Names.equal(crl.issuer, issuer.subject) && issuer.hasKeyUsage(KeyUsage.cRLSign) && verifies(crl, issuerKey)) {
            return true;
        }
        for (Node v : validated) {
            if (v != issuer && Names.equal(crl.issuer, v.subject) && v.hasKeyUsage(KeyUsage.cRLSign)
                    && verifies(crl, v.asn1.getSubjectPublicKeyInfo())) {
                return true;
            }
        }
        if (depth > 1) {
            return false;
        }
        for (Node signer : pool) {
            if (!Names.equal(signer.subject, crl.issuer) || !signer.hasKeyUsage(KeyUsage.cRLSign)
                    || validated.contains(signer) || !signer.cert.isValidAt(time)
                    || !verifies(crl, signer.asn1.getSubjectPublicKeyInfo())) {
                continue;
            }
            for (Node parent : validated) {
                SubjectPublicKeyInfo key = parent.asn1.getSubjectPublicKeyInfo();
                // A CRL issuer's own status may come from the CRL it signs (PKITS 4.14.30): its
                // certificate is authenticated by the parent's signature, so the CRL does not vouch for itself.
                if (parent.couldIssue(signer) && signatures.verifies(signer, key)
                        && (signer.equals(cert) || check(signer, parent, key, time, validated, depth + 1).isEmpty())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean verifies(Crl crl, SubjectPublicKeyInfo key) {
        try {
            return new X509CRLHolder(crl.asn1).isSignatureValid(Signatures.provider(key));
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    private static List<DistributionPoint> distributionPoints(Node cert) {
        if (cert.extensions == null || cert.extensions.getExtension(Extension.cRLDistributionPoints) == null) {
            return List.of();
        }
        try {
            return List.of(CRLDistPoint.getInstance(
                    cert.extensions.getExtension(Extension.cRLDistributionPoints).getParsedValue()).getDistributionPoints());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** A distribution point name as full names (nameRelativeToCRLIssuer appended to the issuer's DN). */
    private static GeneralNames fullNames(DistributionPointName name, X500Name crlIssuer) {
        if (name == null) {
            return null;
        }
        if (name.getType() == DistributionPointName.FULL_NAME) {
            return GeneralNames.getInstance(name.getName());
        }
        RDN[] base = crlIssuer.getRDNs();
        RDN[] rdns = java.util.Arrays.copyOf(base, base.length + 1);
        rdns[base.length] = RDN.getInstance(name.getName());
        return new GeneralNames(new GeneralName(new X500Name(rdns)));
    }

    private static boolean intersects(GeneralNames a, GeneralNames b) {
        for (GeneralName x : a.getNames()) {
            for (GeneralName y : b.getNames()) {
                if (x.getTagNo() != y.getTagNo()) {
                    continue;
                }
                if (x.getTagNo() == GeneralName.directoryName
                        ? Names.equal(X500Name.getInstance(x.getName()), X500Name.getInstance(y.getName())) : x.equals(y)) {
                    return true;
                }
            }
        }
        return false;
    }

}
