package io.localtrust.authority;

import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.locality.Cidr;
import io.localtrust.x509.BouncyCastle;
import io.localtrust.x509.KeyKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Helpers: a gateway made by the real ceremony in a temp dir, CSRs, and openssl. */
final class TestGateway {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final SecureRandom RANDOM = new SecureRandom();
    static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    private TestGateway() {
    }

    /** home.arpa, local, internal, RFC 1918, link-local, ULA — plus 127/8 for loopback tests. */
    static NamePolicy policy() {
        List<Cidr> ips = new ArrayList<>(NamePolicy.defaults().ipRanges());
        ips.add(Cidr.parse("127.0.0.0/8"));
        return new NamePolicy(NamePolicy.defaults().dnsSubtrees(), ips);
    }

    static KeyCeremony.Result init(Path dir) throws KeyCustodyException {
        return new KeyCeremony(CLOCK, RANDOM).perform(new CeremonySpec(dir, "Test gateway", policy(), KeyKind.EC_P256,
                Duration.ofDays(90), "http://gateway.home.arpa:8080"), PASSPHRASE);
    }

    /**
     * A copy of a gateway made once by {@link #init} (its directory closed): a fresh gateway for each
     * test without a key ceremony each (PBKDF2 with 600,000 iterations is most of a test's time).
     */
    static void copy(Path made, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var files = Files.list(made)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName().toString()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    static Gateway open(Path dir) throws KeyCustodyException {
        return Gateway.open(dir, CompromisedKeys.none(), CLOCK, RANDOM);
    }

    static byte[] csr(KeyPair key, String cn) {
        try {
            String alg = io.localtrust.x509.SignatureAlgorithms.forKey(key.getPrivate());
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), key.getPublic())
                    .build(new JcaContentSignerBuilder(alg).setProvider(BouncyCastle.provider()).build(key.getPrivate()))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair key() {
        return KeyKind.EC_P256.generate(RANDOM);
    }

    static void writePem(Path file, String type, byte[] der) throws IOException {
        Files.writeString(file, "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n");
    }

    /** Runs openssl; returns exit code and combined output. */
    record Run(int exit, String output) {
    }

    static Run openssl(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("openssl hung: " + cmd);
        }
        return new Run(p.exitValue(), out);
    }
}
