package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * {@code localtrust demo --console} as a user runs it (its own JVM): it prints the console's URL
 * and a password, and signing in with them shows the doorbell waiting for approval (with the
 * pairing code the demo printed for it) and the
 * demo's fleet among the devices.
 */
class DemoConsoleTest {
    @Test
    void demoConsolePrintsItsUrlAndPasswordAndOneDeviceWaits() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "demo",
                "--console", "--no-jdk-roots"));
        // its stderr kept in a file: shown if the demo ends before printing the console (once, in a suite run, it did)
        Path err = Files.createTempFile("demo-console", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String url = null;
            String password = null;
            String code = null;
            Path root = null;
            List<String> seen = new ArrayList<>();
            for (String line; (line = out.readLine()) != null && !line.startsWith("Ctrl-C stops it"); ) {
                seen.add(line);
                Matcher u = Pattern.compile("Console of the demo gateway: (https://127\\.0\\.0\\.1:\\d+/console/)").matcher(line);
                Matcher pw = Pattern.compile("password:\\s+([a-z2-9]{20})\\s").matcher(line);
                Matcher c = Pattern.compile("waiting:\\s+doorbell\\.home\\.arpa asks for approval, showing pairing code "
                        + "([A-Z2-9]{4}-[A-Z2-9]{4}):").matcher(line);
                code = c.find() ? c.group(1) : code;
                Matcher r = Pattern.compile("demo root is new to your browser \\((\\S+root\\.pem)\\)").matcher(line);
                url = u.find() ? u.group(1) : url;
                password = pw.find() ? pw.group(1) : password;
                root = r.find() ? Path.of(r.group(1)) : root;
            }
            assertThat(url).as(String.join("\n", seen) + "\n--- stderr (tail):\n" + tail(err)).isNotNull();
            assertThat(password).isNotNull();
            assertThat(code).as(String.join("\n", seen)).isNotNull();
            try (HttpClient tls = HttpClient.newBuilder().sslContext(trusting(root)).build()) {
                HttpResponse<String> login = tls.send(HttpRequest.newBuilder(URI.create(url + "login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
                String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                String approvals = tls.send(HttpRequest.newBuilder(URI.create(url + "approvals")).header("Cookie", cookie).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(approvals).contains(DemoConsole.WAITING, "Approve " + DemoConsole.WAITING)
                        .as("the code the doorbell shows, beside it").contains("<code class=\"pairing-code\">" + code + "</code>");
                String devices = tls.send(HttpRequest.newBuilder(URI.create(url + "devices")).header("Cookie", cookie).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(devices).contains("U-L/S", "pending");
            }
        } finally {
            p.destroy();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            Files.deleteIfExists(err);
        }
    }

    private static String tail(Path file) throws java.io.IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static SSLContext trusting(Path rootPem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("root", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(rootPem))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
