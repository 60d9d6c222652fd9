package io.localtrust.acme.validation;

import io.localtrust.acme.Printable;
import io.localtrust.acme.AcmeError;
import io.localtrust.acme.AcmeProblem;
import io.localtrust.locality.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The checks RFC 8737 §3 puts on a tls-alpn-01 certificate (and RFC 8738 §6 for ip identifiers):
 * a subjectAltName with exactly one entry, the identifier (a dNSName, compared without regard to
 * ASCII case or a final dot, or an iPAddress); and a critical acmeIdentifier extension whose value is an OCTET STRING
 * holding SHA-256 of the key authorization, compared in constant time. Its chain, validity and
 * issuer are not checked: the certificate is self-signed by design.
 *
 * <p>Bouncy Castle stays inside this class. Failures are {@code incorrectResponse} problems.
 */
final class AcmeTlsCertificate {
    /** id-pe-acmeIdentifier (RFC 8737 §6.1). */
    static final String ACME_IDENTIFIER_OID = "1.3.6.1.5.5.7.1.31";
    private static final ASN1ObjectIdentifier ACME_IDENTIFIER = new ASN1ObjectIdentifier(ACME_IDENTIFIER_OID);

    private AcmeTlsCertificate() {
    }

    /** Checks the DER certificate a device presented for {@code target}. */
    static void check(byte[] der, ValidationTarget target, String keyAuthorization, String from) throws AcmeProblem {
        X509CertificateHolder cert;
        try {
            cert = new X509CertificateHolder(der);
        } catch (IOException | RuntimeException e) {
            throw wrong(from + " presented a certificate that cannot be parsed");
        }
        checkSubjectAltName(cert, target, from);
        checkAcmeIdentifier(cert, keyAuthorization, from);
    }

    private static void checkSubjectAltName(X509CertificateHolder cert, ValidationTarget target, String from)
            throws AcmeProblem {
        String expected = (target.type() == IdentifierType.IP ? "iPAddress " : "dNSName ") + target.identifier();
        Extension san = cert.getExtension(Extension.subjectAlternativeName);
        if (san == null) {
            throw wrong(from + " presented a certificate without subjectAltName; it must name exactly " + expected);
        }
        GeneralName[] names;
        try {
            names = GeneralNames.getInstance(san.getParsedValue()).getNames();
        } catch (RuntimeException e) {
            throw wrong(from + " presented a certificate whose subjectAltName cannot be parsed");
        }
        if (names.length != 1 || !matches(names[0], target)) {
            throw wrong(from + " presented a certificate for " + describe(names) + "; it must name exactly "
                    + expected + " (RFC 8737 §3)");
        }
    }

    private static boolean matches(GeneralName name, ValidationTarget target) {
        if (target.type() == IdentifierType.DNS) {
            return name.getTagNo() == GeneralName.dNSName
                    && target.isIdentifier(ASN1IA5String.getInstance(name.getName()).getString());
        }
        InetAddress expected = Addresses.unmapped(target.address());
        return name.getTagNo() == GeneralName.iPAddress
                && Arrays.equals(ASN1OctetString.getInstance(name.getName()).getOctets(), expected.getAddress());
    }

    private static void checkAcmeIdentifier(X509CertificateHolder cert, String keyAuthorization, String from)
            throws AcmeProblem {
        Extension ext = cert.getExtension(ACME_IDENTIFIER);
        if (ext == null) {
            throw wrong(from + " presented a certificate without the acmeIdentifier extension ("
                    + ACME_IDENTIFIER_OID + "); it is the proof tls-alpn-01 asks for (RFC 8737 §3)");
        }
        if (!ext.isCritical()) {
            throw wrong(from + " presented a certificate whose acmeIdentifier extension is not critical; RFC 8737 §3 requires it to be");
        }
        byte[] digest;
        try {
            byte[] encoded = ext.getExtnValue().getOctets();
            ASN1Primitive value = ASN1Primitive.fromByteArray(encoded);
            if (!(value instanceof ASN1OctetString octets) || !Arrays.equals(value.getEncoded(ASN1Encoding.DER), encoded)) {
                throw new IOException("not a DER OCTET STRING");
            }
            digest = octets.getOctets();
        } catch (IOException e) {
            throw wrong(from + " presented an acmeIdentifier extension that is not a DER OCTET STRING");
        }
        if (!KeyAuthorization.matchesDigest(keyAuthorization, digest)) {
            throw wrong(from + " presented an acmeIdentifier extension that is not SHA-256 of this challenge's key authorization");
        }
    }

    private static String describe(GeneralName[] names) {
        if (names.length == 0) {
            return "no names";
        }
        List<String> out = new ArrayList<>();
        for (GeneralName n : names) {
            out.add(switch (n.getTagNo()) {
                case GeneralName.dNSName -> "dNSName " + Printable.prefix(ASN1IA5String.getInstance(n.getName()).getString(), 80);
                case GeneralName.iPAddress -> "iPAddress " + ip(ASN1OctetString.getInstance(n.getName()).getOctets());
                default -> "a name of type " + n.getTagNo();
            });
        }
        return String.join(", ", out);
    }

    private static String ip(byte[] raw) {
        try {
            return Addresses.text(InetAddress.getByAddress(raw));
        } catch (IOException e) {
            return "(" + raw.length + " bytes)";
        }
    }

    private static AcmeProblem wrong(String detail) {
        return new AcmeProblem(AcmeError.INCORRECT_RESPONSE, detail);
    }
}
