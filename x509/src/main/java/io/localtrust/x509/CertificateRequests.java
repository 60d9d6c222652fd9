package io.localtrust.x509;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Makes PKCS#10 certificate requests (RFC 2986), as a device does at onboarding. Only the key
 * and a common name go in: the authority takes names from the approved identities, not the CSR.
 */
public final class CertificateRequests {
    private CertificateRequests() {
    }

    /** A DER CSR for {@code key}, signed with it (SHA-256/384 ECDSA, SHA-256 RSA, or Ed25519). */
    public static byte[] create(KeyPair key, String commonName) {
        String alg = SignatureAlgorithms.forKey(key.getPublic());
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        try {
            return new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic())
                    .build(new JcaContentSignerBuilder(alg).setProvider(BouncyCastle.provider()).build(key.getPrivate()))
                    .getEncoded();
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a certificate request: " + e.getMessage(), e);
        }
    }

    /**
     * A DER CSR for these names (subjectAltName in an extensionRequest, RFC 8555 §7.4: the names
     * an ACME order is for), signed by {@code privateKey} through {@code provider} when given (a PKCS#11
     * token's: the key never leaves it), carrying {@code challengePassword} (PKCS#9, RFC 2985
     * §5.4.1) when given: the one-time pairing code a device shows its owner, bound by the CSR's
     * signature to the device key.
     */
    public static byte[] create(PrivateKey privateKey, PublicKey publicKey, Optional<Provider> provider, List<String> dnsNames,
                                List<String> ipAddresses, Optional<String> challengePassword, String signatureAlgorithm) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, dnsNames.isEmpty() ? "device" : dnsNames.get(0)).build();
        try {
            var builder = new JcaPKCS10CertificationRequestBuilder(subject, publicKey);
            List<GeneralName> sans = new ArrayList<>();
            dnsNames.forEach(n -> sans.add(new GeneralName(GeneralName.dNSName, n)));
            ipAddresses.forEach(a -> sans.add(new GeneralName(GeneralName.iPAddress, a)));
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(new GeneralName[0])));
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
            challengePassword.ifPresent(p -> builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword,
                    new DERUTF8String(p)));
            JcaContentSignerBuilder signer = new JcaContentSignerBuilder(signatureAlgorithm);
            provider.ifPresent(signer::setProvider);
            return builder.build(signer.build(privateKey)).getEncoded();
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a certificate request: " + e.getMessage(), e);
        }
    }

    /**
     * The challengePassword of a DER CSR, if it carries one (a device's pairing code). Does not
     * check the CSR's signature: the authority does that before anything is issued.
     *
     * @throws CertificateParseException not a PKCS#10 request
     */
    public static Optional<String> challengePassword(byte[] csrDer) throws CertificateParseException {
        try {
            for (Attribute a : new PKCS10CertificationRequest(csrDer).getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword)) {
                for (ASN1Encodable v : a.getAttributeValues()) {
                    if (v instanceof ASN1String text) {
                        return Optional.of(text.getString());
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new CertificateParseException("not a PKCS#10 certificate request (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The dev-id of the key a DER CSR is for (its SubjectPublicKeyInfo, DESIGN.md §1b).
     *
     * @throws CertificateParseException not a PKCS#10 request
     */
    public static String devId(byte[] csrDer) throws CertificateParseException {
        try {
            return Digests.devId(new PKCS10CertificationRequest(csrDer).getSubjectPublicKeyInfo().getEncoded());
        } catch (IOException | RuntimeException e) {
            throw new CertificateParseException("not a PKCS#10 certificate request (" + e.getClass().getSimpleName() + ")");
        }
    }
}
