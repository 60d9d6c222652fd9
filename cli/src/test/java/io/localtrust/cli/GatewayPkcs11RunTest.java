package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gateway run} with the CA keys in a real SoftHSM2 token, as a user runs it: the real
 * command in its own JVM on 127.0.0.1, driven by openssl and the JDK HTTP client, with issuance
 * and revocation from the shell while it runs, SIGTERM, and a second start on the same token.
 */
class GatewayPkcs11RunTest {
    @TempDir
    Path tmp;
    SoftHsmToken token;
    Path dir;
    String adminToken;

    @BeforeEach
    void gatewayInToken() throws Exception {
        token = SoftHsmToken.fresh(tmp);
        dir = tmp.resolve("gw");
        SoftHsmToken.Run init = token.localtrust("gateway", "init", "--dir", dir.toString(), "--name", "HSM run",
                "--permit", "home.arpa,127.0.0.0/8", "--pkcs11", token.config.toString(), "--pin-file", token.pinFile.toString());
        assertThat(init.exit()).as(init.err()).isZero();
        Matcher m = Pattern.compile("Admin API token:\\s+(\\S+)").matcher(init.out());
        assertThat(m.find()).as(init.out()).isTrue();
        adminToken = m.group(1);
        assertThat(dir.resolve("intermediate-key.pem")).doesNotExist();
        assertThat(dir.resolve("root-key.p12")).doesNotExist();
    }

    /** A started {@code gateway run}: the process, its banner, the rest of its stdout, and where its stderr goes. */
    private record Running(Process process, List<String> banner, BufferedReader out, Path err) {
        String stderr() throws Exception {
            return Files.readString(err);
        }
    }

