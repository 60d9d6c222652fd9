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
    private static final int MAX_INDEXES = 64;

    /** Per anchor set, by identity: a record's hash would walk every anchor on every lookup. */
    private final Map<Identity, AnchorIndex> indexes = new ConcurrentHashMap<>();

    private record Identity(AnchorSet set) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity i && i.set == set;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(set);
        }
    }

    /** A path found: the anchor it ends at. */
    public record Validated(Cert anchor) {
    }

    public Optional<Validated> validate(CertChain chain, AnchorSet anchors, Instant at) {
        if (anchors.isEmpty()) {
            return Optional.empty();
        }
        AnchorIndex index = index(anchors);
        Optional<Cert> self = index.anchorEqualTo(chain.leaf());
        if (self.isPresent()) {
            return self.map(Validated::new); // the leaf itself was installed as an anchor
        }
        if (chain.certs().stream().noneMatch(c -> index.mayHaveIssued(c.issuer()))) {
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
            PKIXBuilderParameters params = new PKIXBuilderParameters(index.trustAnchors(), target);
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

    private AnchorIndex index(AnchorSet anchors) {
        if (indexes.size() > MAX_INDEXES) {
            indexes.clear(); // a long-lived classifier fed new anchor sets: forget the old ones
        }
        return indexes.computeIfAbsent(new Identity(anchors), id -> new AnchorIndex(anchors, () -> trustAnchors(anchors)));
    }

    private static Set<TrustAnchor> trustAnchors(AnchorSet anchors) {
        Set<TrustAnchor> out = new HashSet<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509", BouncyCastle.provider());
            for (Cert c : anchors.certs()) {
                try {
                    out.add(new TrustAnchor(toX509(cf, c), null));
                } catch (GeneralSecurityException e) {
                    // an anchor the provider cannot load cannot anchor a path; skip it
                }
            }
        } catch (GeneralSecurityException e) {
            // no X.509 factory: no anchors, no path
        }
        return out;
    }

    private static X509Certificate toX509(CertificateFactory cf, Cert c) throws GeneralSecurityException {
        return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(c.der()));
    }
}
