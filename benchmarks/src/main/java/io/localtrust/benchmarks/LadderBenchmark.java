package io.localtrust.benchmarks;

import io.localtrust.ladder.Decision;
import io.localtrust.ladder.Ladder;
import io.localtrust.ladder.TlsPeer;
import io.localtrust.ladder.TrustConfig;
import io.localtrust.ladder.Verdict;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.CertificateReader;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
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
 * Issue 6's benchmark: decisions per second of the trust engine's ladder on a three-certificate
 * chain (leaf, issuing CA, the gateway root as the local anchor) against the peer, the JDK's
 * PKIX {@code CertPathValidator} validating the same chain to the same anchor, in the same run.
 * The ladder does more: its own path building, anchor name constraints, EKU on the intermediate,
 * RFC 6125 host matching, the locality check, the practice classifier with every lint, the texts.
 *
 * <p><b>Cold</b>: each call takes the next of {@value #CHAINS} distinct device chains (more than any cache of the
 * engine holds, so a chain comes back only after it was forgotten) and parses
 * it from DER on both sides (no signature or parse cache can answer). <b>Cached</b>: the same
 * parsed chain every call — the engine's signature cache and the JDK's per-certificate
 * verified-key cache both answer, which is a client's steady state against one device.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class LadderBenchmark {
    /** More chains than the engine caches signatures (10,000) or certificates (4,096) for: cold stays cold. */
    static final int CHAINS = 16_384;

    private final List<List<byte[]>> chains = new ArrayList<>();
    private Ladder ladder;
    private Set<TrustAnchor> jdkAnchors;
    private Date at;
    private InetAddress peer;
    private List<Cert> sameChain;
    private CertPath sameJdkPath;
    private int next;

    @Setup
    public void setup() throws Exception {
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        at = Date.from(now);
        SecureRandom random = new SecureRandom();
        Made root = CertificateMaker.at(now, random).commonName("Gateway Root").organization("Home").ca(1)
                .lifetime(Duration.ofDays(3650)).make();
        Made issuer = CertificateMaker.at(now, random).commonName("Gateway Issuer").organization("Home").issuer(root).ca(0).make();
        for (int i = 0; i < CHAINS; i++) {
            Made leaf = CertificateMaker.at(now, random).commonName("d" + i + ".home.arpa").issuer(issuer)
                    .dns("d" + i + ".home.arpa").serverAuth().localDevice().make();
            chains.add(List.of(leaf.cert().der(), issuer.cert().der()));
        }
        Made publicRoot = CertificateMaker.at(now, random).commonName("Some Public Root").ca(1).make();
        Made vendorRoot = CertificateMaker.at(now, random).commonName("Some Vendor Root").ca(0).make();
        // Online revocation off, so the comparison with the JDK (revocation off too) is like for like; the
        // leaves name no responder anyway.
        ladder = new Ladder(TrustConfig.of(List.of(publicRoot.cert()), List.of(root.cert()), List.of(vendorRoot.cert()))
                .withoutOnlineRevocation(), Clock.fixed(now, ZoneOffset.UTC));
        jdkAnchors = Set.of(new TrustAnchor(x509(CertificateFactory.getInstance("X.509"), root.cert().der()), null));
        peer = InetAddress.getByName("192.168.1.20");
        sameChain = parse(chains.get(0));
        sameJdkPath = jdkPath(chains.get(0));
        Decision d = ladder.decide(TlsPeer.of("d0.home.arpa", 443, peer, sameChain));
        if (d.verdict() != Verdict.TRUSTED_LOCAL) {
            throw new IllegalStateException("the benchmark chain is not TRUSTED_LOCAL: " + d.reasons());
        }
        validate(sameJdkPath);
    }

    private static X509Certificate x509(CertificateFactory cf, byte[] der) throws Exception {
        return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
    }

    private static List<Cert> parse(List<byte[]> ders) throws Exception {
        CertificateReader reader = new CertificateReader();
        List<Cert> certs = new ArrayList<>(ders.size());
        for (byte[] der : ders) {
            certs.add(reader.parseDer(der));
        }
        return certs;
    }

    private static CertPath jdkPath(List<byte[]> ders) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certs = new ArrayList<>(ders.size());
        for (byte[] der : ders) {
            certs.add(x509(cf, der));
        }
        return cf.generateCertPath(certs);
    }

    private Object validate(CertPath path) throws Exception {
        PKIXParameters p = new PKIXParameters(jdkAnchors);
        p.setRevocationEnabled(false);
        p.setDate(at);
        return CertPathValidator.getInstance("PKIX").validate(path, p);
    }

    private int nextIndex() {
        int i = next;
        next = (next + 1) % CHAINS;
        return i;
    }

    @Benchmark
    public Decision ladderCold() throws Exception {
        int i = nextIndex();
        return ladder.decide(TlsPeer.of("d" + i + ".home.arpa", 443, peer, parse(chains.get(i))));
    }

    @Benchmark
    public Object jdkCertPathValidatorCold() throws Exception {
        return validate(jdkPath(chains.get(nextIndex())));
    }

    @Benchmark
    public Decision ladderCached() {
        return ladder.decide(TlsPeer.of("d0.home.arpa", 443, peer, sameChain));
    }

    @Benchmark
    public Object jdkCertPathValidatorCached() throws Exception {
        return validate(sameJdkPath);
    }
}
