package io.localtrust.acme;

import io.localtrust.locality.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The names a finalize CSR asks for must be exactly the order's identifiers (RFC 8555 §7.4):
 * its SAN dNSNames and iPAddresses, and its subject CN if any (which must be one of them). The
 * authority checks the CSR's signature and key; this checks only that it matches the order.
 */
final class CsrNames {
    private CsrNames() {
    }

    static void requireSameIdentifiers(byte[] der, List<Docs.Identifier> order) throws AcmeProblem {
        PKCS10CertificationRequest csr;
        Set<Docs.Identifier> asked = new HashSet<>();
        String cn = null;
        try {
            csr = new PKCS10CertificationRequest(der);
            for (RDN rdn : csr.getSubject().getRDNs(BCStyle.CN)) {
                cn = IETFUtils.valueToString(rdn.getFirst().getValue());
            }
            for (Attribute a : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
                Extensions exts = Extensions.getInstance(a.getAttrValues().getObjectAt(0));
                Extension san = exts.getExtension(Extension.subjectAlternativeName);
                if (san == null) {
                    continue;
                }
                for (GeneralName n : GeneralNames.getInstance(san.getParsedValue()).getNames()) {
                    asked.add(identifier(n));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new AcmeProblem(AcmeError.BAD_CSR, "the CSR does not parse as PKCS#10 with a subjectAltName request");
        }
        Set<Docs.Identifier> ordered = new HashSet<>(order);
        if (cn != null) {
            Docs.Identifier fromCn = Addresses.literal(cn).map(ip -> new Docs.Identifier("ip", Addresses.text(ip)))
                    .orElse(new Docs.Identifier("dns", cn.toLowerCase(Locale.ROOT)));
            if (!ordered.contains(fromCn)) {
                throw new AcmeProblem(AcmeError.BAD_CSR, "the CSR's common name '" + AcmeServer.printable(cn)
                        + "' is not one of the order's identifiers");
            }
        }
        if (!asked.equals(ordered)) {
            throw new AcmeProblem(AcmeError.BAD_CSR, "the CSR asks for " + describe(asked) + " but the order is for "
                    + describe(ordered) + ": they must be the same");
        }
    }

    private static Docs.Identifier identifier(GeneralName n) throws AcmeProblem {
        if (n.getTagNo() == GeneralName.dNSName) {
            return new Docs.Identifier("dns", n.getName().toString().toLowerCase(Locale.ROOT));
        }
        if (n.getTagNo() == GeneralName.iPAddress) {
            try {
                InetAddress a = InetAddress.getByAddress(ASN1OctetString.getInstance(n.getName()).getOctets());
                return new Docs.Identifier("ip", Addresses.text(a));
            } catch (UnknownHostException e) {
                throw new AcmeProblem(AcmeError.BAD_CSR, "the CSR holds an iPAddress of the wrong length");
            }
        }
        throw new AcmeProblem(AcmeError.BAD_CSR, "the CSR asks for a kind of name ACME cannot validate (GeneralName tag "
                + n.getTagNo() + ")");
    }

    private static String describe(Set<Docs.Identifier> ids) {
        return ids.isEmpty() ? "no names" : ids.stream().map(Docs.Identifier::value).sorted().toList().toString();
    }
}
