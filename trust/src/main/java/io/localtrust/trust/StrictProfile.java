package io.localtrust.trust;

import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The certificate profile checks a strict verifier adds to path validation: RFC 5280 §4.2's
 * MUST-level rules (key identifiers, critical basicConstraints in CAs, name constraints only in
 * CAs and critical, a critical subjectAltName when the subject is empty, well-formed dNSNames,
 * positive serials of at most 20 octets) and the CA/Browser Forum's web PKI rules (an explicit
 * serverAuth EKU, non-critical, on the leaf; no EKU on a root; a leaf is not a CA; RSA, ECDSA
 * P-256/384/521 keys and SHA-2 signatures only — plus Ed25519, which a gateway CA may use). On by default; PKITS and Chromium's suites
 * describe RFC 5280 without this profile, and their harnesses turn it off.
 */
final class StrictProfile {
    /** Where a certificate sits on the path. */
    enum Position { ANCHOR, INTERMEDIATE, LEAF, TRUSTED_LEAF }

    /** Ed25519 (RFC 8410): not in the CA/B Forum's list, but a gateway may make its CA with it (docs/gateway.md). */
    private static final String ED25519 = "1.3.101.112";
    private static final Set<String> SIGNATURES = Set.of(
            "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13", // RSA PKCS#1 SHA-2
            "1.2.840.113549.1.1.10", // RSASSA-PSS
            "1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4", // ECDSA SHA-2
            ED25519);
    private static final Set<String> CURVES = Set.of("1.2.840.10045.3.1.7", "1.3.132.0.34", "1.3.132.0.35");
    private static final ASN1ObjectIdentifier RSA = new ASN1ObjectIdentifier("1.2.840.113549.1.1.1");

    private StrictProfile() {
    }

