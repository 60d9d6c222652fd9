package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's {@code chromium}, headless, driven by Selenium through Debian's {@code chromedriver}
 * (both from apt; {@code scripts/test} installs them). Chromium runs with {@code HOME} set to a
 * fresh directory whose NSS database ({@code $HOME/.pki/nssdb}) holds the gateway root or not —
 * what a user's "install the root" step changes — and with {@code --host-resolver-rules} mapping
 * the test's names to loopback addresses. Screenshots go to {@code target/console-screenshots/}.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final Duration WAIT = Duration.ofSeconds(60);

    final WebDriver driver;
    private final ChromeDriverService service;

    /** A browser whose NSS database trusts {@code root} (null: trusts nothing of ours). */
    ConsoleBrowser(Path home, Path root, List<String> resolverRules) throws Exception {
        this(home, root, resolverRules, true);
    }

    /** As above; {@code javascript} false: a browser with JavaScript switched off (what must still work without it). */
    ConsoleBrowser(Path home, Path root, List<String> resolverRules, boolean javascript) throws Exception {
        NssHome.create(home, root);
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--user-data-dir=" + Files.createDirectories(home.resolve("profile")),
                "--host-resolver-rules=" + String.join(", ", resolverRules));
        if (!javascript) {
            o.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort()
                .withEnvironment(Map.of("HOME", home.toString())).withLogFile(home.resolve("chromedriver.log").toFile()).build();
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /**
     * Waits until the page's text contains {@code s}, without reloading (what live updates must
     * do). A form's POST and redirect, or a page's own refresh, may replace the page between
     * finding the body and reading it: a stale body is read again. chromedriver reports that as
     * {@link StaleElementReferenceException} or, when the old document is already gone, as an
     * "unhandled inspector error: Node with given id does not belong to the document".
     */
    void awaitText(String s) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "page never showed '" + s + "':\n" + text())
                .until(d -> {
                    try {
                        return d.findElement(By.tagName("body")).getText().contains(s);
                    } catch (WebDriverException e) {
                        if (replaced(e)) {
                            return false; // the page was replaced under us: read the new one
                        }
                        throw e;
                    }
                });
    }

    /** Waits until {@code css} exists and its attribute {@code name} has a value. */
    String awaitAttribute(String css, String name) {
        return new WebDriverWait(driver, WAIT).until(d -> {
            List<WebElement> e = d.findElements(By.cssSelector(css));
            return e.isEmpty() ? null : e.get(0).getDomAttribute(name);
        });
    }

    void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }

    /**
     * Clicks the button whose label starts so, once it is there; found again if the live list
     * re-renders under the lookup (a device asking, or offering its pairing code, redraws it):
     * Chromedriver reports a replaced node as stale, or as one that "does not belong to the document".
     */
    void press(String startsWith) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "no button '" + startsWith + "' on:\n" + text())
                .until(d -> {
                    try {
                        WebElement button = d.findElements(By.tagName("button")).stream()
                                .filter(e -> e.getText().startsWith(startsWith)).findFirst().orElse(null);
                        if (button == null) {
                            return null;
                        }
                        button.click();
                        return true;
                    } catch (WebDriverException e) {
                        if (replaced(e)) {
                            return null; // redrawn under the lookup: look again
                        }
                        throw e;
                    }
                });
    }

    /** Chromedriver's other way of saying an element went stale: its document was replaced. */
    private static boolean replaced(WebDriverException e) {
        return String.valueOf(e.getMessage()).contains("does not belong to the document");
    }
}
