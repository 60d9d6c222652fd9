package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.localtrust.agent.onboarding.OnboardingStatus.Phase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's Scans page in a real browser (issue 9): headless Chromium through chromedriver,
 * against a real {@code gateway run}. On loopback: a device agent the owner approves in the
 * console (U-L/S), an {@code openssl s_server} with a self-signed certificate (U-S/S), a plain HTTP
 * admin page (null) and a port that accepts and never answers (so the scan visibly runs). The
 * owner starts a scan of them from the form, watches its progress until the page opens the
 * finished scan by itself, reads the counts per practice, reads the embedded report inside its
 * sandboxed frame, and finds the scanned devices on the Devices page — the agent merged with the
 * device the gateway knows, the others marked "found by scan". Without JavaScript the Scans page
 * reloads itself until the scan ends. Screenshots in {@code target/console-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleScansBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    private Path tmp;
    private ConsoleTestGateway gw;
    private ConsoleBrowser browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        gw = new ConsoleTestGateway(tmp);
        browser = new ConsoleBrowser(Files.createDirectories(tmp.resolve("browser")), gw.dir.resolve("root.pem"),
                List.of("MAP " + ConsoleTestGateway.NAME + " 127.0.0.1"));
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
    void startAScanWatchItFinishReadTheReportAndSeeTheFoundDevices() throws Exception {
        signIn();
        HttpServer plain = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.47.3"), 0), 4);
        plain.createContext("/", ex -> {
            byte[] b = "<h1>router admin</h1>".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        plain.start();
        List<Socket> held = new ArrayList<>();
        try (InProcessDevice printer = InProcessDevice.start(InProcessDevice.at(gw.running(), "printer.home.arpa", "127.0.47.1",
                tmp.resolve("dev-printer")));
             SelfSignedDevice camera = new SelfSignedDevice(tmp.resolve("camera"), "127.0.47.2", "camera.home.arpa");
             ServerSocket silent = new ServerSocket(0, 8, InetAddress.getByName("127.0.47.4"))) {
            Thread.ofVirtual().start(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // never answers: the scan waits for its per-connection timeout
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            printer.await(Phase.WAITING_FOR_APPROVAL, WAIT);
            browser.awaitText(printer.identity.devId());
            browser.all("button").stream().filter(b -> b.getText().startsWith("Approve printer.home.arpa")).findFirst().orElseThrow().click();
            printer.await(Phase.ISSUED, WAIT);
            int printerPort = printer.agent.httpsPort().orElseThrow();

            // Start a scan from the form: the targets field is prefilled; the owner types their own.
            browser.open(gw.console("scans"));
            assertThat(browser.find("#targets").getDomProperty("value")).contains("127.0.0.1:" + gw.httpsPort);
            assertThat(browser.find("#ports").getDomProperty("value")).isEqualTo("80,443,8443");
            browser.find("#targets").clear();
            browser.find("#targets").sendKeys("127.0.47.1:" + printerPort + " " + camera.target() + " 127.0.47.3:"
                    + plain.getAddress().getPort() + " 127.0.47.4:" + silent.getLocalPort());
            browser.find("#start-scan").click();

            // Watch it run: the progress region updates without a reload, then the finished scan opens by itself.
            browser.awaitText("Scan started on 127.0.47.1");
            assertThat(browser.find("#scan-progress").getDomAttribute("data-state")).isEqualTo("running");
            browser.awaitText("Scanning 127.0.47.1");
            JavascriptExecutor js = (JavascriptExecutor) browser.driver;
            js.executeScript("window.sameDocument = true;");
            browser.awaitText("3 of 4 probes");   // three answered at once; the silent port holds the fourth
            assertThat(js.executeScript("return window.sameDocument === true;")).as("updated in place, not reloaded").isEqualTo(true);
            browser.screenshot("scans-running");
            new WebDriverWait(browser.driver, WAIT).until(d -> d.getCurrentUrl().matches(".*/console/scans/[0-9a-f]{16}$"));
            browser.awaitText("devices by practice");
            Map<String, String> counts = Map.of("NONE", "1", "NU_SS", "0", "NU_US", "0", "U_SS", "1", "U_US", "0", "U_LS", "1", "U_CAS", "0");
            counts.forEach((category, n) -> assertThat(browser.find("#scan-summary td[data-category='" + category + "']").getText())
                    .as(category).isEqualTo(n));
            assertThat(browser.find("#scan-summary caption").getText()).isEqualTo("3 devices by practice");
            browser.screenshot("scan-report");

            // The report, embedded: the scanner's own page inside a sandboxed frame.
            WebElement frame = browser.find("iframe#report");
            assertThat(frame.getDomAttribute("sandbox")).isEqualTo("allow-scripts");
            browser.driver.switchTo().frame(frame);
            try {
                new WebDriverWait(browser.driver, WAIT).until(d -> !d.findElements(By.cssSelector("#summary")).isEmpty());
                assertThat(browser.find("#summary").getDomAttribute("data-devices")).isEqualTo("3");
                assertThat(browser.find("h1").getText()).isEqualTo("Certificate practices on your network");
                assertThat(browser.all("#devices tr.device")).hasSize(3);
                assertThat(browser.find("#devices").getText()).contains("127.0.47.1", "U-L/S", "127.0.47.2", "U-S/S", "127.0.47.3");
                browser.find("#filter").sendKeys("127.0.47.2");   // the report's own script runs in the frame
                new WebDriverWait(browser.driver, WAIT).until(d -> d.findElements(By.cssSelector("#devices tr.device")).stream()
                        .filter(WebElement::isDisplayed).count() == 1);
            } finally {
                browser.driver.switchTo().defaultContent();
            }

            // The history lists it with the same counts.
            browser.open(gw.console("scans"));
            WebElement row = browser.find("#scans tbody tr");
            assertThat(row.getDomAttribute("data-state")).isEqualTo("finished");
            counts.forEach((category, n) -> assertThat(row.findElement(By.cssSelector("td[data-category='" + category + "']")).getText())
                    .as(category).isEqualTo(n));
            assertThat(browser.find("#scan-idle").getText()).isEqualTo("No scan is running.");
            browser.screenshot("scans-history");

            // The devices page: the agent merged with the device the gateway knows; the others found by the scan.
            browser.open(gw.console("devices"));
            WebElement known = browser.find("tr[data-dev-id='" + printer.identity.devId() + "']");
            assertThat(known.findElement(By.cssSelector("td.scan")).getText()).contains("U-L/S", "127.0.47.1");
            WebElement cam = browser.find("tr.found-by-scan[data-address='127.0.47.2']");
            assertThat(cam.getText()).contains("U-S/S", "type 3", "found by scan", "expires");
            assertThat(cam.findElement(By.cssSelector("a")).getDomAttribute("href")).isEqualTo("https://camera.home.arpa:" + camera.port + "/");
            WebElement router = browser.find("tr.found-by-scan[data-address='127.0.47.3']");
            assertThat(router.getText()).contains("null", "type 0", "found by scan", "no certificate");
            assertThat(browser.all("tr.found-by-scan[data-address='127.0.47.1']")).as("merged, not listed twice").isEmpty();
            browser.screenshot("devices-scan");
        } finally {
            plain.stop(0);
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void withoutJavaScriptTheScansPageRefreshesItselfUntilTheScanEnds() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ConsoleBrowser noScript = new ConsoleBrowser(Files.createDirectories(tmp.resolve("no-script")), gw.dir.resolve("root.pem"),
                List.of("MAP " + ConsoleTestGateway.NAME + " 127.0.0.1"), false);
             ServerSocket silent = new ServerSocket(0, 8, InetAddress.getByName("127.0.47.5"))) {
            Thread.ofVirtual().start(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // never answers: the scan runs for its timeouts
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            signIn(noScript);
            noScript.open(gw.console("scans"));
            noScript.find("#targets").clear();
            noScript.find("#targets").sendKeys("127.0.47.5:" + silent.getLocalPort());
            noScript.find("#start-scan").click();
            noScript.awaitText("Scanning 127.0.47.5");
            assertThat(noScript.driver.getCurrentUrl()).endsWith("/console/scans");
            noScript.screenshot("scans-running-no-script");
            // Nobody reloads: the page's <noscript> refresh does, until the scan is over.
            noScript.awaitText("No scan is running.");
            WebElement row = noScript.find("#scans tbody tr");
            assertThat(row.getText()).contains("127.0.47.5");
            assertThat(row.getDomAttribute("data-state")).isEqualTo("finished");
            assertThat(row.findElement(By.cssSelector("td.devices")).getText()).isEqualTo("0");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private void signIn() {
        signIn(browser);
    }

    private void signIn(ConsoleBrowser b) {
        b.driver.manage().deleteAllCookies();
        b.open(gw.console(""));
        b.find("#password").sendKeys(ConsoleTestGateway.PASSWORD);
        b.find("#password").sendKeys(Keys.ENTER);
        b.awaitText("Waiting for approval");
    }
}
