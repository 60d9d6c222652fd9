package io.localtrust.practice;

import io.localtrust.practice.context.AnchorSet;
import io.localtrust.x509.BouncyCastle;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds and validates a path (RFC 5280 §6, Bouncy Castle's PKIX builder) from a presented leaf to
 * one anchor set, at a given time, without a host name and without revocation.
 *
 * <p>Bouncy Castle rather than the JDK's PKIX: the JDK applies its TLS algorithm policy
 * ({@code jdk.certpath.disabledAlgorithms}) inside path validation, which would make a
 * SHA-1-signed device certificate from the user's own gateway look "untrusted". Here the
 * practice is decided on the chain's structure and the weak algorithm is reported as a finding.
 * Neither library enforces name constraints carried by the trust anchor itself; the trust
 * engine does (it decides trust, this only classifies).
 */
public final class ChainValidator {
    private final Map<AnchorSet, Set<String>> anchorSubjects = new ConcurrentHashMap<>();
    private final Map<AnchorSet, Set<TrustAnchor>> anchorCache = new ConcurrentHashMap<>();

    /** A path found: the anchor it ends at. */
    public record Validated(Cert anchor) {
    }

    public Optional<Validated> validate(CertChain chain, AnchorSet anchors, Instant at) {
        if (anchors.isEmpty()) {
            return Optional.empty();
        }
        Cert leaf = chain.leaf();
        for (Cert a : anchors.certs()) {
            if (Arrays.equals(a.der(), leaf.der())) {
                return Optional.of(new Validated(a)); // the leaf itself was installed as an anchor
            }
        }
        if (!anchorNamesIssuerOf(chain, anchorSubjects.computeIfAbsent(anchors, ChainValidator::subjects))) {
            return Optional.empty(); // no anchor's subject issued anything presented: no path, no signature work
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509", BouncyCastle.provider());
            List<X509Certificate> presented = new ArrayList<>();
            for (Cert c : chain.certs()) {
                presented.add(toX509(cf, c));
            }
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(presented.get(0));
            PKIXBuilderParameters params = new PKIXBuilderParameters(trustAnchors(anchors, cf), target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(presented),
                    BouncyCastle.provider()));
            CertPathBuilder builder = CertPathBuilder.getInstance("PKIX", BouncyCastle.provider());
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) builder.build(params);
            byte[] anchorDer = result.getTrustAnchor().getTrustedCert().getEncoded();
            return anchors.certs().stream().filter(c -> Arrays.equals(c.der(), anchorDer)).findFirst().map(Validated::new);
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean anchorNamesIssuerOf(CertChain chain, Set<String> anchorSubjects) {
        for (Cert presented : chain.certs()) {
            if (anchorSubjects.contains(loose(presented.issuer()))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> subjects(AnchorSet anchors) {
        Set<String> out = new HashSet<>();
        for (Cert a : anchors.certs()) {
            out.add(loose(a.subject()));
        }
        return out;
    }

    /** A forgiving name form for the pre-filter only (RFC 5280 §7.1 compares case- and space-insensitively). */
    private static String loose(String dn) {
        String lower = dn.toLowerCase(java.util.Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean space = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
            if (!ws) {
                out.append(c);
            } else if (!space) {
                out.append(' ');
            }
            space = ws;
        }
        return out.toString();
    }

    private Set<TrustAnchor> trustAnchors(AnchorSet anchors, CertificateFactory cf) {
        return anchorCache.computeIfAbsent(anchors, a -> {
            Set<TrustAnchor> out = new HashSet<>();
            for (Cert c : a.certs()) {
                try {
                    out.add(new TrustAnchor(toX509(cf, c), null));
                } catch (GeneralSecurityException e) {
                    // an anchor the provider cannot load cannot anchor a path; skip it
                }
            }
            return out;
        });
    }

    private static X509Certificate toX509(CertificateFactory cf, Cert c) throws GeneralSecurityException {
        return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(c.der()));
    }
}
