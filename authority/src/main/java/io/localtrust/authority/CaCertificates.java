package io.localtrust.authority;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import io.localtrust.x509.Oids;
import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * The CA's own certificates: a self-signed root (path length 1) and the online issuing
 * intermediate (path length 0), both name-constrained, with the key usages, key identifiers and
 * extended key usages of a real CA (EKU on the intermediate limits it to serverAuth and
 * id-kp-localDevice, which Chrome checks on intermediates).
 */
final class CaCertificates {
    static final Duration ROOT_LIFETIME = Duration.ofDays(20 * 365);
    static final Duration INTERMEDIATE_LIFETIME = Duration.ofDays(5 * 365);

    private CaCertificates() {
    }

    static X500Name caName(String gatewayName, String role) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, gatewayName)
                .addRDN(BCStyle.CN, gatewayName + " " + role).build();
    }

    /** The self-signed root for {@code rootKey}, signed through its provider. */
    static Cert root(GatewayConfig config, SigningKey rootKey, Instant now, SecureRandom random) {
        X500Name name = caName(config.name(), "Root CA");
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(name, serial(random),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(ROOT_LIFETIME)), name,
                    SubjectPublicKeyInfo.getInstance(rootKey.publicKey().getEncoded()));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(rootKey.publicKey()));
            b.addExtension(Extension.nameConstraints, true, config.names().toExtension());
            return sign(b, rootKey, config, random);
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build the root certificate", e);
        }
    }

    /** The issuing CA's certificate for {@code intermediateKey}, signed by the root key through its provider. */
    static Cert intermediate(GatewayConfig config, Cert root, SigningKey rootKey, PublicKey intermediateKey,
                             Instant now, SecureRandom random) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(caName(config.name(), "Root CA"), serial(random),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(INTERMEDIATE_LIFETIME)),
                    caName(config.name(), "Issuing CA"),
                    SubjectPublicKeyInfo.getInstance(intermediateKey.getEncoded()));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign
                    | KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, LeafProfile.ekus(config));
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(intermediateKey));
            b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(rootKey.publicKey()));
            b.addExtension(Extension.nameConstraints, true, config.names().toExtension());
            b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription(
                    X509ObjectIdentifiers.id_ad_caIssuers, new GeneralName(GeneralName.uniformResourceIdentifier, config.rootUrl()))));
            // the root's CRL (root.crl, signed at init and by revoke-intermediate): where a replaced issuing CA is revoked
            b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, config.rootCrlUrl()))), null, null)}));
            return sign(b, rootKey, config, random);
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build the intermediate certificate", e);
        }
    }

    /** 128 random bits, positive (RFC 5280 §4.1.2.2 allows up to 20 octets). */
    static BigInteger serial(SecureRandom random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        BigInteger s = new BigInteger(1, b);
        return s.signum() == 0 ? BigInteger.ONE : s;
    }


    private static Cert sign(X509v3CertificateBuilder b, SigningKey key, GatewayConfig config, SecureRandom random) {
        try {
            byte[] der = b.build(key.contentSigner(random)).getEncoded();
            return new CertificateReader().parseDer(der);
        } catch (IOException | OperatorCreationException | CertificateParseException e) {
            throw new IllegalStateException("cannot sign a CA certificate for " + config.name(), e);
        }
    }
}
