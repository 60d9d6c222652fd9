package io.localtrust.x509;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds arbitrary certificates — good, bad and shared — for the demo, tests and benchmarks.
 *
 * <p>This is not a CA: it applies no policy and will happily make a 1024-bit, SHA-1, ten-year,
 * SAN-less certificate, because localtrust must show what such certificates look like. The
 * gateway's authority (its own module) issues real certificates under a profile.
 */
public final class CertificateMaker {

    /** A certificate with the key pair that made it; the private key stays in memory. */
    public record Made(Cert cert, KeyPair keyPair) {
        public Made {
            Objects.requireNonNull(cert, "cert");
            Objects.requireNonNull(keyPair, "keyPair");
        }

        @Override
        public String toString() {
            return "Made[" + cert + "]"; // never the key
        }
    }

    /** Reads back what was made without the untrusted-input limits: oversized samples are the point. */
    private static final CertificateReader UNBOUNDED = new CertificateReader(new CertificateReader.Limits(
            Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));

    private final SecureRandom random;
    private final Instant now;
    private String commonName = "device";
    private String organization;
    private KeyPair keyPair;
    private KeyKind keyKind = KeyKind.EC_P256;
    private Made issuer;
    private String signatureAlgorithm;
    private Instant notBefore;
    private Duration lifetime = Duration.ofDays(90);
    private final List<GeneralName> sans = new ArrayList<>();
    private final List<KeyPurposeId> ekus = new ArrayList<>();
    private boolean ca;
    private Integer pathLength;
    private String ocspUrl;
    private String crlUrl;
    private final List<Extension> extraExtensions = new ArrayList<>();
    private Integer keyUsageBits;
    private static final List<String> KEY_USAGE_NAMES = List.of("digitalSignature", "nonRepudiation", "keyEncipherment",
            "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign");
    private static final int[] KEY_USAGE_BITS = {KeyUsage.digitalSignature, KeyUsage.nonRepudiation,
        KeyUsage.keyEncipherment, KeyUsage.dataEncipherment, KeyUsage.keyAgreement, KeyUsage.keyCertSign, KeyUsage.cRLSign};

    private CertificateMaker(SecureRandom random, Instant now) {
        this.random = random;
        this.now = now;
    }

    /** A maker whose validity starts an hour before {@code now}. */
    public static CertificateMaker at(Instant now, SecureRandom random) {
        return new CertificateMaker(random, now);
    }

    public CertificateMaker commonName(String cn) {
        this.commonName = cn;
        return this;
    }

    public CertificateMaker organization(String o) {
        this.organization = o;
        return this;
    }

    public CertificateMaker key(KeyKind kind) {
        this.keyKind = kind;
        this.keyPair = null;
        return this;
    }

    /** Reuse an existing key pair: how a shared (non-unique) firmware certificate is made. */
    public CertificateMaker keyPair(KeyPair pair) {
        this.keyPair = pair;
        return this;
    }

    /** Signed by this issuer; without one the certificate is self-signed. */
    public CertificateMaker issuer(Made issuer) {
        this.issuer = issuer;
        return this;
    }

    public CertificateMaker signatureAlgorithm(String jcaName) {
        this.signatureAlgorithm = jcaName;
        return this;
    }

    public CertificateMaker notBefore(Instant when) {
        this.notBefore = when;
        return this;
    }

    public CertificateMaker lifetime(Duration d) {
        this.lifetime = d;
        return this;
    }

    public CertificateMaker dns(String... names) {
        for (String n : names) {
            sans.add(new GeneralName(GeneralName.dNSName, n));
        }
        return this;
    }