    static Optional<Failure> check(Node node, Position pos) {
        Extension aki = ext(node, Extension.authorityKeyIdentifier);
        Extension ski = ext(node, Extension.subjectKeyIdentifier);
        Extension bc = ext(node, Extension.basicConstraints);
        Extension nc = ext(node, Extension.nameConstraints);
        Extension san = ext(node, Extension.subjectAlternativeName);
        Extension eku = ext(node, Extension.extendedKeyUsage);
        if (pos != Position.ANCHOR) {
            BigInteger serial = node.cert.serial();
            if (serial.signum() <= 0 || serial.toByteArray().length > 20) {
                return fail(node, "serial number must be positive and at most 20 octets (RFC 5280 §4.1.2.2)");
            }
        }
        if (pos == Position.TRUSTED_LEAF) {
            if (!node.selfIssued && (aki == null || node.authorityKeyId.isEmpty() || node.authorityKeyId.get() == null)) {
                return fail(node, "no authorityKeyIdentifier with a keyIdentifier (RFC 5280 §4.2.1.1)");
            }
            pos = Position.LEAF;
        } else if (pos != Position.ANCHOR) {
            if (!SIGNATURES.contains(node.asn1.getSignatureAlgorithm().getAlgorithm().getId())) {
                return fail(node, "signature algorithm " + node.cert.signatureAlgorithm() + " is not allowed in the web PKI");
            }
            if (aki == null || node.authorityKeyId.isEmpty() || node.authorityKeyId.get() == null) {
                return fail(node, "no authorityKeyIdentifier with a keyIdentifier (RFC 5280 §4.2.1.1)");
            }
        } else if (aki == null && !node.selfIssued) {
            return fail(node, "a cross-signed anchor needs an authorityKeyIdentifier (RFC 5280 §4.2.1.1)");
        } else if (aki != null) {
            AuthorityKeyIdentifier a = AuthorityKeyIdentifier.getInstance(aki.getParsedValue());
            if (a.getKeyIdentifierOctets() == null || a.getAuthorityCertIssuer() != null || a.getAuthorityCertSerialNumber() != null
                    || node.subjectKeyId.isEmpty()
                    || !java.util.Arrays.equals(a.getKeyIdentifierOctets(), node.subjectKeyId.get())) {
                return fail(node, "a root's authorityKeyIdentifier must be its subjectKeyIdentifier alone");
            }
        }
        if ((aki != null && aki.isCritical()) || (ski != null && ski.isCritical())) {
            return fail(node, "key identifier extensions must not be critical (RFC 5280 §4.2.1.1-2)");
        }
        if (!keyAllowed(node.asn1.getSubjectPublicKeyInfo())) {
            return fail(node, "public key type is not allowed (RSA, ECDSA P-256/384/521, Ed25519)");
        }
        if (pos == Position.LEAF) {
            if (node.isCa() && node.keyUsage != null
                    && !node.keyUsage.hasUsages(org.bouncycastle.asn1.x509.KeyUsage.keyCertSign)) {
                // A CA certificate may end a path (RFC 5280 §4.2.1.9 note); a subscriber certificate
                // claiming cA without keyCertSign is what CABF 7.1.2.7.8 forbids.
                return fail(node, "a subscriber certificate must not assert basicConstraints cA");
            }
            if (nc != null) {
                return fail(node, "nameConstraints in an end-entity certificate (RFC 5280 §4.2.1.10)");
            }
            if (node.keyUsage != null && node.keyUsage.hasUsages(org.bouncycastle.asn1.x509.KeyUsage.keyCertSign)
                    && !node.isCa()) {
                return fail(node, "keyCertSign asserted without basicConstraints cA (RFC 5280 §4.2.1.3)");
            }
            if (eku != null && eku.isCritical()) {
                return fail(node, "extendedKeyUsage must not be critical in the web PKI");
            }
            if (node.ekus != null && node.ekus.contains(io.localtrust.x509.Oids.ANY_EKU)) {
                return fail(node, "anyExtendedKeyUsage in a subscriber certificate (CABF 7.1.2.7.10)");
            }
        } else {
            if (bc == null || !bc.isCritical()) {
                return fail(node, "a CA certificate needs a critical basicConstraints (RFC 5280 §4.2.1.9)");
            }
            if (ski == null) {
                return fail(node, "a CA certificate needs a subjectKeyIdentifier (RFC 5280 §4.2.1.2)");
            }
            if (nc != null && !nc.isCritical()) {
                return fail(node, "nameConstraints must be critical (RFC 5280 §4.2.1.10)");
            }
            if (pos == Position.ANCHOR && eku != null) {
                return fail(node, "a root must not carry extendedKeyUsage in the web PKI");
            }
        }
        if (san != null) {
            boolean emptySubject = node.subject.getRDNs().length == 0;
            if (emptySubject != san.isCritical()) {
                return fail(node, emptySubject ? "subjectAltName must be critical when the subject is empty"
                        : "subjectAltName must not be critical when the subject is not empty");
            }
            if (node.subjectAltNames != null) {
                for (GeneralName g : node.subjectAltNames.getNames()) {
                    if (g.getTagNo() == GeneralName.dNSName && !(g.getName() instanceof ASN1String s && wellFormedDns(s.getString()))) {
                        return fail(node, "malformed dNSName in subjectAltName");
                    }
                }
            }
        } else if (node.subject.getRDNs().length == 0 && pos == Position.LEAF) {
            return fail(node, "neither a subject nor a subjectAltName");
        }
        return Optional.empty();
    }

    static boolean wellFormedDns(String name) {
        String n = name.startsWith("*.") ? name.substring(2) : name;
        if (n.isEmpty() || n.length() > 253) {
            return false;
        }
        for (String label : n.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean keyAllowed(SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier alg = key.getAlgorithm().getAlgorithm();
        if (alg.equals(RSA) || alg.getId().equals(ED25519)) {
            return true;
        }
        if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return key.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve && CURVES.contains(curve.getId());
        }
        return false;
    }

    private static Extension ext(Node node, ASN1ObjectIdentifier oid) {
        return node.extensions == null ? null : node.extensions.getExtension(oid);
    }

    private static Optional<Failure> fail(Node node, String what) {
        return Optional.of(Failure.of(Reason.PROFILE, node, what));
    }
}