    private Running start(Map<String, String> environment, int https, int http, String name) throws Exception {
        Path err = tmp.resolve(name + ".err");
        Process p = token.process(environment, "gateway", "run", "--dir", dir.toString(), "--debug",
                "--listen", "127.0.0.1:" + https, "--http-listen", "127.0.0.1:" + http).redirectError(err.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> banner = new ArrayList<>();
        String line;
        while (!String.join("\n", banner).contains("Published URLs") && (line = out.readLine()) != null) { // up to its last line
            banner.add(line);
        }
        assertThat(banner).as("gateway run did not start: " + banner + "\n" + Files.readString(err)).hasSize(7); // the banner: seven lines (no mDNS, no DNS)
        assertThat(String.join("\n", banner)).contains("Gateway 'HSM run' running", "http://127.0.0.1:" + http + "/",
                "https://127.0.0.1:" + https + "/", "Root SHA-256: ");
        return new Running(p, banner, out, err);
    }

    /**
     * SIGTERM with kill(1), as a service manager sends it ({@code Process.destroy} would also close
     * our end of its stdout); the exit code must be 0 and the last line "Gateway stopped.".
     */
    private static void stop(Running r) throws Exception {
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(r.process().pid())).start().waitFor()).isZero();
        assertThat(r.process().waitFor(20, TimeUnit.SECONDS)).as("gateway run ignored SIGTERM").isTrue();
        assertThat(r.process().exitValue()).as(r.stderr()).isZero();
        assertThat(r.out().lines().toList()).containsExactly("Gateway stopped.");
    }

    /** Every file under DIR, relative. */
    private static List<String> filesUnder(Path dir) throws Exception {
        try (var all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).sorted().toList();
        }
    }

    private String ocsp(int http, String cert) throws Exception {
        return token.openssl("ocsp", "-issuer", dir.resolve("intermediate.pem").toString(), "-cert", cert,
                "-url", "http://127.0.0.1:" + http + "/ocsp", "-CAfile", dir.resolve("root.pem").toString());
    }

    /** {@code openssl verify -crl_check} of the leaf with the CRL fetched from the running gateway over HTTP. */
    private SoftHsmToken.Run verifyWithServedCrl(int http, String leaf) throws Exception {
        HttpResponse<byte[]> crl = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/crl/intermediate.crl")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(crl.statusCode()).isEqualTo(200);
        Files.write(tmp.resolve("served.crl"), crl.body());
        assertThat(token.openssl("crl", "-inform", "DER", "-in", "served.crl", "-out", "served-crl.pem", "-CAfile",
                dir.resolve("intermediate.pem").toString())).contains("verify OK");
        return token.opensslAnyExit("verify", "-crl_check", "-CAfile", dir.resolve("root.pem").toString(),
                "-untrusted", dir.resolve("intermediate.pem").toString(), "-CRLfile", "served-crl.pem", leaf);
    }


    /** An HTTP client that trusts root.pem only (and checks the host name, as every client does). */
    private HttpClient trustingRootOnly() throws Exception {
        X509Certificate root;
        try (InputStream in = Files.newInputStream(dir.resolve("root.pem"))) {
            root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", root);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void runsWithTheKeysInTheTokenFollowsShellRevocationStopsOnSigtermAndStartsAgain() throws Exception {
        int https = GatewayProcess.freePort();
        int http = GatewayProcess.freePort();
        List<String> tokenFiles = filesUnder(tmp.resolve("tokens"));
        Running first = start(Map.of(), https, http, "run1"); // the PIN file recorded at init
        String root = dir.resolve("root.pem").toString();
        try {
            token.openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", "nas.key", "-subj", "/CN=nas", "-out", "nas.csr");
            SoftHsmToken.Run issued = token.localtrust("gateway", "issue", "--dir", dir.toString(), "--csr", "nas.csr",
                    "--name", "nas.home.arpa", "--approve", "--out", "nas-chain.pem");
            assertThat(issued.exit()).as(issued.err()).isZero();
            Matcher serial = Pattern.compile("issued serial ([0-9a-f]+)").matcher(issued.err());
            assertThat(serial.find()).as(issued.err()).isTrue();
            token.openssl("x509", "-in", "nas-chain.pem", "-out", "nas.pem");

            // issued by the other process, signed in the token on first request by this one, verified against the chain
            String good = ocsp(http, "nas.pem");
            assertThat(good).contains("Response verify OK", "nas.pem: good");
            assertThat(verifyWithServedCrl(http, "nas.pem").out()).contains("nas.pem: OK");

            // HTTPS: the gateway's own certificate, issued by the token at start, chains to root.pem for 127.0.0.1
            HttpResponse<String> api = trustingRootOnly().send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + https + "/api/certificates")).header("Authorization", "Bearer " + adminToken)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
            assertThat(api.body()).contains("\"serial\":\"" + serial.group(1) + "\"");
            SoftHsmToken.Run sClient = token.opensslAnyExit("s_client", "-connect", "127.0.0.1:" + https, "-CAfile", root,
                    "-verify_return_error", "-verify_ip", "127.0.0.1", "-brief");
            assertThat(sClient.exit()).as(sClient.out()).isZero();
            assertThat(sClient.out()).contains("Verification: OK");

            SoftHsmToken.Run revoke = token.localtrust("gateway", "revoke", "--dir", dir.toString(), serial.group(1),
                    "--reason", "keyCompromise");
            assertThat(revoke.exit()).as(revoke.err()).isZero();
            String seen = "";
            for (int i = 0; i < 50 && !seen.contains("nas.pem: revoked"); i++) {
                Thread.sleep(100);
                seen = ocsp(http, "nas.pem");
            }
            assertThat(seen).contains("Response verify OK", "nas.pem: revoked", "Reason: keyCompromise");
            SoftHsmToken.Run rejected = verifyWithServedCrl(http, "nas.pem");
            assertThat(rejected.exit()).as(rejected.out()).isNotZero();
            assertThat(rejected.out()).contains("certificate revoked");

            stop(first);
        } finally {
            first.process().destroyForcibly();
        }
        assertThat(first.stderr()).as("the --debug log").isNotEmpty().doesNotContain(SoftHsmToken.PIN).doesNotContain("PRIVATE KEY");

        assertThat(filesUnder(tmp.resolve("tokens"))).as("nothing left in the token directory").isEqualTo(tokenFiles);
        // a second start on the same token and ports: nothing left behind by the first; the PIN from the environment
        Files.writeString(token.pinFile, "not-the-pin\n");
        Running second = start(Map.of("LOCALTRUST_PKCS11_PIN", SoftHsmToken.PIN), https, http, "run2");
        try {
            assertThat(ocsp(http, "nas.pem")).contains("Response verify OK", "nas.pem: revoked");
            stop(second);
        } finally {
            second.process().destroyForcibly();
        }
        SoftHsmToken.Run audit = token.localtrust(Map.of("LOCALTRUST_PKCS11_PIN", SoftHsmToken.PIN), "gateway", "audit",
                "--dir", dir.toString(), "verify");
        assertThat(audit.exit()).as(audit.err() + audit.out()).isZero();
    }

    @Test
    void aWrongPinIsOneLineAndExit2() throws Exception {
        int http = GatewayProcess.freePort();
        SoftHsmToken.Run r = token.localtrust(Map.of("LOCALTRUST_PKCS11_PIN", "not-the-pin"), "gateway", "run",
                "--dir", dir.toString(), "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:" + http);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString()
                .startsWith("localtrust: " + token.config).endsWith("wrong PKCS#11 PIN (from $LOCALTRUST_PKCS11_PIN)");
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).doesNotContain("not-the-pin");

        Files.writeString(token.pinFile, "not-the-pin-either\n");
        SoftHsmToken.Run file = token.localtrust("gateway", "run", "--dir", dir.toString(), "--listen", "127.0.0.1:0",
                "--http-listen", "127.0.0.1:" + http);
        assertThat(file.exit()).isEqualTo(2);
        assertThat(file.err().lines().toList()).singleElement().asString()
                .endsWith("wrong PKCS#11 PIN (from " + token.pinFile + ")");
        assertThat(file.err()).doesNotContain("not-the-pin-either");
    }

    @Test
    void aMissingTokenOrConfigurationIsOneLineAndExit2() throws Exception {
        Map<String, String> pin = Map.of("LOCALTRUST_PKCS11_PIN", SoftHsmToken.PIN);
        // the token directory SOFTHSM2_CONF names is gone (a lost token, or SOFTHSM2_CONF pointing elsewhere)
        Path tokens = tmp.resolve("tokens");
        Path moved = Files.move(tokens, tmp.resolve("tokens-elsewhere"));
        Files.createDirectories(tokens);
        SoftHsmToken.Run noToken = token.localtrust(pin, "gateway", "run", "--dir", dir.toString(), "--listen", "127.0.0.1:0",
                "--http-listen", "127.0.0.1:0");
        assertThat(noToken.exit()).isEqualTo(2);
        assertThat(noToken.err().lines().toList()).singleElement().asString()
                .startsWith("localtrust: " + token.config).contains("no initialised token in the configured slot");
        Files.delete(tokens);
        Files.move(moved, tokens);

        Files.delete(token.config);
        SoftHsmToken.Run noConfig = token.localtrust(pin, "gateway", "run", "--dir", dir.toString(), "--listen", "127.0.0.1:0",
                "--http-listen", "127.0.0.1:0");
        assertThat(noConfig.exit()).isEqualTo(2);
        assertThat(noConfig.err().lines().toList()).singleElement().asString()
                .startsWith("localtrust: " + token.config).contains("cannot read the PKCS#11 configuration");
    }
}