    public CertificateMaker ip(String... addresses) {
        for (String a : addresses) {
            if (!IpText.isLiteral(a)) {
                throw new IllegalArgumentException("not an IP literal: " + a); // never a DNS lookup
            }
            try {
                sans.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName(a).getAddress())));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP literal: " + a, e);
            }
        }
        return this;
    }

    public CertificateMaker serverAuth() {
        ekus.add(KeyPurposeId.id_kp_serverAuth);
        return this;
    }

    public CertificateMaker localDevice() {
        ekus.add(KeyPurposeId.getInstance(new ASN1ObjectIdentifier(Oids.KP_LOCAL_DEVICE)));
        return this;
    }

    /** id-kp-OCSPSigning: a delegated OCSP responder (RFC 6960 §4.2.2.2). */
    public CertificateMaker ocspSigning() {
        ekus.add(KeyPurposeId.id_kp_OCSPSigning);
        return this;
    }

    /**
     * The key usage bits, by name ("digitalSignature", "keyEncipherment", …), instead of the
     * default (CA: keyCertSign, cRLSign, digitalSignature; else digitalSignature, and keyEncipherment for RSA).
     */
    public CertificateMaker keyUsage(String... names) {
        int bits = 0;
        for (String n : names) {
            int i = KEY_USAGE_NAMES.indexOf(n);
            if (i < 0) {
                throw new IllegalArgumentException("no key usage named " + n);
            }
            bits |= KEY_USAGE_BITS[i];
        }
        this.keyUsageBits = bits;
        return this;
    }

    public CertificateMaker ca(Integer pathLen) {
        this.ca = true;
        this.pathLength = pathLen;
        return this;
    }

    public CertificateMaker ocspUrl(String url) {
        this.ocspUrl = url;
        return this;
    }

    public CertificateMaker crlUrl(String url) {
        this.crlUrl = url;
        return this;
    }

    /** Any extra extension (an oversized one, for the bad-input tests). */
    public CertificateMaker extension(String oid, boolean critical, byte[] value) {
        extraExtensions.add(new Extension(new ASN1ObjectIdentifier(oid), critical, new DEROctetString(value)));
        return this;
    }

    public Made make() {
        KeyPair pair = keyPair != null ? keyPair : keyKind.generate(random);
        PrivateKey signingKey = issuer == null ? pair.getPrivate() : issuer.keyPair().getPrivate();
        String sigAlg = signatureAlgorithm != null ? signatureAlgorithm : SignatureAlgorithms.forKey(signingKey);
        X500Name subject = name(commonName, organization);
        Instant start = notBefore != null ? notBefore : now.minus(Duration.ofHours(1));
        try {
            X500Name issuerName = issuer == null ? subject : X500Name.getInstance(bcName(issuer.cert()));
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuerName,
                    new BigInteger(64, random).setBit(63), Date.from(start), Date.from(start.plus(lifetime)),
                    subject, SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
            b.addExtension(Extension.basicConstraints, true, ca
                    ? (pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength))
                    : new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsageBits != null ? keyUsageBits : ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature
                    : KeyUsage.digitalSignature | (pair.getPublic().getAlgorithm().equals("RSA") ? KeyUsage.keyEncipherment : 0)));
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
            PublicKey issuerKey = issuer == null ? pair.getPublic() : issuer.keyPair().getPublic();
            b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerKey));
            if (!sans.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            if (!ekus.isEmpty()) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ekus.toArray(KeyPurposeId[]::new)));
            }
            if (ocspUrl != null) {
                b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription(
                        X509ObjectIdentifiers.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl))));
            }
            if (crlUrl != null) {
                var dp = new org.bouncycastle.asn1.x509.DistributionPoint(
                        new org.bouncycastle.asn1.x509.DistributionPointName(new GeneralNames(
                                new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl))), null, null);
                b.addExtension(Extension.cRLDistributionPoints, false,
                        new org.bouncycastle.asn1.x509.CRLDistPoint(new org.bouncycastle.asn1.x509.DistributionPoint[] {dp}));
            }
            for (Extension e : extraExtensions) {
                b.addExtension(e);
            }
            ContentSigner signer = new JcaContentSignerBuilder(sigAlg).setProvider(BouncyCastle.provider())
                    .setSecureRandom(random).build(signingKey);
            byte[] der = b.build(signer).getEncoded();
            return new Made(UNBOUNDED.parseDer(der), pair);
        } catch (IOException | OperatorCreationException | java.security.NoSuchAlgorithmException
                 | CertificateParseException e) {
            throw new IllegalStateException("cannot make certificate '" + commonName + "': " + e.getMessage(), e);
        }
    }


    private static X500Name name(String cn, String o) {
        X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
        if (o != null) {
            nb.addRDN(BCStyle.O, o);
        }
        if (cn != null) {
            nb.addRDN(BCStyle.CN, cn);
        }
        return nb.build();
    }

    private static byte[] bcName(Cert cert) throws IOException {
        return new org.bouncycastle.cert.X509CertificateHolder(cert.der()).getSubject().getEncoded();
    }

}
