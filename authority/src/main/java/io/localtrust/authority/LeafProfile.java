package io.localtrust.authority;

import io.localtrust.x509.Asn1Time;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateReader;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * The device certificate profile (DESIGN.md §3): a serial of a time prefix and 112 CSPRNG bits
 * ({@link LeafSerials}), the configured lifetime, KU digitalSignature (+ keyEncipherment for RSA),
 * EKU serverAuth + id-kp-localDevice, SANs from the approved identities only, AIA (OCSP, caIssuers), CRL DP, AKI and SKI. Subject CN is the
 * first DNS identity; an IP-only device gets an empty subject and a critical SAN (RFC 5280
 * §4.2.1.6), because verifiers that read the CN would check an IP-shaped CN as a DNS name
 * against the name constraints.
 */
final class LeafProfile {
    private static final DERTaggedObject VERSION_3 = new DERTaggedObject(true, 0, new ASN1Integer(2));
    private final GatewayConfig config;
    private final X500Name issuerName;
    private final SigningKey issuingKey;
    // The same for every leaf of this CA, made once as the ASN.1 that is encoded: an Extension or an
    // AlgorithmIdentifier makes a new sequence of itself each time it is encoded.
    private final ASN1Primitive signatureAlgorithm;
    private final ASN1Primitive basicConstraints;
    private final ASN1Primitive keyUsage;
    private final ASN1Primitive keyUsageRsa;
    private final ASN1Primitive extendedKeyUsage;
    private final ASN1Primitive authorityKeyId;
    private final ASN1Primitive authorityInfoAccess;
    private final ASN1Primitive crlDistributionPoints;

    LeafProfile(GatewayConfig config, Cert intermediate, SigningKey issuingKey) {
        this(config, intermediate, issuingKey.publicKey(), issuingKey);
    }

    LeafProfile(GatewayConfig config, Cert intermediate, PublicKey intermediatePublic, SigningKey issuingKey) {
        this.config = config;
        this.issuingKey = issuingKey;
        this.signatureAlgorithm = new DefaultSignatureAlgorithmIdentifierFinder().find(issuingKey.signatureAlgorithm())
                .toASN1Primitive();
        try {
            this.issuerName = new X509CertificateHolder(intermediate.der()).getSubject();
            this.basicConstraints = extension(Extension.basicConstraints, true, new BasicConstraints(false)).toASN1Primitive();
            this.keyUsage = extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature)).toASN1Primitive();
            this.keyUsageRsa = extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment)).toASN1Primitive();
            this.extendedKeyUsage = extension(Extension.extendedKeyUsage, false, ekus(config)).toASN1Primitive();
            this.authorityKeyId = extension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(intermediatePublic)).toASN1Primitive();
            this.authorityInfoAccess = extension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    new AccessDescription[] {
                        new AccessDescription(X509ObjectIdentifiers.id_ad_ocsp, uri(config.ocspUrl())),
                        new AccessDescription(X509ObjectIdentifiers.id_ad_caIssuers, uri(config.intermediateUrl()))})).toASN1Primitive();
            this.crlDistributionPoints = extension(Extension.cRLDistributionPoints, false, new CRLDistPoint(
                    new DistributionPoint[] {new DistributionPoint(new DistributionPointName(
                            new GeneralNames(uri(config.crlUrl(intermediate.serial())))), null, null)})).toASN1Primitive();
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("the issuing certificate cannot be read", e);
        }
    }

    /**
     * The certificate to be, unsigned: its DER with an empty signature value — what the linter reads
     * before anything is signed (Boulder lints a throwaway certificate first; this costs no signature
     * at all), and what {@link #sign} signs, byte for byte, once it is read and linted.
     */
    Draft draft(SubjectPublicKeyInfo spki, boolean rsa, List<Identity> ids, BigInteger serial, Instant now) {
        try {
            String firstDns = ids.stream().filter(i -> i.type() == Identity.Type.DNS).map(Identity::value).findFirst().orElse(null);
            X500Name subject = firstDns == null ? new X500Name(new RDN[0])
                    : new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, firstDns).build();
            Instant notBefore = now.minusSeconds(60); // tolerate small clock skew on the device
            // TBSCertificate ::= SEQUENCE { version [0] EXPLICIT v3, serialNumber, signature, issuer,
            // validity, subject, subjectPublicKeyInfo, extensions [3] EXPLICIT } (RFC 5280 §4.1), as
            // V3TBSCertificateGenerator makes it, with the parts every leaf of this CA shares built once
            DERSequence extensions = new DERSequence(new ASN1Encodable[] {
                basicConstraints,
                rsa ? keyUsageRsa : keyUsage,
                extendedKeyUsage,
                extension(Extension.subjectAlternativeName, firstDns == null,
                        new GeneralNames(ids.stream().map(LeafProfile::generalName).toArray(GeneralName[]::new))).toASN1Primitive(),
                extension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(spki))
                        .toASN1Primitive(),
                authorityKeyId,
                authorityInfoAccess,
                crlDistributionPoints});
            DERSequence tbs = new DERSequence(new ASN1Encodable[] {
                VERSION_3,
                new ASN1Integer(serial),
                signatureAlgorithm,
                issuerName,
                new DERSequence(new ASN1Encodable[] {
                    Asn1Time.of(notBefore), Asn1Time.of(notBefore.plus(config.leafLifetime()).minusSeconds(1))}),
                subject,
                spki,
                new DERTaggedObject(true, 3, extensions)});
            // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
            DERSequence certificate = new DERSequence(new ASN1Encodable[] {tbs, signatureAlgorithm, new DERBitString(new byte[0])});
            return new Draft(Certificate.getInstance(certificate), certificate.getEncoded(ASN1Encoding.DER));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build the device certificate", e);
        }
    }

    /**
     * A draft: the structure as built, and its DER encoding (what gets signed). {@link
     * CertificateReader#readBuilt} reads the structure into a {@link Cert} without parsing the DER back.
     */
    record Draft(Certificate certificate, byte[] der) {
    }

    /**
     * The parsed, linted draft signed for real with the issuing key, through the provider that
     * holds it: the signature covers the draft's own TBSCertificate bytes, so the draft's parse is
     * the signed certificate's too ({@link Cert#withSignature}).
     */
    Cert sign(Cert draft, SecureRandom random) {
        try {
            return draft.withSignature(issuingKey.sign(draft.tbsDer(), random));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    private static Extension extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) throws IOException {
        return new Extension(oid, critical, new DEROctetString(value.toASN1Primitive().getEncoded(ASN1Encoding.DER)));
    }

    /**
     * serverAuth, and id-kp-localDevice when the gateway's configuration names one (CAs and leaves
     * alike). The OID is interned: reading it back from a certificate then costs no conversion of its
     * long arc to digits ({@code CertMapper}).
     */
    static ExtendedKeyUsage ekus(GatewayConfig config) {
        return new ExtendedKeyUsage(config.localDeviceEku()
                .map(oid -> new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid).intern())})
                .orElse(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth}));
    }

    private static GeneralName generalName(Identity id) {
        return id.type() == Identity.Type.DNS ? new GeneralName(GeneralName.dNSName, id.value())
                : new GeneralName(GeneralName.iPAddress, new DEROctetString(id.address().getAddress()));
    }

    private static GeneralName uri(String u) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, u);
    }
}
