package io.localtrust.x509;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/** Turns Bouncy Castle's ASN.1 certificate into our {@link Cert}. Package-private: BC stays here. */
final class CertMapper {
    private static final String[] KEY_USAGE_NAMES = {
        "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
        "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
    private static final int[] KEY_USAGE_BITS = {
        KeyUsage.digitalSignature, KeyUsage.nonRepudiation, KeyUsage.keyEncipherment,
        KeyUsage.dataEncipherment, KeyUsage.keyAgreement, KeyUsage.keyCertSign, KeyUsage.cRLSign,
        KeyUsage.encipherOnly, KeyUsage.decipherOnly};
    private static final DefaultAlgorithmNameFinder ALGORITHM_NAMES = new DefaultAlgorithmNameFinder();
    /**
     * RFC 4514 text of names read lately, by DER: an issuer's name comes back with every certificate
     * it signs (a gateway's intermediate in each issuance, a scanned fleet's few CAs), and
     * {@link X500Principal} is most of what reading a name costs.
     */
    private static final DerMemo<String> RFC4514 = new DerMemo<>(4096);
    /** An issuer's AIA and CRL distribution points, by the extension value's DER: the same in all it signs. */
    private static final DerMemo<AccessUrls> AIA = new DerMemo<>(1024);
    private static final DerMemo<List<String>> CRL_URLS = new DerMemo<>(1024);

    static {
        // Interned, a parsed id-kp-localDevice is Bouncy Castle's one instance with its dotted form
        // known; otherwise every parse turns its 128-bit arc into digits again (BigInteger division),
        // which cost as much as the rest of reading a device certificate's extensions.
        new ASN1ObjectIdentifier(Oids.KP_LOCAL_DEVICE).intern();
    }

    private CertMapper() {
    }

    static Cert map(ASN1Primitive primitive, byte[] der, CertificateReader.Limits limits)
            throws CertificateParseException {
        Certificate cert;
        try {
            cert = Certificate.getInstance(primitive);
        } catch (RuntimeException e) {
            throw new CertificateParseException("not a certificate (" + CertificateReader.oneLine(e) + ")");
        }
        return map(cert, der, limits);
    }

    /** {@code cert}, parsed or built, whose DER encoding is {@code der}. */
    static Cert map(Certificate cert, byte[] der, CertificateReader.Limits limits) throws CertificateParseException {
        try {
            return mapChecked(cert, der, limits);
        } catch (CertificateParseException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            throw new CertificateParseException("malformed certificate (" + CertificateReader.oneLine(e) + ")");
        }
    }

    /** The subject of the certificate {@code primitive} as {@link Cert#subject()} has it. */
    static String subject(ASN1Primitive primitive) throws CertificateParseException {
        try {
            return rfc4514(Certificate.getInstance(primitive).getTBSCertificate().getSubject());
        } catch (RuntimeException | IOException e) {
            throw new CertificateParseException("not a certificate (" + CertificateReader.oneLine(e) + ")");
        }
    }

    private static Cert mapChecked(Certificate cert, byte[] der, CertificateReader.Limits limits)
            throws CertificateParseException, IOException {
        TBSCertificate tbs = cert.getTBSCertificate();
        Extensions exts = tbs.getExtensions();
        List<Cert.ExtensionInfo> extensionInfos = new ArrayList<>();
        if (exts != null) {
            for (ASN1ObjectIdentifier oid : exts.getExtensionOIDs()) {
                Extension ext = exts.getExtension(oid);
                int length = ext.getExtnValue().getOctets().length;
                if (length > limits.maxExtensionBytes()) {
                    throw new CertificateParseException(String.format(Locale.ROOT,
                            "extension %s is %s (at most %s)", oid.getId(),
                            CertificateReader.human(length), CertificateReader.human(limits.maxExtensionBytes())));
                }
                extensionInfos.add(new Cert.ExtensionInfo(oid.getId(), ext.isCritical(), length));
            }
        }
        SubjectPublicKeyInfo spki = tbs.getSubjectPublicKeyInfo();
        byte[] spkiDer = spki.getEncoded("DER");
        X500Name subject = tbs.getSubject();
        X500Name issuer = tbs.getIssuer();
        boolean selfIssued = subject.equals(issuer);
        BasicConstraints bc = exts == null ? null : BasicConstraints.fromExtensions(exts);
        BigInteger pathLen = bc == null ? null : bc.getPathLenConstraint();
        ASN1ObjectIdentifier sigOid = cert.getSignatureAlgorithm().getAlgorithm();
        Fingerprints fingerprints = Digests.of(der, spkiDer);
        AccessUrls access = aia(exts);

        return new Cert(
                tbs.getVersionNumber(),
                tbs.getSerialNumber().getValue(),
                rfc4514(subject),
                rfc4514(issuer),
                commonName(subject),
                ipLikeAttributes(subject),
                Asn1Time.instant(tbs.getStartDate()),
                Asn1Time.instant(tbs.getEndDate()),
                keyInfo(spki),
                algorithmName(sigOid),
                sigOid.getId(),
                sans(exts),
                ekus(exts),
                keyUsage(exts),
                bc != null && bc.isCA(),
                pathLen == null ? OptionalInt.empty() : OptionalInt.of(pathLen.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue()),
                selfIssued,
                mayBeSelfSigned(selfIssued, exts)
                        ? new SelfSignature(() -> SignatureMemo.selfSigned(fingerprints.sha256(), () -> OwnKeySignature.verifies(cert)))
                        : SelfSignature.known(false),
                access.ocsp(),
                access.caIssuers(),
                crlUrls(exts),
                extensionInfos,
                fingerprints,
                der,
                spkiDer);
    }

    /** "SHA256withECDSA", "SHA1withRSA", "Ed25519": JCA spelling, not BC's upper case. */
    private static String algorithmName(ASN1ObjectIdentifier oid) {
        String n = ALGORITHM_NAMES.getAlgorithmName(oid);
        if (n.equals(oid.getId())) {
            return n;
        }
        return switch (n) {
            case "ED25519" -> "Ed25519";
            case "ED448" -> "Ed448";
            default -> n.replace("WITH", "with").replace("ANDMGF1", "andMGF1");
        };
    }

    private static String rfc4514(X500Name name) throws IOException {
        return RFC4514.of(name.getEncoded("DER"), der -> {
            try {
                return new X500Principal(der).getName(X500Principal.RFC2253);
            } catch (IllegalArgumentException e) {
                return name.toString();
            }
        });
    }

    /** The first CN value as written (not RFC 4514-escaped), also when it sits in a multi-valued RDN. */
    private static Optional<String> commonName(X500Name name) {
        for (RDN rdn : name.getRDNs(BCStyle.CN)) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getType().equals(BCStyle.CN)) {
                    return Optional.of(atv.getValue() instanceof ASN1String s
                            ? s.getString() : IETFUtils.valueToString(atv.getValue()));
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> ipLikeAttributes(X500Name name) {
        List<String> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getValue() instanceof ASN1String s && IpText.isLiteral(s.getString().trim())) {
                    out.add(s.getString().trim());
                }
            }
        }
        return out;
    }

    static KeyInfo keyInfo(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
        try {
            if (alg.equals(PKCSObjectIdentifiers.rsaEncryption) || alg.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
                RSAPublicKey rsa = RSAPublicKey.getInstance(spki.parsePublicKey());
                return new KeyInfo("RSA", rsa.getModulus().bitLength(), Optional.empty(),
                        Optional.of(rsa.getModulus()), Optional.of(rsa.getPublicExponent()));
            }
            if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                ASN1Encodable params = spki.getAlgorithm().getParameters();
                if (params instanceof ASN1ObjectIdentifier curveOid) {
                    String nist = NISTNamedCurves.getName(curveOid);
                    String name = nist != null ? nist : ECNamedCurveTable.getName(curveOid);
                    var curve = ECNamedCurveTable.getByOID(curveOid);
                    int bits = curve == null ? 0 : curve.getCurve().getFieldSize();
                    return new KeyInfo("EC", bits, Optional.of(name != null ? name : curveOid.getId()),
                            Optional.empty(), Optional.empty());
                }
                return new KeyInfo("EC", 0, Optional.of("explicit parameters"), Optional.empty(), Optional.empty());
            }
            if (alg.equals(EdECObjectIdentifiers.id_Ed25519)) {
                return new KeyInfo("Ed25519", 256, Optional.empty(), Optional.empty(), Optional.empty());
            }
            if (alg.equals(EdECObjectIdentifiers.id_Ed448)) {
                return new KeyInfo("Ed448", 448, Optional.empty(), Optional.empty(), Optional.empty());
            }
            if (alg.equals(X9ObjectIdentifiers.id_dsa)) {
                return new KeyInfo("DSA", 0, Optional.empty(), Optional.empty(), Optional.empty());
            }
        } catch (IOException | RuntimeException e) {
            return new KeyInfo(alg.getId() + " (unparsable key)", 0, Optional.empty(), Optional.empty(), Optional.empty());
        }
        return new KeyInfo(alg.getId(), 0, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static List<SubjectAltName> sans(Extensions exts) {
        if (exts == null) {
            return List.of();
        }
        GeneralNames names = GeneralNames.fromExtensions(exts, Extension.subjectAlternativeName);
        if (names == null) {
            return List.of();
        }
        List<SubjectAltName> out = new ArrayList<>();
        for (GeneralName gn : names.getNames()) {
            out.add(switch (gn.getTagNo()) {
                case GeneralName.dNSName -> new SubjectAltName(SubjectAltName.Type.DNS, text(gn));
                case GeneralName.iPAddress -> {
                    byte[] raw = ASN1OctetString.getInstance(gn.getName()).getOctets();
                    yield new SubjectAltName(SubjectAltName.Type.IP, IpText.of(raw)
                            .orElse("invalid(" + raw.length + " bytes)"));
                }
                case GeneralName.rfc822Name -> new SubjectAltName(SubjectAltName.Type.EMAIL, text(gn));
                case GeneralName.uniformResourceIdentifier -> new SubjectAltName(SubjectAltName.Type.URI, text(gn));
                default -> new SubjectAltName(SubjectAltName.Type.OTHER, "tag " + gn.getTagNo());
            });
        }
        return out;
    }

    private static String text(GeneralName gn) {
        return gn.getName() instanceof ASN1String s ? s.getString() : gn.getName().toString();
    }

    private static List<String> ekus(Extensions exts) {
        ExtendedKeyUsage eku = exts == null ? null : ExtendedKeyUsage.fromExtensions(exts);
        if (eku == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (KeyPurposeId id : eku.getUsages()) {
            out.add(id.getId());
        }
        return out;
    }

    private static Set<String> keyUsage(Extensions exts) {
        KeyUsage ku = exts == null ? null : KeyUsage.fromExtensions(exts);
        Set<String> out = new LinkedHashSet<>();
        if (ku != null) {
            for (int i = 0; i < KEY_USAGE_BITS.length; i++) {
                if (ku.hasUsages(KEY_USAGE_BITS[i])) {
                    out.add(KEY_USAGE_NAMES[i]);
                }
            }
        }
        return out;
    }

    /** The AIA extension's URIs by access method (RFC 5280 4.2.2.1). */
    private record AccessUrls(List<String> ocsp, List<String> caIssuers) {
        static final AccessUrls NONE = new AccessUrls(List.of(), List.of());
    }

    /** The extension read once for both methods, or known by its bytes ({@link #AIA}). */
    private static AccessUrls aia(Extensions exts) throws IOException {
        Extension ext = exts == null ? null : exts.getExtension(Extension.authorityInfoAccess);
        if (ext == null) {
            return AccessUrls.NONE;
        }
        return AIA.of(ext.getExtnValue().getOctets(),
                value -> readAia(AuthorityInformationAccess.getInstance(ASN1Primitive.fromByteArray(value))));
    }

    private static AccessUrls readAia(AuthorityInformationAccess aia) {
        List<String> ocsp = new ArrayList<>();
        List<String> caIssuers = new ArrayList<>();
        for (AccessDescription ad : aia.getAccessDescriptions()) {
            if (ad.getAccessLocation().getTagNo() != GeneralName.uniformResourceIdentifier) {
                continue;
            }
            ASN1ObjectIdentifier method = ad.getAccessMethod();
            List<String> to = method.equals(X509ObjectIdentifiers.id_ad_ocsp) ? ocsp
                    : method.equals(X509ObjectIdentifiers.id_ad_caIssuers) ? caIssuers : null;
            if (to != null) {
                to.add(DERIA5String.getInstance(ad.getAccessLocation().getName()).getString());
            }
        }
        return new AccessUrls(List.copyOf(ocsp), List.copyOf(caIssuers));
    }

    /** The CRL distribution points' URLs, or known by the extension's bytes ({@link #CRL_URLS}). */
    private static List<String> crlUrls(Extensions exts) throws IOException {
        Extension ext = exts == null ? null : exts.getExtension(Extension.cRLDistributionPoints);
        if (ext == null) {
            return List.of();
        }
        return CRL_URLS.of(ext.getExtnValue().getOctets(),
                value -> readCrlUrls(CRLDistPoint.getInstance(ASN1Primitive.fromByteArray(value))));
    }

    private static List<String> readCrlUrls(CRLDistPoint dp) {
        List<String> out = new ArrayList<>();
        for (DistributionPoint point : dp.getDistributionPoints()) {
            DistributionPointName name = point.getDistributionPoint();
            if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName gn : GeneralNames.getInstance(name.getName()).getNames()) {
                    if (gn.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        out.add(DERIA5String.getInstance(gn.getName()).getString());
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** Only self-issued certificates, or ones whose AKI is absent or equals their SKI, can be self-signed. */
    private static boolean mayBeSelfSigned(boolean selfIssued, Extensions exts) {
        if (selfIssued || exts == null) {
            return true;
        }
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(exts);
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(exts);
        return aki == null || aki.getKeyIdentifierOctets() == null || ski == null
                || java.util.Arrays.equals(aki.getKeyIdentifierOctets(), ski.getKeyIdentifier());
    }

    /** The lazy self-signature check of a certificate known to parse. */
    static SelfSignature selfSignature(byte[] der, Fingerprints fingerprints) {
        return new SelfSignature(() -> SignatureMemo.selfSigned(fingerprints.sha256(),
                () -> OwnKeySignature.verifies(Certificate.getInstance(der))));
    }
}
