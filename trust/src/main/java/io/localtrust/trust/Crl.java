package io.localtrust.trust;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.TBSCertList;

/**
 * One parsed CRL (RFC 5280 §5): issuer, times, scope (issuingDistributionPoint), delta
 * indicator, and entries keyed by (certificate issuer, serial) — the certificate issuer changes
 * along an indirect CRL's entries (§5.3.3). Unknown critical extensions make it unusable.
 */
final class Crl {
    private static final Set<ASN1ObjectIdentifier> KNOWN = Set.of(Extension.cRLNumber, Extension.authorityKeyIdentifier,
            Extension.issuingDistributionPoint, Extension.deltaCRLIndicator, Extension.freshestCRL,
            Extension.issuerAlternativeName);
    private static final Set<ASN1ObjectIdentifier> KNOWN_ENTRY = Set.of(Extension.reasonCode,
            Extension.invalidityDate, Extension.certificateIssuer);
    static final int REMOVE_FROM_CRL = 8;

    record Entry(X500Name certificateIssuer, BigInteger serial, int reason) {
    }

    final CertificateList asn1;
    final X500Name issuer;
    final Instant thisUpdate;
    final Optional<Instant> nextUpdate;
    final IssuingDistributionPoint idp;
    final Optional<BigInteger> number;
    final Optional<BigInteger> deltaBase;
    final Map<String, Entry> entries = new HashMap<>();
    final Optional<String> unusable;

    Crl(byte[] der) {
        this.asn1 = CertificateList.getInstance(der);
        TBSCertList tbs = asn1.getTBSCertList();
        this.issuer = tbs.getIssuer();
        this.thisUpdate = tbs.getThisUpdate().getDate().toInstant();
        this.nextUpdate = Optional.ofNullable(tbs.getNextUpdate()).map(t -> t.getDate().toInstant());
        Extensions ext = tbs.getExtensions();
        List<String> problems = new ArrayList<>();
        IssuingDistributionPoint p = null;
        BigInteger num = null;
        BigInteger base = null;
        if (ext != null) {
            for (ASN1ObjectIdentifier oid : ext.getExtensionOIDs()) {
                if (ext.getExtension(oid).isCritical() && !KNOWN.contains(oid)) {
                    problems.add("unknown critical CRL extension " + oid);
                }
            }
            Extension e = ext.getExtension(Extension.issuingDistributionPoint);
            p = e == null ? null : IssuingDistributionPoint.getInstance(e.getParsedValue());
            e = ext.getExtension(Extension.cRLNumber);
            num = e == null ? null : ASN1Integer.getInstance(e.getParsedValue()).getValue();
            e = ext.getExtension(Extension.deltaCRLIndicator);
            base = e == null ? null : ASN1Integer.getInstance(e.getParsedValue()).getValue();
        }
        this.idp = p;
        this.number = Optional.ofNullable(num);
        this.deltaBase = Optional.ofNullable(base);
        X500Name certIssuer = issuer;
        for (TBSCertList.CRLEntry entry : tbs.getRevokedCertificates()) {
            int reason = -1;
            Extensions ee = entry.getExtensions();
            if (ee != null) {
                for (ASN1ObjectIdentifier oid : ee.getExtensionOIDs()) {
                    if (ee.getExtension(oid).isCritical() && !KNOWN_ENTRY.contains(oid)) {
                        problems.add("unknown critical CRL entry extension " + oid);
                    }
                }
                Extension ci = ee.getExtension(Extension.certificateIssuer);
                if (ci != null && indirect()) {
                    for (GeneralName g : GeneralNames.getInstance(ci.getParsedValue()).getNames()) {
                        if (g.getTagNo() == GeneralName.directoryName) {
                            certIssuer = X500Name.getInstance(g.getName());
                        }
                    }
                }
                Extension rc = ee.getExtension(Extension.reasonCode);
                if (rc != null) {
                    reason = ASN1Enumerated.getInstance(rc.getParsedValue()).intValueExact();
                }
            }
            BigInteger serial = entry.getUserCertificate().getValue();
            entries.put(key(certIssuer, serial), new Entry(certIssuer, serial, reason));
        }
        this.unusable = problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    boolean indirect() {
        return idp != null && idp.isIndirectCRL();
    }

    boolean delta() {
        return deltaBase.isPresent();
    }

    Optional<Entry> entry(X500Name certIssuer, BigInteger serial) {
        return Optional.ofNullable(entries.get(key(certIssuer, serial)));
    }

    /** Entries are keyed by the RFC 5280 form of the certificate issuer's name and the serial. */
    private static String key(X500Name issuer, BigInteger serial) {
        return Names.key(issuer) + "#" + serial;
    }
}
