package io.localtrust.trust;

import io.localtrust.x509.Cert;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.PolicyMappings;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * One certificate as path validation sees it: the parsed ASN.1 (Bouncy Castle, internal only)
 * and the extensions RFC 5280 §6 processes, each decoded once. A malformed extension does not
 * throw: it is recorded in {@link #malformed} and fails any path that uses the certificate.
 */
final class Node {
    /** Extensions path validation processes; any other critical extension fails the path. */
    private static final Set<ASN1ObjectIdentifier> KNOWN = Set.of(Extension.basicConstraints, Extension.keyUsage,
            Extension.extendedKeyUsage, Extension.subjectAlternativeName, Extension.nameConstraints,
            Extension.certificatePolicies, Extension.policyMappings, Extension.policyConstraints,
            Extension.inhibitAnyPolicy, Extension.subjectKeyIdentifier, Extension.authorityKeyIdentifier,
            Extension.cRLDistributionPoints, Extension.freshestCRL);

    private static final String MS_APPLICATION_POLICIES = "1.3.6.1.4.1.311.21.10";
    /** Policy qualifiers RFC 5280 §4.2.1.4 defines: CPS pointer and user notice. */
    private static final Set<String> QUALIFIERS = Set.of("1.3.6.1.5.5.7.2.1", "1.3.6.1.5.5.7.2.2");

    final Cert cert;
    final Certificate asn1;
    final X500Name subject;
    final X500Name issuer;
    /** {@link Names#key} of the subject and issuer. */
    final String subjectKey;
    final String issuerKey;
    final boolean selfIssued;
    final Optional<byte[]> subjectKeyId;
    final Optional<byte[]> authorityKeyId;
    /** Null when absent. */
    final BasicConstraints basicConstraints;
    /** Null when absent. */
    final KeyUsage keyUsage;
    /** Null when absent. */
    final List<String> ekus;
    /** Null when absent. */
    final GeneralNames subjectAltNames;
    /** Null when absent. */
    final NameConstraints nameConstraints;
    /** Null when absent. */
    final CertificatePolicies policies;
    /** Null when absent. */
    final PolicyMappings policyMappings;
    /** Null when absent. */
    final PolicyConstraints policyConstraints;
    /** -1 when absent. */
    final int inhibitAnyPolicy;
    final Extensions extensions;
    final List<String> unknownCritical;
    /** Why the certificate cannot be used; empty when it can. */
    final Optional<String> malformed;

    private Node(Cert cert) {
        this.cert = cert;
        this.asn1 = Certificate.getInstance(cert.der());
        this.subject = asn1.getSubject();
        this.issuer = asn1.getIssuer();
        this.subjectKey = Names.key(subject);
        this.issuerKey = Names.key(issuer);
        this.selfIssued = subjectKey.equals(issuerKey);
        List<String> problems = new ArrayList<>();
        Extensions ext = null;
        try {
            ext = asn1.getTBSCertificate().getExtensions();
        } catch (RuntimeException e) {
            problems.add("extensions: " + e.getMessage());
        }
        this.extensions = ext;
        this.subjectKeyId = Optional.ofNullable(parse(ext, Extension.subjectKeyIdentifier, problems,
                v -> SubjectKeyIdentifier.getInstance(v).getKeyIdentifier()));
        this.authorityKeyId = Optional.ofNullable(parse(ext, Extension.authorityKeyIdentifier, problems,
                v -> AuthorityKeyIdentifier.getInstance(v).getKeyIdentifierOctets()));
        this.basicConstraints = parse(ext, Extension.basicConstraints, problems, BasicConstraints::getInstance);
        this.keyUsage = parse(ext, Extension.keyUsage, problems, KeyUsage::getInstance);
        this.ekus = parse(ext, Extension.extendedKeyUsage, problems, v -> {
            List<String> oids = new ArrayList<>();
            for (KeyPurposeId id : ExtendedKeyUsage.getInstance(v).getUsages()) {
                oids.add(id.getId());
            }
            if (oids.isEmpty()) {
                throw new IllegalArgumentException("empty extendedKeyUsage");
            }
            return List.copyOf(oids);
        });
        this.subjectAltNames = parse(ext, Extension.subjectAlternativeName, problems, v -> {
            GeneralNames names = GeneralNames.getInstance(v);
            if (names.getNames().length == 0) {
                throw new IllegalArgumentException("empty subjectAltName");
            }
            return names;
        });
        this.nameConstraints = parse(ext, Extension.nameConstraints, problems, v -> {
            NameConstraints nc = NameConstraints.getInstance(v);
            if (nc.getPermittedSubtrees() == null && nc.getExcludedSubtrees() == null) {
                throw new IllegalArgumentException("nameConstraints with neither permitted nor excluded subtrees");
            }
            return nc;
        });
        this.policies = parse(ext, Extension.certificatePolicies, problems, CertificatePolicies::getInstance);
        if (policies != null && ext.getExtension(Extension.certificatePolicies).isCritical()) {
            for (org.bouncycastle.asn1.x509.PolicyInformation info : policies.getPolicyInformation()) {
                org.bouncycastle.asn1.ASN1Sequence qs = info.getPolicyQualifiers();
                for (int k = 0; qs != null && k < qs.size(); k++) {
                    String q = org.bouncycastle.asn1.x509.PolicyQualifierInfo.getInstance(qs.getObjectAt(k))
                            .getPolicyQualifierId().getId();
                    if (!QUALIFIERS.contains(q)) {
                        problems.add("critical certificatePolicies with unknown qualifier " + q);
                    }
                }
            }
        }
        this.policyMappings = parse(ext, Extension.policyMappings, problems, PolicyMappings::getInstance);
        this.policyConstraints = parse(ext, Extension.policyConstraints, problems, v -> {
            PolicyConstraints pc = PolicyConstraints.getInstance(v);
            if (ASN1Sequence.getInstance(v).size() == 0) {
                throw new IllegalArgumentException("empty policyConstraints");
            }
            return pc;
        });
        Integer inhibit = parse(ext, Extension.inhibitAnyPolicy, problems,
                v -> ASN1Integer.getInstance(v).intValueExact());
        this.inhibitAnyPolicy = inhibit == null ? -1 : inhibit;
        List<String> unknown = new ArrayList<>();
        Set<ASN1ObjectIdentifier> seen = new HashSet<>();
        if (ext != null) {
            for (ASN1ObjectIdentifier oid : ext.getExtensionOIDs()) {
                if (!seen.add(oid)) {
                    problems.add("extension " + oid + " repeated");
                }
                boolean consumed = KNOWN.contains(oid)
                        // Chrome: Microsoft application policies are consumed when an EKU is present.
                        || (oid.getId().equals(MS_APPLICATION_POLICIES) && ext.getExtension(Extension.extendedKeyUsage) != null);
                if (ext.getExtension(oid).isCritical() && !consumed) {
                    unknown.add(oid.getId());
                }
            }
        }
        this.unknownCritical = List.copyOf(unknown);
        if (!asn1.getSignatureAlgorithm().equals(asn1.getTBSCertificate().getSignature())) {
            problems.add("signatureAlgorithm differs from the TBS signature field");
        }
        this.malformed = problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    static Node of(Cert cert) {
        return new Node(cert);
    }

    boolean isCa() {
        return basicConstraints != null && basicConstraints.isCA();
    }

    boolean hasKeyUsage(int bit) {
        return keyUsage == null || keyUsage.hasUsages(bit);
    }

    /** Whether this certificate's subject names the child's issuer (RFC 5280 §7.1 comparison). */
    boolean couldIssue(Node child) {
        return subjectKey.equals(child.issuerKey);
    }

    /** 0 when the child's authorityKeyIdentifier names this key, 1 when unknown, 2 when it names another. */
    int keyIdRank(Node child) {
        if (child.authorityKeyId.isEmpty() || child.authorityKeyId.get() == null || subjectKeyId.isEmpty()) {
            return 1;
        }
        return Arrays.equals(child.authorityKeyId.get(), subjectKeyId.get()) ? 0 : 2;
    }

    String label() {
        return cert.label();
    }

    @FunctionalInterface
    private interface Decoder<T> {
        T decode(ASN1Encodable value);
    }

    private static <T> T parse(Extensions ext, ASN1ObjectIdentifier oid, List<String> problems, Decoder<T> decoder) {
        if (ext == null) {
            return null;
        }
        Extension e = ext.getExtension(oid);
        if (e == null) {
            return null;
        }
        try {
            return decoder.decode(e.getParsedValue());
        } catch (RuntimeException ex) {
            problems.add("malformed extension " + oid + " (" + ex.getMessage() + ")");
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Node n && n.cert.equals(cert);
    }

    @Override
    public int hashCode() {
        return cert.hashCode();
    }

    @Override
    public String toString() {
        return "Node[" + cert.subject() + "]";
    }
}
