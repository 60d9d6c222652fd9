package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.agent.onboarding.OnboardingStatus;
import io.localtrust.agent.onboarding.OnboardingStatus.Phase;
import io.localtrust.authority.KeyCeremony;
import io.localtrust.x509.CertificateReader;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.localtrust.x509.CertificateRequests;
import io.localtrust.x509.KeyKind;
import java.security.KeyPair;
import java.security.SecureRandom;
import javax.net.ssl.KeyManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The gateway console in a real browser (issue 9): Debian's headless Chromium, driven by Selenium
 * and chromedriver, trusting the gateway root from its NSS database, against a real
 * {@code gateway run} and real device agents onboarding over ACME. A person signs in, sees a
 * device that just asked appear without reloading, with the pairing code the device shows on its
 * own onboarding page, approves it with the button and the device
 * gets its certificate and comes up with a padlock in the same browser; denies another and approves one more from the keyboard alone; approves a third by typing the
 * pairing code it shows; pre-authorises a fourth's name and address, which then needs nobody;
 * revokes the first and {@code openssl ocsp} against the gateway flips from good to revoked; the
 * audit page shows the chain intact; the trust page tells a trusting browser from one that is
 * not. Every page is screenshot under {@code target/console-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** A device page under the gateway's own domain, with a certificate from the same gateway. */
    private static final String SAME_SITE = "evil.home.arpa";

    private Path tmp;
    private ConsoleTestGateway gw;
    private ConsoleBrowser browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        gw = new ConsoleTestGateway(tmp);
        browser = new ConsoleBrowser(Files.createDirectories(tmp.resolve("trusting")), gw.dir.resolve("root.pem"),
                List.of("MAP " + ConsoleTestGateway.NAME + " 127.0.0.1", "MAP printer.home.arpa 127.0.45.1",
                        "MAP " + SAME_SITE + " 127.0.0.3"));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void approveDenyPairRevokeFromTheConsole() throws Exception {
        signIn();
        browser.awaitText("No device is waiting.");

        // A device asks: it appears without a reload (the live list), with its dev-id and how it asked.
        try (InProcessDevice printer = device("printer.home.arpa", "127.0.45.1");
             InProcessDevice camera = device("camera.home.arpa", "127.0.45.2");
             InProcessDevice speaker = device("speaker.home.arpa", "127.0.45.3")) {
            String printed = printer.await(s -> s.phase() == Phase.WAITING_FOR_APPROVAL && s.pairing().isPresent(), WAIT)
                    .pairing().orElseThrow().code();
            String printerId = printer.identity.devId();
            browser.awaitText(printerId);
            // The device's row, its "register" audit entry and its pairing code are three writes: the
            // live list may show the row a poll before it knows how the device asked or its code.
            browser.awaitText("ACME");
            browser.awaitText(printed);
            assertThat(browser.text()).contains("printer.home.arpa", "127.0.45.1", "ACME");
            String shown = browser.find("tr[data-dev-id='" + printerId + "'] code.pairing-code").getText();
            browser.screenshot("approvals");

            // The code in the console's row is the code the device shows on its own onboarding page (and printed).
            browser.open(printer.httpBase());
            String onDevice = browser.find("#pairing-code").getText();
            browser.screenshot("device-onboarding");
            assertThat(shown).as("the console shows the device's code").isEqualTo(onDevice).isEqualTo(printed)
                    .matches("[A-Z2-9]{4}-[A-Z2-9]{4}");

            // Compared: approve with the button; the device comes up with its certificate.
            browser.open(gw.console("approvals"));
            browser.awaitText(printed);
            browser.press("Approve printer.home.arpa");
            browser.awaitText("Approved printer.home.arpa");
            assertThat(browser.text()).as("decided: its code is shown no more").doesNotContain(printed);
            printer.await(Phase.ISSUED, WAIT);
            browser.open(gw.console("devices"));
            assertThat(browser.find("tr[data-dev-id='" + printerId + "']").getText())
                    .contains("approved", "U-L/S", "valid", "expires");
            // ... and comes up with a padlock: its page by name, in this browser that trusts only the gateway root.
            browser.open("https://printer.home.arpa:" + URI.create(printer.httpsBase()).getPort() + "/");
            assertThat(((JavascriptExecutor) browser.driver).executeScript("return window.isSecureContext && location.protocol"))
                    .as("the device's page is a secure context over https, with no certificate interstitial")
                    .isEqualTo("https:");
            assertThat(browser.driver.getCurrentUrl()).startsWith("https://printer.home.arpa:");
            browser.screenshot("device-padlock");

            // Deny from the keyboard alone: Tab to the button, press Enter.
            camera.await(Phase.WAITING_FOR_APPROVAL, WAIT);
            browser.open(gw.console("approvals"));
            browser.awaitText(camera.identity.devId());
            tabTo("Deny camera.home.arpa");
            new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
            browser.awaitText("Denied camera.home.arpa");
            camera.await(Phase.DENIED, WAIT);

            // The pairing code the device shows, typed into the field.
            OnboardingStatus waiting = speaker.await(s -> s.phase() == Phase.WAITING_FOR_APPROVAL && s.pairing().isPresent(), WAIT);
            browser.open(gw.console("approvals"));
            browser.find("#code").sendKeys(waiting.pairing().orElseThrow().code());
            browser.find("#code").sendKeys(Keys.ENTER);
            browser.awaitText("Approved speaker.home.arpa");
            speaker.await(Phase.ISSUED, WAIT);
        }

        // Pre-authorise a name and its address: the next device asking for them needs nobody.
        browser.open(gw.console("approvals"));
        browser.find("#identities").sendKeys("tv.home.arpa 127.0.45.4");
        new Select(browser.find("#window")).selectByValue("1h");
        browser.press("Pre-authorise");
        browser.awaitText("Pre-authorised tv.home.arpa, 127.0.45.4");
        assertThat(browser.find("#allowances").getText()).contains("tv.home.arpa", "console");
        try (InProcessDevice tv = device("tv.home.arpa", "127.0.45.4")) {
            tv.await(Phase.ISSUED, WAIT);
        }
    }

    @Test
    void revokeFlipsOcspAndTheAuditChainStaysIntact() throws Exception {
        signIn();
        try (InProcessDevice nas = device("nas.home.arpa", "127.0.45.5")) {
            nas.await(Phase.WAITING_FOR_APPROVAL, WAIT);
            browser.awaitText(nas.identity.devId());
            tabTo("Approve nas.home.arpa");   // keyboard only: Tab to the button, Space presses it
            new Actions(browser.driver).sendKeys(Keys.SPACE).perform();
            browser.awaitText("Approved nas.home.arpa");
            nas.await(Phase.ISSUED, WAIT);
            Path leaf = servedCertificate(nas);
            assertThat(ocsp(leaf)).contains(": good");

            browser.open(gw.console("devices"));
            WebElement row = browser.find("tr[data-dev-id='" + nas.identity.devId() + "']");
            assertThat(row.getText()).contains("nas.home.arpa", "approved", "U-L/S", "valid", "asked via ACME");
            assertThat(row.findElement(By.cssSelector("a")).getDomAttribute("href")).isEqualTo("https://nas.home.arpa/");
            browser.screenshot("devices");
            new Select(row.findElement(By.cssSelector("select[name=reason]"))).selectByValue("keyCompromise");
            row.findElement(By.cssSelector("button.danger")).click();
            browser.awaitText("Revoked certificate");
            assertThat(ocsp(leaf)).contains(": revoked", "Reason: keyCompromise");
            assertThat(browser.find("tr[data-dev-id='" + nas.identity.devId() + "']").getText()).contains("revoked (keyCompromise)");
            browser.screenshot("devices-revoked");
        }
        browser.open(gw.console("audit"));
        assertThat(browser.find("#chain").getText()).startsWith("Hash chain intact");
        assertThat(browser.find("#audit").getText()).contains("console", "revoke");
        browser.screenshot("audit");
    }

    @Test
    void aSignedInBrowserCannotBeMadeToChangeAnythingFromAnotherSite() throws Exception {
        signIn();
        String target = gw.console("approvals/allow");
        String evil = "<!doctype html><title>cute cats</title><form method=post action='" + target + "'>"
                + "<input type=hidden name=identities value='evil.home.arpa'><input type=hidden name=window value='7d'></form>"
                + "<script>document.forms[0].submit()</script>";
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 4);
        site.createContext("/", ex -> {
            byte[] b = evil.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        site.start();
        try {
            browser.open("http://127.0.0.2:" + site.getAddress().getPort() + "/");
            browser.awaitText("nothing was changed");   // the cookie stays home (SameSite=Strict): no session, no change
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(target);
            browser.screenshot("csrf-refused");
        } finally {
            site.stop(0);
        }
        browser.open(gw.console("approvals"));
        assertThat(browser.text()).contains("Waiting for approval").doesNotContain("evil.home.arpa");
    }

    @Test
    void aDevicePageUnderTheSameDomainChangesNothing() throws Exception {
        signIn();
        // a device under home.arpa with a certificate from this very gateway: the same site as the console
        KeyPair key = KeyKind.EC_P256.generate(new SecureRandom());
        Path csr = tmp.resolve("same-site.csr");
        Files.write(csr, CertificateRequests.create(key, SAME_SITE));
        Path chain = tmp.resolve("same-site-chain.pem");
        Cli.Result issued = Cli.runNow("gateway", "issue", "--dir", gw.dir.toString(), "--csr", csr.toString(), "--name", SAME_SITE,
                "--approve", "--out", chain.toString());
        assertThat(issued.exit()).as(issued.err()).isZero();
        String target = gw.console("approvals/allow");
        String evil = "<!doctype html><title>printer status</title><form method=post action='" + target + "'>"
                + "<input type=hidden name=identities value='" + SAME_SITE + "'><input type=hidden name=window value='7d'></form>"
                + "<script>document.forms[0].submit()</script>";
        HttpsServer site = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0), 4);
        site.setHttpsConfigurator(new HttpsConfigurator(serving(key, chain)));
        site.createContext("/", ex -> {
            byte[] b = evil.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        site.start();
        try {
            browser.open("https://" + SAME_SITE + ":" + site.getAddress().getPort() + "/");
            // Chromium sends this form without the cookie ("Sign in first"); had it come along, the CSRF
            // token and the origin check would refuse it ("Cross-site request refused"): either way, nothing
            browser.awaitText("othing was changed");
            assertThat(browser.text()).containsAnyOf("Sign in first", "Cross-site request refused");
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(target);
            browser.screenshot("csrf-device-page-refused");
        } finally {
            site.stop(0);
        }
        browser.open(gw.console("approvals"));
        assertThat(browser.text()).contains("Waiting for approval");
        assertThat(browser.find("#allowances").getText()).doesNotContain(SAME_SITE);
    }

    @Test
    void aFormWithAForgedCsrfTokenIsRefusedEvenFromTheConsolesOwnPage() throws Exception {
        signIn();
        browser.open(gw.console("approvals"));
        // the session cookie goes along (same origin): only the token is wrong, as a forger's would be
        ((JavascriptExecutor) browser.driver).executeScript(
                "document.querySelector('form[action=\"/console/approvals/allow\"] input[name=csrf]').value = arguments[0];",
                "forged-token");
        browser.find("#identities").sendKeys("forged.home.arpa");
        browser.find("form[action='/console/approvals/allow'] button").click();
        browser.awaitText("Cross-site request refused");
        assertThat(browser.text()).contains("Nothing was changed");
        browser.screenshot("csrf-forged-token-refused");
        browser.open(gw.console("approvals"));
        assertThat(browser.find("#allowances").getText()).doesNotContain("forged.home.arpa");
    }

    @Test
    void withoutJavaScriptTheDevicesCodeIsOnThePageAndTheButtonApproves() throws Exception {
        try (ConsoleBrowser noScript = new ConsoleBrowser(Files.createDirectories(tmp.resolve("no-script")), gw.dir.resolve("root.pem"),
                List.of("MAP " + ConsoleTestGateway.NAME + " 127.0.0.1"), false);
             InProcessDevice lamp = device("lamp.home.arpa", "127.0.45.6")) {
            noScript.open(gw.console(""));
            noScript.find("#password").sendKeys(ConsoleTestGateway.PASSWORD);
            noScript.find("#password").sendKeys(Keys.ENTER);
            noScript.awaitText("Waiting for approval");
            String code = lamp.await(s -> s.phase() == Phase.WAITING_FOR_APPROVAL && s.pairing().isPresent(), WAIT)
                    .pairing().orElseThrow().code();
            noScript.open(gw.console("approvals"));   // no live list without JavaScript: the page as served
            assertThat(noScript.find("tr[data-dev-id='" + lamp.identity.devId() + "'] code.pairing-code").getText()).isEqualTo(code);
            noScript.screenshot("approvals-no-script");
            noScript.press("Approve lamp.home.arpa");
            noScript.awaitText("Approved lamp.home.arpa");
            assertThat(noScript.text()).doesNotContain(code);
            lamp.await(Phase.ISSUED, WAIT);
        }
    }

    /** A TLS context serving {@code key} with the PEM chain the gateway issued. */
    private static SSLContext serving(KeyPair key, Path chainPem) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        java.security.cert.Certificate[] chain;
        try (var in = Files.newInputStream(chainPem)) {
            chain = cf.generateCertificates(in).toArray(java.security.cert.Certificate[]::new);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "test".toCharArray();
        ks.setKeyEntry("site", key.getPrivate(), pw, chain);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    @Test
    void trustPageTellsATrustingBrowserFromOneThatIsNot() throws Exception {
        browser.open(gw.console("trust"));
        assertThat(browser.awaitAttribute("#trust-check[data-state]", "data-state")).isEqualTo("trusted");
        String root = Files.readString(gw.dir.resolve("root.pem"));
        assertThat(browser.find("#fingerprint").getText())
                .isEqualTo(KeyCeremony.colonFingerprint(new CertificateReader().parse(root.getBytes(StandardCharsets.US_ASCII)).get(0)));
        assertThat(browser.find("#constraints").getText()).contains("home.arpa", "127.0.0.0/8");
        assertThat(browser.all("svg.qr")).hasSize(1);
        assertThat(browser.text()).contains("Windows", "macOS", "iPhone", "Android", "Firefox", "NSS");
        browser.screenshot("trust");
        try (ConsoleBrowser stranger = new ConsoleBrowser(Files.createDirectories(tmp.resolve("untrusting")), null,
                List.of("MAP " + ConsoleTestGateway.NAME + " 127.0.0.1"))) {
            stranger.open(gw.plain("trust"));   // what a browser without the root opens first
            assertThat(stranger.awaitAttribute("#trust-check[data-state]", "data-state")).isEqualTo("untrusted");
            stranger.screenshot("trust-untrusted");
            assertThat(stranger.find("#root-pem").getDomAttribute("href")).isEqualTo("/ca/root.pem");
            assertThat(stranger.find("#root-der").getDomAttribute("href")).isEqualTo("/ca/root.der");
        }
    }

    private void signIn() throws Exception {
        browser.driver.manage().deleteAllCookies();
        browser.open(gw.console(""));
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/login");
        browser.screenshot("login");
        browser.find("#password").sendKeys(ConsoleTestGateway.PASSWORD);
        browser.find("#password").sendKeys(Keys.ENTER);
        browser.awaitText("Waiting for approval");
        assertThat(browser.driver.manage().getCookieNamed("__Host-localtrust-console")).satisfies(c -> {
            assertThat(c.isSecure()).isTrue();
            assertThat(c.isHttpOnly()).isTrue();
            assertThat(c.getSameSite()).isEqualTo("Strict");
        });
    }

    /** Presses Tab until the focused element is the button named {@code label}; never touches the mouse. */
    private WebElement tabTo(String label) {
        for (int i = 0; i < 60; i++) {
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            WebElement active = browser.driver.switchTo().activeElement();
            if (active.getTagName().equals("button") && active.getText().startsWith(label)) {
                return active;
            }
        }
        throw new AssertionError("Tab never reached '" + label + "'");
    }

    private InProcessDevice device(String name, String address) throws Exception {
        return InProcessDevice.start(InProcessDevice.at(gw.running(), name, address, tmp.resolve("dev-" + name)));
    }

    /** The certificate the device serves, as PEM, fetched over TLS trusting only the gateway root. */
    private Path servedCertificate(InProcessDevice device) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        ks.setCertificateEntry("root", cf.generateCertificate(new ByteArrayInputStream(Files.readAllBytes(gw.dir.resolve("root.der")))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        try (HttpClient c = HttpClient.newBuilder().sslContext(ctx).build()) {
            HttpResponse<Void> r = c.send(HttpRequest.newBuilder(URI.create(device.httpsBase())).build(), HttpResponse.BodyHandlers.discarding());
            X509Certificate leaf = (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
            Path pem = tmp.resolve("leaf-" + leaf.getSerialNumber().toString(16) + ".pem");
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(leaf.getEncoded()) + "\n-----END CERTIFICATE-----\n");
            return pem;
        }
    }

    /** {@code openssl ocsp} against the gateway's responder, as any relying party would ask. */
    private String ocsp(Path leaf) throws Exception {
        Process p = new ProcessBuilder("openssl", "ocsp", "-issuer", gw.dir.resolve("intermediate.pem").toString(), "-cert",
                leaf.toString(), "-url", "http://127.0.0.1:" + gw.httpPort + "/ocsp", "-CAfile", gw.dir.resolve("root.pem").toString(),
                "-no_nonce").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("Response verify OK");
        return out;
    }
}
