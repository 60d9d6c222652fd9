package io.localtrust.benchmarks;

import io.localtrust.practice.Classifier;
import io.localtrust.practice.DeviceAssessment;
import io.localtrust.practice.FleetView;
import io.localtrust.practice.sample.SampleDevice;
import io.localtrust.practice.sample.SampleNetwork;
import io.localtrust.practice.sample.SampleNetworks;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.x509.Cert;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
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
 * Classifying the U-L/S sample device (path building to three anchor sets, every lint, the
 * stapled OCSP response checked) against the peer: the JDK's PKIX CertPathBuilder alone,
 * validating the same chain to the same local anchor — what a plain Java client does to decide
 * trust, with none of the practice, lint or revocation work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ClassifyBenchmark {
    private SampleNetwork network;
    private SampleDevice device;
    private FleetView fleet;
    private final Classifier classifier = Classifier.standard();
    private Set<TrustAnchor> jdkAnchors;
    private List<byte[]> chainDer;
    private Date at;

    @Setup
    public void setup() throws Exception {
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        network = new SampleNetworks(now, new SecureRandom()).generate(List.of());
        device = network.devices().stream().filter(d -> d.name().equals("printer")).findFirst().orElseThrow();
        fleet = network.fleet();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        jdkAnchors = new HashSet<>();
        for (Cert c : network.context().localAnchors().certs()) {
            jdkAnchors.add(new TrustAnchor((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(c.der())), null));
        }
        chainDer = new ArrayList<>();
        TlsObservation tls = device.observation().tlsObservations().get(0);
        for (Cert c : tls.chain().certs()) {
            chainDer.add(c.der());
        }
        at = Date.from(now);
    }

    @Benchmark
    public DeviceAssessment localtrustClassify() {
        return classifier.classify(device.observation(), network.context(), fleet);
    }

    /**
     * The peer parses the presented DER afresh on each call, as a client does with each
     * handshake: reusing X509Certificate objects would let the JDK serve cached signature
     * verifications and measure nothing.
     */
    @Benchmark
    public Object jdkPkixBuild() throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>(chainDer.size());
        for (byte[] der : chainDer) {
            chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
        }
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(chain.get(0));
        PKIXBuilderParameters params = new PKIXBuilderParameters(jdkAnchors, target);
        params.setRevocationEnabled(false);
        params.setDate(at);
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
        return CertPathBuilder.getInstance("PKIX").build(params);
    }
}
