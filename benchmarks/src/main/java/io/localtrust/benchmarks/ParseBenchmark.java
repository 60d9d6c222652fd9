package io.localtrust.benchmarks;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading a three-certificate PEM chain into our records (fields, SANs, EKUs, fingerprints,
 * dev-id, self-signature check) against the peer: the JDK's CertificateFactory parsing the
 * same PEM and computing the same SHA-256 and SPKI SHA-256 fingerprints.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ParseBenchmark {
    private byte[] pem;
    private final CertificateReader reader = new CertificateReader();

    @Setup
    public void setup() {
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        SecureRandom random = new SecureRandom();
        var root = CertificateMaker.at(now, random).commonName("Root").ca(1).make();
        var issuer = CertificateMaker.at(now, random).commonName("Issuer").issuer(root).ca(0).make();
        var leaf = CertificateMaker.at(now, random).commonName("printer.home.arpa").issuer(issuer)
                .dns("printer.home.arpa").ip("192.168.1.20").serverAuth().localDevice()
                .ocspUrl("http://gw.home.arpa/ocsp").make();
        StringBuilder sb = new StringBuilder();
        for (Cert c : List.of(leaf.cert(), issuer.cert(), root.cert())) {
            sb.append(c.pem());
        }
        pem = sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public List<Cert> localtrustReader() throws Exception {
        return reader.parse(pem);
    }

    @Benchmark
    public void jdkCertificateFactory(Blackhole bh) throws Exception {
        Collection<? extends java.security.cert.Certificate> certs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem));
        for (var c : certs) {
            X509Certificate x = (X509Certificate) c;
            bh.consume(MessageDigest.getInstance("SHA-256").digest(x.getEncoded()));
            bh.consume(MessageDigest.getInstance("SHA-256").digest(x.getPublicKey().getEncoded()));
            bh.consume(x.getSubjectAlternativeNames());
            bh.consume(x.getExtendedKeyUsage());
        }
    }
}
