package io.localtrust.x509;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Decides who signed a basic OCSP response (RFC 6960 §4.2.2.2), the way mozilla::pkix does: the
 * ResponderID (byName or byKey) picks the signer — the issuer when it names the issuer, else a
 * certificate the response carries that it names — and then:
 * <ul>
 *   <li>the issuer: the response's signature verifies with its key;</li>
 *   <li>a delegated responder: issued by the issuer (its name and signature), id-kp-OCSPSigning in its
 *       extended key usage, digitalSignature in its key usage when it has one, valid at the decision
 *       time and at the response's producedAt, and the response's signature verifies with its key.</li>
 * </ul>
 * A response whose ResponderID names no candidate, or whose named signer fails a check, has no
 * acceptable signer: it says nothing about the certificate, whatever its status field says.
 */
final class OcspSignerCheck {
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String OCSP_NOCHECK = "1.3.6.1.5.5.7.48.1.5";

    private OcspSignerCheck() {
    }

    static OcspSigner check(BasicOCSPResp basic, X509CertificateHolder issuer, Cert issuerCert, Instant at) {
        ResponderID id = basic.getResponderId().toASN1Primitive();
        Instant produced = basic.getProducedAt().toInstant();
        List<String> problems = new ArrayList<>();
        if (names(id, issuer)) {
            if (verifies(basic, issuer)) {
                return OcspSigner.issuer();
            }
            problems.add("its signature does not verify with the key of '" + issuerCert.label() + "'");
        }
        for (X509CertificateHolder candidate : basic.getCerts()) {
            if (!names(id, candidate) || candidate.equals(issuer)) {
                continue;
            }
            Optional<Cert> responder = parse(candidate);
            if (responder.isEmpty()) {
                problems.add("the responder certificate it carries is malformed");
                continue;
            }
            Optional<String> problem = delegationProblem(basic, candidate, responder.get(), issuer, issuerCert, at, produced);
            if (problem.isEmpty()) {
                return OcspSigner.delegated(responder.get(), responder.get().extensions().stream()
                        .anyMatch(e -> e.oid().equals(OCSP_NOCHECK)));
            }
            problems.add(problem.get());
        }
        if (problems.isEmpty()) {
            return OcspSigner.refused("its ResponderID (" + describe(id) + ") names neither '" + issuerCert.label()
                    + "' nor a responder certificate the response carries");
        }
        return OcspSigner.refused(String.join("; ", problems));
    }

    private static Optional<String> delegationProblem(BasicOCSPResp basic, X509CertificateHolder holder, Cert responder,
                                                      X509CertificateHolder issuer, Cert issuerCert, Instant at,
                                                      Instant produced) {
        String who = "the delegated responder '" + responder.label() + "'";
        if (!holder.getIssuer().equals(issuer.getSubject()) || !verifies(holder, issuer)) {
            return Optional.of(who + " is not certified by '" + issuerCert.label() + "'");
        }
        if (!responder.hasEku(Oids.KP_OCSP_SIGNING)) {
            return Optional.of(who + " lacks id-kp-OCSPSigning");
        }
        boolean hasKeyUsage = responder.extensions().stream().anyMatch(e -> e.oid().equals(KEY_USAGE));
        if (hasKeyUsage && !responder.keyUsage().contains("digitalSignature")) {
            return Optional.of(who + " has a key usage without digitalSignature " + responder.keyUsage());
        }
        Optional<String> window = outside(who, responder, at, "the decision time is ");
        if (window.isEmpty()) {
            window = outside(who, responder, produced, "the response was produced at ");
        }
        if (window.isPresent()) {
            return window;
        }
        if (!verifies(basic, holder)) {
            return Optional.of("the response's signature does not verify with the key of " + who);
        }
        return Optional.empty();
    }

    private static Optional<String> outside(String who, Cert responder, Instant t, String when) {
        if (t.isBefore(responder.notBefore())) {
            return Optional.of(who + " is not valid before " + responder.notBefore() + " (" + when + t + ")");
        }
        if (t.isAfter(responder.notAfter())) {
            return Optional.of(who + " expired on " + responder.notAfter() + " (" + when + t + ")");
        }
        return Optional.empty();
    }

    /** Whether the ResponderID names this certificate: its subject (byName) or the SHA-1 of its key (byKey). */
    private static boolean names(ResponderID id, X509CertificateHolder cert) {
        X500Name name = id.getName();
        if (name != null) {
            return name.equals(cert.getSubject());
        }
        byte[] hash = id.getKeyHash();
        return hash != null && MessageDigest.isEqual(hash, keyHash(cert.getSubjectPublicKeyInfo()));
    }

    private static byte[] keyHash(SubjectPublicKeyInfo spki) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(spki.getPublicKeyData().getBytes());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(ResponderID id) {
        return id.getName() != null ? "byName " + id.getName()
                : "byKey " + java.util.HexFormat.of().formatHex(id.getKeyHash());
    }

    private static Optional<Cert> parse(X509CertificateHolder holder) {
        try {
            return Optional.of(new CertificateReader().parseDer(holder.getEncoded()));
        } catch (IOException | CertificateParseException e) {
            return Optional.empty();
        }
    }

    private static boolean verifies(BasicOCSPResp basic, X509CertificateHolder key) {
        try {
            return basic.isSignatureValid(verifier(key));
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean verifies(X509CertificateHolder cert, X509CertificateHolder key) {
        try {
            return cert.isSignatureValid(verifier(key));
        } catch (Exception e) {
            return false;
        }
    }

    private static ContentVerifierProvider verifier(X509CertificateHolder key) throws Exception {
        return new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.provider()).build(key);
    }
}
