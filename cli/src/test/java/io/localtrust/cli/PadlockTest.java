package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.CertificateReader;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The padlock test (issue 5): proof that installing the gateway root is safe. A real
 * {@code gateway run} and a real {@code device run}, onboarded and approved by pairing code; the
 * gateway's root put into a fresh NSS database with {@code certutil} — what a user does to install
 * it — and Debian's Chromium, headless, opening the device's admin page by name: it loads over
 * HTTPS with no certificate error, Chromium calls it {@code secure} and the page is a secure
 * context. Then the same root key, taken from the gateway's {@code root-key.p12} with the
 * passphrase and used directly (no authority, no policy), signs a leaf for {@code bank.example}
 * and one made exactly the same way for {@code other.home.arpa}: Chromium refuses the bank
 * ({@code net::ERR_CERT_…}) and accepts the other — so the refusal is the root's name constraints,
 * not the way the leaf was made. Last, a Chromium whose NSS database lacks the root refuses the
 * device: the trust really came from the installed root.
 */
class PadlockTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PASSPHRASE = "a long enough passphrase";

    @TempDir
    Path tmp;

    @Test
    void deviceLoadsWithAPadlockAndTheSameRootCannotVouchForABank() throws Exception {
        Path dir = tmp.resolve("gw");
        Files.writeString(tmp.resolve("pass.txt"), PASSPHRASE + "\n");
        Files.writeString(tmp.resolve("admin.txt"), "device admin password\n");
        int gwHttp = GatewayProcess.freePort();
        Cli.Result init = GatewayProcess.real("gateway", "init", "--dir", dir.toString(), "--name", "Padlock test", "--permit",
                "home.arpa,127.0.0.0/8", "--passphrase-file", tmp.resolve("pass.txt").toString(), "--url", "http://127.0.0.1:" + gwHttp);
        assertThat(init.exit()).as(init.err()).isZero();
        int devicePort = GatewayProcess.freePort();
        int https = GatewayProcess.freePort();
        String deviceAddress = "127.0.42.1";
        try (GatewayProcess gw = GatewayProcess.withHttpListen(dir, tmp.resolve("gw.log"), "127.0.0.1:" + gwHttp,
                "--validation-http-port", Integer.toString(devicePort));
             DeviceProcess device = new DeviceProcess(tmp.resolve("device.err"), Map.of(), "--gateway", gw.acmeDirectory,
                     "--name", "printer.home.arpa", "--bind", deviceAddress, "--http-port", Integer.toString(devicePort),
                     "--https-port", Integer.toString(https), "--state", tmp.resolve("device").toString(), "--ca-bundle",
                     dir.resolve("root.pem").toString(), "--password-file", tmp.resolve("admin.txt").toString(), "--poll", "500ms")) {
            String devId = device.await("New device printer\\.home\\.arpa \\(dev-id ([a-z2-7]{26})\\)", WAIT);
            String code = device.await("Pairing code: ([A-Z2-9]{4}-[A-Z2-9]{4})", WAIT);
            Cli.Result approve = GatewayProcess.real("gateway", "approve", "--dir", dir.toString(), "--code", code);
            assertThat(approve.exit()).as(approve.err()).isZero();
            device.await("issued: certificate ([0-9a-f]+) issued", WAIT);

            Made root = rootWithItsKey(dir);
            try (Site bank = Site.start("127.0.42.2", leaf(root, "bank.example"));
                 Site other = Site.start("127.0.42.3", leaf(root, "other.home.arpa"));
                 Chromium trusting = new Chromium(NssHome.create(tmp.resolve("trusting"), dir.resolve("root.pem")), tmp.resolve("chromium.log"),
                         List.of("MAP printer.home.arpa " + deviceAddress, "MAP bank.example 127.0.42.2",
                                 "MAP other.home.arpa 127.0.42.3"))) {
                Chromium.Visit page = trusting.open("https://printer.home.arpa:" + https + "/", Optional.of(
                        "document.querySelector('input[name=password]').value = 'device admin password';"
                                + " document.querySelector('form').submit();"));
                assertThat(page.error()).as(page.text()).isEmpty();
                assertThat(page.secureContext()).isTrue();
                assertThat(page.securityState()).isEqualTo("secure");
                assertThat(page.text()).contains("printer.home.arpa — admin", devId); // logged in: the admin page with name and dev-id

                Chromium.Visit forged = trusting.open("https://bank.example:" + bank.port() + "/");
                assertThat(forged.error()).hasValueSatisfying(e -> assertThat(e).startsWith("net::ERR_CERT_"));
                assertThat(forged.secureContext()).isFalse();
                assertThat(forged.text()).doesNotContain(Site.BODY);

                Chromium.Visit permitted = trusting.open("https://other.home.arpa:" + other.port() + "/");
                assertThat(permitted.error()).as(permitted.text()).isEmpty();
                assertThat(permitted.secureContext()).isTrue();
                assertThat(permitted.text()).contains(Site.BODY);
            }
            try (Chromium untrusting = new Chromium(NssHome.create(tmp.resolve("untrusting"), null), tmp.resolve("chromium-untrusting.log"),
                    List.of("MAP printer.home.arpa " + deviceAddress))) {
                Chromium.Visit page = untrusting.open("https://printer.home.arpa:" + https + "/");
                assertThat(page.error()).hasValue("net::ERR_CERT_AUTHORITY_INVALID");
                assertThat(page.secureContext()).isFalse();
            }
        }
    }
    /** The root certificate with its private key read straight from root-key.p12 (the test knows the passphrase). */
    private static Made rootWithItsKey(Path dir) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve("root-key.p12"))) {
            ks.load(in, PASSPHRASE.toCharArray());
        }
        String alias = ks.aliases().nextElement();
        PrivateKey key = (PrivateKey) ks.getKey(alias, PASSPHRASE.toCharArray());
        Cert root = new CertificateReader().parseDer(Files.readAllBytes(dir.resolve("root.der")));
        Certificate jdk = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(root.der()));
        return new Made(root, new KeyPair(jdk.getPublicKey(), key));
    }

    /** A server leaf signed directly by the root: SAN, serverAuth, 30 days from now — nothing a browser could object to but its name. */
    private static Made leaf(Made root, String name) {
        return CertificateMaker.at(Instant.now(), new SecureRandom()).commonName(name).dns(name).serverAuth()
                .issuer(root).lifetime(Duration.ofDays(30)).make();
    }

    /** A small HTTPS site on a loopback address serving {@code leaf} and one fixed page. */
    private record Site(HttpsServer server) implements AutoCloseable {
        static final String BODY = "served by the test's own TLS site";

        static Site start(String address, Made leaf) throws Exception {
            // The leaf alone: its issuer is the root the browser holds.
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            Certificate l = cf.generateCertificate(new ByteArrayInputStream(leaf.cert().der()));
            ks.setKeyEntry("site", leaf.keyPair().getPrivate(), new char[0], new Certificate[] {l});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(ks, new char[0]);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 16);
            s.setHttpsConfigurator(new HttpsConfigurator(ctx));
            s.createContext("/", ex -> {
                byte[] b = ("<!doctype html><title>site</title><p>" + BODY).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
                ex.close();
            });
            s.start();
            return new Site(s);
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
