package io.localtrust.gateway;

import io.localtrust.authority.CeremonySpec;
import io.localtrust.authority.Gateway;
import io.localtrust.authority.KeyCeremony;
import io.localtrust.authority.NamePolicy;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.locality.Cidr;
import io.localtrust.x509.BouncyCastle;
import io.localtrust.x509.KeyKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Helpers: a gateway made by the real ceremony in a temp dir (permitting loopback, so the
 * gateway can certify 127.0.0.1 for itself), CSRs, openssl, and an SSLContext trusting root.pem.
 * The clock is the system's: openssl judges OCSP and CRL times against it.
 */
final class TestGateways {
    static final SecureRandom RANDOM = new SecureRandom();
    static final Clock CLOCK = Clock.systemUTC();

    private TestGateways() {
    }

    static KeyCeremony.Result init(Path dir) throws Exception {
        List<Cidr> ips = new ArrayList<>(NamePolicy.defaults().ipRanges());
        ips.add(Cidr.parse("127.0.0.0/8"));
        NamePolicy policy = new NamePolicy(NamePolicy.defaults().dnsSubtrees(), ips);
        return new KeyCeremony(CLOCK, RANDOM).perform(new CeremonySpec(dir, "Test gateway", policy, KeyKind.EC_P256,
                Duration.ofDays(90), "http://gateway.home.arpa:8080"), "correct horse battery staple".toCharArray());
    }

    static Gateway open(Path dir) throws Exception {
        return Gateway.open(dir, CompromisedKeys.none(), CLOCK, RANDOM);
    }

    static byte[] csr(String cn) {
        try {
            KeyPair key = KeyKind.EC_P256.generate(RANDOM);
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), key.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastle.provider())
                            .build(key.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void writePem(Path file, byte[] der) throws IOException {
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n");
    }

    record Run(int exit, String output) {
    }

    static Run openssl(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("openssl hung: " + cmd);
        }
        return new Run(p.exitValue(), out);
    }

    /** Trusts exactly this root (hostname verification stays on in the clients). */
    static SSLContext trusting(byte[] rootDer) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("root", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(rootDer)));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), RANDOM);
        return ctx;
    }
}
