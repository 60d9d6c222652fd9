package io.localtrust.benchmarks;

import io.localtrust.practice.Classifier;
import io.localtrust.practice.DeviceAssessment;
import io.localtrust.practice.FleetView;
import io.localtrust.practice.context.AnchorSet;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.practice.context.TrustContext;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Classifying a fleet of distinct gateway-issued (U-L/S) devices — path building over the
 * public, local and vendor anchor sets, every lint, the practice and uniqueness logic — against
 * the peer: the JDK's PKIX CertPathBuilder alone validating the same chain to the same anchor
 * (what a plain Java client does to decide trust, with none of the classification work).
 *
 * <p>Each call takes the next of {@value #FLEET} distinct device chains (sharing one issuing
 * CA, as a real fleet does), parsed afresh from DER on both sides. One chain reused would let the
 * JDK answer from its certificate cache (it caches parsed certificates by encoding, with their
 * verified signatures) and measure nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ClassifyBenchmark {
    static final int FLEET = 4096;

    private final Classifier classifier = Classifier.standard();
    private final List<List<byte[]>> chains = new ArrayList<>();
    private TrustContext context;
    private Set<TrustAnchor> jdkAnchors;
    private Instant now;
    private int next;

    @Setup
    public void setup() throws Exception {
        now = Instant.parse("2026-06-01T00:00:00Z");
        SecureRandom random = new SecureRandom();
        Made root = CertificateMaker.at(now, random).commonName("Gateway Root").ca(1).lifetime(Duration.ofDays(3650)).make();
        Made issuer = CertificateMaker.at(now, random).commonName("Gateway Issuer").issuer(root).ca(0).make();
        for (int i = 0; i < FLEET; i++) {
            Made leaf = CertificateMaker.at(now, random).commonName("d" + i + ".home.arpa").issuer(issuer)
                    .dns("d" + i + ".home.arpa").ip("10.0." + (i / 250) + "." + (i % 250 + 1))
                    .serverAuth().localDevice().make();
            chains.add(List.of(leaf.cert().der(), issuer.cert().der()));
        }
        Made publicRoot = CertificateMaker.at(now, random).commonName("Some Public Root").ca(1).make();
        Made vendorRoot = CertificateMaker.at(now, random).commonName("Some Vendor Root").ca(0).make();
        context = new TrustContext(
                new AnchorSet(AnchorSet.Kind.PUBLIC, "bench", List.of(publicRoot.cert())),
                new AnchorSet(AnchorSet.Kind.LOCAL, "bench", List.of(root.cert())),
                new AnchorSet(AnchorSet.Kind.VENDOR, "bench", List.of(vendorRoot.cert())),
                CompromisedKeys.none());
        X509Certificate jdkRoot = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(root.cert().der()));
        jdkAnchors = Set.of(new TrustAnchor(jdkRoot, null));
    }

    private List<byte[]> nextChain() {
        List<byte[]> c = chains.get(next);
        next = (next + 1) % FLEET;
        return c;
    }

    @Benchmark
    public DeviceAssessment localtrustClassify() throws Exception {
        List<Cert> certs = new ArrayList<>(2);
        var reader = new io.localtrust.x509.CertificateReader();
        for (byte[] der : nextChain()) {
            certs.add(reader.parseDer(der));
        }
        DeviceObservation device = new DeviceObservation(Optional.of("10.0.0.1"), "bench", now, List.of(
                EndpointObservation.https(443, new TlsObservation(Optional.of("TLSv1.3"), Optional.empty(),
                        CertChain.of(certs), Optional.empty(), true))));
        return classifier.classify(device, context, FleetView.single());
    }

    @Benchmark
    public Object jdkPkixBuild() throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>(2);
        for (byte[] der : nextChain()) {
            chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
        }
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(chain.get(0));
        PKIXBuilderParameters params = new PKIXBuilderParameters(jdkAnchors, target);
        params.setRevocationEnabled(false);
        params.setDate(Date.from(now));
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
        return CertPathBuilder.getInstance("PKIX").build(params);
    }
}
