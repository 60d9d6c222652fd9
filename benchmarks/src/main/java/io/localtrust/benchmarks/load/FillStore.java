package io.localtrust.benchmarks.load;

import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import io.localtrust.store.IssuedCertificate;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Fills a gateway's SQLite store with N issued certificates, fast, for the memory benchmark
 * (BENCHMARKS.md, "100,000 issued certificates"): not a JMH benchmark, a plain main.
 *
 * <p>Devices: {@code D} (default 1,000) are registered, each with its own P-256 key; the
 * certificates are spread over them round robin (a fleet renewing). Each certificate is a real
 * leaf signed with the gateway's issuing key ({@code intermediate-key.pem}) — 128-bit serial,
 * SAN, KU, EKU, 90 days — built with Bouncy Castle on every core, and stored with the store's
 * batch {@code recordIssuances} (1,000 per transaction, each with its audit entry). It bypasses
 * {@code Authority.issue} (CSR check, approval, lint) on purpose: at ~900/s on 2 threads that would
 * take two minutes for 100,000; the store and OCSP see the same rows either way.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.localtrust.benchmarks.load.FillStore DIR N [D] [serials-file]}
 * — writes the serials (lowercase hex, one a line) to {@code serials-file} when given.
 */
public final class FillStore {
    private static final int BATCH = 1_000;

    private FillStore() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int devices = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        Path serialsOut = args.length > 3 ? Path.of(args[3]) : null;
        long t0 = System.nanoTime();

        BouncyCastleProvider bc = new BouncyCastleProvider();
        X509CertificateHolder issuer;
        try (Reader r = Files.newBufferedReader(dir.resolve("intermediate.pem"))) {
            issuer = (X509CertificateHolder) new PEMParser(r).readObject();
        }
        PrivateKey issuingKey;
        try (Reader r = Files.newBufferedReader(dir.resolve("intermediate-key.pem"))) {
            issuingKey = new JcaPEMKeyConverter().setProvider(bc).getPrivateKey((PrivateKeyInfo) new PEMParser(r).readObject());
        }
        String sigAlg = issuingKey.getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : "Ed25519";
        SecureRandom random = new SecureRandom();

        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair[] keys = new KeyPair[devices];
        String[] spki = new String[devices];
        String[] devId = new String[devices];
        Instant now = Instant.now();
        try (GatewayStore store = GatewayStores.open(dir)) {
            for (int d = 0; d < devices; d++) {
                keys[d] = kpg.generateKeyPair();
                byte[] h = MessageDigest.getInstance("SHA-256").digest(keys[d].getPublic().getEncoded());
                spki[d] = HexFormat.of().formatHex(h);
                devId[d] = "bench" + HexFormat.of().formatHex(h, 0, 10);
                store.register(devId[d], spki[d], List.of("dev-" + d + ".home.arpa"), now);
            }
            long t1 = System.nanoTime();
            System.out.printf("registered %,d devices in %.1f s%n", devices, (t1 - t0) / 1e9);

            int threads = Runtime.getRuntime().availableProcessors();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<String> serials = new ArrayList<>(n);
            int stored = 0;
            double signSeconds = 0;
            double storeSeconds = 0;
            for (int from = 0; from < n; from += BATCH) {
                int to = Math.min(n, from + BATCH);
                long s0 = System.nanoTime();
                List<Future<IssuedCertificate>> futures = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    int d = i % devices;
                    futures.add(pool.submit(() -> leaf(issuer, issuingKey, sigAlg, bc, keys[d], devId[d], spki[d],
                            "dev-" + d + ".home.arpa", now)));
                }
                List<IssuedCertificate> batch = new ArrayList<>(to - from);
                for (Future<IssuedCertificate> f : futures) {
                    batch.add(f.get());
                }
                long s1 = System.nanoTime();
                store.recordIssuances(batch, "benchmark");
                long s2 = System.nanoTime();
                signSeconds += (s1 - s0) / 1e9;
                storeSeconds += (s2 - s1) / 1e9;
                stored += batch.size();
                for (IssuedCertificate c : batch) {
                    serials.add(c.serial().toString(16));
                }
            }
            pool.shutdown();
            long t2 = System.nanoTime();
            System.out.printf("issued %,d certificates in %.1f s (%,.0f/s): build+sign %.1f s on %d threads, store %.1f s "
                    + "(%d transactions)%n", stored, (t2 - t1) / 1e9, stored / ((t2 - t1) / 1e9), signSeconds, threads,
                    storeSeconds, (n + BATCH - 1) / BATCH);
            if (serialsOut != null) {
                Files.write(serialsOut, serials);
            }
        }
        System.out.printf("total %.1f s; store file %,d bytes%n", (System.nanoTime() - t0) / 1e9,
                Files.size(dir.resolve("gateway.db")));
    }

    private static IssuedCertificate leaf(X509CertificateHolder issuer, PrivateKey issuingKey, String sigAlg,
                                          BouncyCastleProvider bc, KeyPair subject, String devId, String spki,
                                          String name, Instant now) throws Exception {
        SecureRandom r = new SecureRandom();
        byte[] s = new byte[16];
        r.nextBytes(s);
        s[0] &= 0x7f;
        s[0] |= 0x01; // positive, 128 bits, never a leading zero byte
        BigInteger serial = new BigInteger(1, s);
        Instant notBefore = now.minus(Duration.ofMinutes(5));
        Instant notAfter = now.plus(Duration.ofDays(90));
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer.getSubject(), serial, Date.from(notBefore),
                Date.from(notAfter), new X500Name("CN=" + name), subject.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new org.bouncycastle.asn1.x509.ExtendedKeyUsage(
                org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth));
        ContentSigner signer = new JcaContentSignerBuilder(sigAlg).setProvider(bc).setSecureRandom(r).build(issuingKey);
        byte[] der = b.build(signer).getEncoded();
        return new IssuedCertificate(serial, devId, spki, "CN=" + name, notBefore, notAfter, now, der);
    }
}
