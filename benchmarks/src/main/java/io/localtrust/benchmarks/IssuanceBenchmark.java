package io.localtrust.benchmarks;

import io.localtrust.authority.CeremonySpec;
import io.localtrust.authority.Gateway;
import io.localtrust.authority.GatewayConfig;
import io.localtrust.authority.IssuanceRequest;
import io.localtrust.authority.Issued;
import io.localtrust.authority.KeyCeremony;
import io.localtrust.authority.NamePolicy;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.store.ApprovalState;
import io.localtrust.store.GatewayStore;
import io.localtrust.x509.BouncyCastle;
import io.localtrust.x509.Digests;
import io.localtrust.x509.KeyKind;
import io.localtrust.x509.Oids;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issuance through the authority — CSR parse and signature check, key policy, device uniqueness
 * and approval lookups, build, lint, sign, and the durable store commit (group commit) — against
 * the peer: the same leaf certificate built and signed with Bouncy Castle alone (no checks, no
 * store). Two threads, as the issue's target says ("at least 50% of the raw Bouncy Castle
 * build-and-sign rate").
 *
 * <p>The gateway is made by the real key ceremony (EC P-256) in a temp dir. {@value #DEVICES}
 * devices are registered and approved in setup, each with its own key and CSR; each call takes
 * the next one (round robin), so every issuance is a pre-approved device's renewal with its own
 * key: device uniqueness holds, no call registers or approves anything. The peer signs with its
 * own P-256 key (same curve and algorithm as the gateway's issuing key) for the same subject
 * keys, names, issuer, extensions and URLs.
 *
 * <p>Where Conscrypt loads (as here), the authority checks CSR signatures and signs with it
 * (BoringSSL, native: {@code NativeCrypto}); the peers stay pure Bouncy Castle, as the issue
 * defines them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED") // Conscrypt and SQLite load native code
@Threads(2)
public class IssuanceBenchmark {
    static final int DEVICES = 4096;
    static final String PG_ENV = "LOCALTRUST_BENCH_PG_URL";

    /** The devices: key, CSR and name, made once per fork. */
    @State(Scope.Benchmark)
    public static class Devices {
        final List<byte[]> csrs = new ArrayList<>();
        final List<SubjectPublicKeyInfo> spkis = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final List<String> spkiSha256 = new ArrayList<>();
        final AtomicInteger next = new AtomicInteger();
        final SecureRandom random = new SecureRandom();

        @Setup(Level.Trial)
        public void make() throws Exception {
            for (int i = 0; i < DEVICES; i++) {
                KeyPair key = KeyKind.EC_P256.generate(random);
                byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=device"), key.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastle.provider())
                                .build(key.getPrivate())).getEncoded();
                SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
                csrs.add(csr);
                spkis.add(spki);
                names.add("d" + i + ".home.arpa");
                spkiSha256.add(Digests.sha256Hex(spki.getEncoded("DER")));
            }
        }

        int take() {
            return Math.floorMod(next.getAndIncrement(), DEVICES);
        }
    }

    /** A gateway with every device registered and approved. */
    public abstract static class GatewayState {
        Path dir;
        Gateway gateway;
        /** CPU time of the commit threads after setup (ns), so that the report counts issuance's commits only. */
        long commitCpuAfterSetup;

        void open(Devices devices, String jdbcUrl) throws Exception {
            dir = Files.createTempDirectory("localtrust-bench-gw");
            new KeyCeremony(Clock.systemUTC(), devices.random).perform(new CeremonySpec(dir.resolve("gw"), "Bench gateway",
                    NamePolicy.defaults(), KeyKind.EC_P256, Duration.ofDays(90), "http://gateway.home.arpa:8080"),
                    "benchmark passphrase".toCharArray());
            gateway = Gateway.open(dir.resolve("gw"), jdbcUrl, CompromisedKeys.none(), Clock.systemUTC(), devices.random);
            GatewayStore store = gateway.store();
            Instant now = Instant.now();
            for (int i = 0; i < DEVICES; i++) {
                String devId = Digests.devId(devices.spkis.get(i).getEncoded("DER"));
                store.register(devId, devices.spkiSha256.get(i), List.of(devices.names.get(i)), now);
                store.setState(devId, ApprovalState.APPROVED, now, "benchmark", "pre-approved");
            }
            commitCpuAfterSetup = commitThreadsCpuNanos();
        }

        /**
         * CPU time so far of the threads that make the durable commits (the store's writer and the
         * issuance committer; SQLite's page writes and fsync calls run on them): reported per
         * certificate at the end, the one part of an issuance that does not run on the callers' threads.
         */
        static long commitThreadsCpuNanos() {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long total = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("localtrust-store-writer") || t.getName().equals("localtrust-issuance-commit")) {
                    total += Math.max(0, mx.getThreadCpuTime(t.threadId()));
                }
            }
            return total;
        }

        Issued issue(Devices devices) throws Exception {
            int i = devices.take();
            return gateway.authority().issue(new IssuanceRequest(devices.csrs.get(i), List.of(devices.names.get(i)),
                    "benchmark", false));
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            if (gateway != null) {
                // the committer's own count: reading every certificate back to count them cost ~8 % of
                // the run's CPU, which perfnorm's CPU per operation (the whole fork's) then counted
                var stats = gateway.authority().commitStats();
                long issued = stats.certificates();
                System.out.printf("%n%d certificates stored by the committer in %d transactions: %.2f per commit%n",
                        issued, stats.transactions(),
                        stats.transactions() == 0 ? 0.0 : (double) issued / stats.transactions());
                System.out.printf("commit threads' CPU: %.3f ms per certificate%n",
                        issued == 0 ? 0.0 : (commitThreadsCpuNanos() - commitCpuAfterSetup) / 1e6 / issued);
                gateway.close();
            }
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    @State(Scope.Benchmark)
    public static class Sqlite extends GatewayState {
        @Setup(Level.Trial)
        public void setup(Devices devices) throws Exception {
            open(devices, null);
        }
    }

    @State(Scope.Benchmark)
    public static class Postgres extends GatewayState {
        @Setup(Level.Trial)
        public void setup(Devices devices) throws Exception {
            String url = System.getenv(PG_ENV);
            if (url == null || url.isBlank()) {
                throw new IllegalStateException(PG_ENV + " is not set: authorityIssuePostgres needs a throwaway "
                        + "PostgreSQL database, e.g. jdbc:postgresql://127.0.0.1:55432/bench?user=…&password=… "
                        + "(see BENCHMARKS.md, IssuanceBenchmark)");
            }
            open(devices, url);
        }
    }

    /** The peer: the authority's leaf profile, built and signed with Bouncy Castle directly. */
    @State(Scope.Benchmark)
    public static class RawBc {
        X500Name issuer;
        AuthorityKeyIdentifier aki;
        PrivateKey signingKey;
        GatewayConfig config = new GatewayConfig("Bench gateway", NamePolicy.defaults(), KeyKind.EC_P256,
                Duration.ofDays(90), "http://gateway.home.arpa:8080", "unused", Instant.EPOCH);
        SecureRandom random = new SecureRandom();

        @Setup(Level.Trial)
        public void setup() throws Exception {
            KeyPair ca = KeyKind.EC_P256.generate(random);
            issuer = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "Bench gateway Issuing CA").build();
            aki = new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.getPublic());
            signingKey = ca.getPrivate();
        }
    }

    @Benchmark
    public Issued authorityIssueSqlite(Devices devices, Sqlite gateway) throws Exception {
        return gateway.issue(devices);
    }

    /**
     * The same, with 16 callers on the same 2 CPUs: what group commit does for a gateway serving
     * many requests at once (each caller still waits for its own durable commit).
     */
    @Benchmark
    @Threads(16)
    public Issued authorityIssueSqlite16Callers(Devices devices, Sqlite gateway) throws Exception {
        return gateway.issue(devices);
    }

    /**
     * Issuance as a front end runs it (ACME on Jetty's virtual threads): many requests in flight on
     * the same 2 CPUs, each on its own virtual thread, each returned only after its durable commit.
     * The 2 benchmark threads only hand requests over, keeping at most {@code inFlight} in flight
     * (a request is counted when handed over; in steady state that is the completion rate, give or
     * take the window); the CPU work runs on the virtual-thread scheduler's carriers, one per CPU.
     */
    @State(Scope.Benchmark)
    public static class Front {
        @Param({"64"})
        int inFlight;
        Semaphore window;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        ExecutorService executor;

        @Setup(Level.Trial)
        public void start() {
            executor = Executors.newVirtualThreadPerTaskExecutor();
            window = new Semaphore(inFlight);
        }

        void submit(Devices devices, GatewayState gateway) throws Exception {
            Throwable failed = failure.get();
            if (failed != null) {
                throw new IllegalStateException("an issuance failed: " + failed, failed);
            }
            window.acquire();
            executor.execute(() -> {
                try {
                    gateway.issue(devices);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    window.release();
                }
            });
        }

        /** Waits for the requests in flight, so that no iteration's work spills into the next. */
        @TearDown(Level.Iteration)
        public void drain() throws InterruptedException {
            window.acquire(inFlight);
            window.release(inFlight);
        }

        @TearDown(Level.Trial)
        public void stop() {
            executor.close();
        }
    }

    @Benchmark
    public void authorityIssueSqliteInFlight(Devices devices, Sqlite gateway, Front front) throws Exception {
        front.submit(devices, gateway);
    }

    @Benchmark
    public void authorityIssuePostgresInFlight(Devices devices, Postgres gateway, Front front) throws Exception {
        front.submit(devices, gateway);
    }

    @Benchmark
    public Issued authorityIssuePostgres(Devices devices, Postgres gateway) throws Exception {
        return gateway.issue(devices);
    }

    @Benchmark
    public byte[] rawBcBuildAndSign(Devices devices, RawBc raw) throws Exception {
        int i = devices.take();
        return buildAndSign(raw, devices.spkis.get(i), devices.names.get(i));
    }

    /**
     * A second peer: the same, after the one check no issuance may skip and the first peer does not
     * make — parsing the CSR and verifying its signature with Bouncy Castle, as the authority does
     * (an ECDSA verification with a key never seen before costs about two signatures). The
     * authority's ratio to this peer is what its policy, approval, lint and durable store cost.
     */
    @Benchmark
    public byte[] rawBcCsrCheckBuildAndSign(Devices devices, RawBc raw) throws Exception {
        int i = devices.take();
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(devices.csrs.get(i));
        if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.provider())
                .build(csr.getSubjectPublicKeyInfo()))) {
            throw new IllegalStateException("a benchmark CSR does not verify");
        }
        return buildAndSign(raw, csr.getSubjectPublicKeyInfo(), devices.names.get(i));
    }

    private static byte[] buildAndSign(RawBc raw, SubjectPublicKeyInfo spki, String name) throws Exception {
        Instant notBefore = Instant.now().minusSeconds(60);
        byte[] serialBytes = new byte[16];
        raw.random.nextBytes(serialBytes);
        BigInteger serial = new BigInteger(1, serialBytes).setBit(127);
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(raw.issuer, serial, Date.from(notBefore),
                Date.from(notBefore.plus(raw.config.leafLifetime()).minusSeconds(1)),
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build(), spki);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.getInstance(new ASN1ObjectIdentifier(Oids.KP_LOCAL_DEVICE))}));
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
        b.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(spki));
        b.addExtension(Extension.authorityKeyIdentifier, false, raw.aki);
        b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
            new AccessDescription(X509ObjectIdentifiers.id_ad_ocsp, uri(raw.config.ocspUrl())),
            new AccessDescription(X509ObjectIdentifiers.id_ad_caIssuers, uri(raw.config.intermediateUrl()))}));
        b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(new DistributionPointName(new GeneralNames(uri(raw.config.crlUrl()))), null, null)}));
        X509CertificateHolder signed = b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .setProvider(BouncyCastle.provider()).setSecureRandom(raw.random).build(raw.signingKey));
        return signed.getEncoded();
    }

    private static GeneralName uri(String u) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, u);
    }
}
