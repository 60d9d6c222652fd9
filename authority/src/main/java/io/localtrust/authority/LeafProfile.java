package io.localtrust.authority;

import io.localtrust.x509.Cert;
import io.localtrust.x509.Oids;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
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
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * The device certificate profile (DESIGN.md §3): 128-bit random serial, the configured lifetime,
 * KU digitalSignature (+ keyEncipherment for RSA), EKU serverAuth + id-kp-localDevice, SANs from
 * the approved identities only, AIA (OCSP, caIssuers), CRL DP, AKI and SKI. Subject CN is the
 * first DNS identity; an IP-only device gets an empty subject and a critical SAN (RFC 5280
 * §4.2.1.6), because verifiers that read the CN would check an IP-shaped CN as a DNS name
 * against the name constraints.
 */
final class LeafProfile {
    private final GatewayConfig config;
    private final X500Name issuerName;
    private final String crlUrl;
    private final AuthorityKeyIdentifier aki;
    private final SigningKey issuingKey;
    private final String signatureAlgorithm;
    private final AlgorithmIdentifier signatureAlgorithmId;

    LeafProfile(GatewayConfig config, Cert intermediate, SigningKey issuingKey) {
        this(config, intermediate, issuingKey.publicKey(), issuingKey);
    }

    LeafProfile(GatewayConfig config, Cert intermediate, PublicKey intermediatePublic, SigningKey issuingKey) {
        this.config = config;
        this.issuingKey = issuingKey;
        this.signatureAlgorithm = issuingKey.signatureAlgorithm();
        this.signatureAlgorithmId = new org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder()
                .find(signatureAlgorithm);
        try {
            this.issuerName = new X509CertificateHolder(intermediate.der()).getSubject();
            this.crlUrl = config.crlUrl(intermediate.serial());
            this.aki = new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(intermediatePublic);
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the issuing certificate cannot be read", e);
        }
    }

    /** The certificate to be, not yet signed. */
    X509v3CertificateBuilder builder(SubjectPublicKeyInfo spki, boolean rsa, List<Identity> ids, BigInteger serial,
                                     Instant now) {
        try {
            String firstDns = ids.stream().filter(i -> i.type() == Identity.Type.DNS).map(Identity::value).findFirst().orElse(null);
            X500Name subject = firstDns == null ? new X500Name(new org.bouncycastle.asn1.x500.RDN[0])
                    : new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, firstDns).build();
            Instant notBefore = now.minusSeconds(60); // tolerate small clock skew on the device
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuerName, serial, Date.from(notBefore),
                    Date.from(notBefore.plus(config.leafLifetime()).minusSeconds(1)), subject, spki);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | (rsa ? KeyUsage.keyEncipherment : 0)));
            b.addExtension(Extension.extendedKeyUsage, false, LeafProfile.ekus(config));
            b.addExtension(Extension.subjectAlternativeName, firstDns == null, new GeneralNames(
                    ids.stream().map(LeafProfile::generalName).toArray(GeneralName[]::new)));
            b.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(spki));
            b.addExtension(Extension.authorityKeyIdentifier, false, aki);
            b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
                new AccessDescription(X509ObjectIdentifiers.id_ad_ocsp, uri(config.ocspUrl())),
                new AccessDescription(X509ObjectIdentifiers.id_ad_caIssuers, uri(config.intermediateUrl()))}));
            b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(new GeneralNames(uri(crlUrl))), null, null)}));
            return b;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build the device certificate", e);
        }
    }

    /** Signs for real with the issuing key, through the provider that holds it. */
    byte[] sign(X509v3CertificateBuilder b, SecureRandom random) {
        try {
            return b.build(issuingKey.contentSigner(random)).getEncoded();
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /**
     * The same certificate with an empty signature: what the linter reads before anything is
     * signed (Boulder lints a throwaway certificate first; this costs no signature at all).
     */
    byte[] unsigned(X509v3CertificateBuilder b) {
        try {
            return b.build(new ContentSigner() {
                @Override
                public AlgorithmIdentifier getAlgorithmIdentifier() {
                    return signatureAlgorithmId;
                }

                @Override
                public OutputStream getOutputStream() {
                    return OutputStream.nullOutputStream();
                }

                @Override
                public byte[] getSignature() {
                    return new byte[0];
                }
            }).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the certificate for linting", e);
        }
    }

    /** serverAuth, and id-kp-localDevice when the gateway's configuration names one (CAs and leaves alike). */
    static ExtendedKeyUsage ekus(GatewayConfig config) {
        return new ExtendedKeyUsage(config.localDeviceEku()
                .map(oid -> new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid))})
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
