package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code localtrust names run} in a JVM of its own, as an operator starts it: the banner says
 * where it serves, an acme-dns registration and update show in {@code dig}, SIGTERM stops it with
 * exit 0; mistakes in the options are one line and exit 2.
 */
class NamesRunCommandTest {
    @TempDir
    Path tmp;

    private static String dig(int port, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", Integer.toString(port), "+tries=1", "+time=2"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theRunningServiceAnswersDnsAndTheAcmeDnsApiAndStopsOnSigterm() throws Exception {
        Path pem = tmp.resolve("api.pem");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "names", "run", "--zone", "Devices.Example.NET",
                "--dns", "127.0.0.1:0", "--api", "127.0.0.1:0", "--db", tmp.resolve("db/names.db").toString(),
                "--self-signed-out", pem.toString(), "--ns-name", "ns1.example.net", "--soa-email", "dns.admin@example.net");
        Process p = new ProcessBuilder(cmd).redirectError(tmp.resolve("names.log").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> banner = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null) {
                banner.add(line);
                if (line.contains("API certificate")) {
                    break;
                }
            }
            String text = String.join("\n", banner);
            Matcher dns = Pattern.compile("DNS:\\s+127\\.0\\.0\\.1:(\\d+) UDP and TCP").matcher(text);
            Matcher api = Pattern.compile("API:\\s+(https://127\\.0\\.0\\.1:\\d+)/").matcher(text);
            assertThat(dns.find() && api.find()).as(text + Files.readString(tmp.resolve("names.log"))).isTrue();
            int port = Integer.parseInt(dns.group(1));
            assertThat(text).contains("devices.example.net").contains("SQLite");

            assertThat(dig(port, "devices.example.net", "SOA", "+short")).startsWith("ns1.example.net. dns\\.admin.example.net. ");
            HttpClient http = HttpClient.newBuilder().sslContext(trusting(Files.readString(pem))).build();
            HttpResponse<String> reg = http.send(HttpRequest.newBuilder(URI.create(api.group(1) + "/register"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reg.statusCode()).as(reg.body()).isEqualTo(201);
            var account = new com.fasterxml.jackson.databind.ObjectMapper().readTree(reg.body());
            String txt = "t".repeat(43);
            HttpResponse<String> up = http.send(HttpRequest.newBuilder(URI.create(api.group(1) + "/update"))
                    .header("X-Api-User", account.get("username").asText()).header("X-Api-Key", account.get("password").asText())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"subdomain\":\"" + account.get("subdomain").asText()
                            + "\",\"txt\":\"" + txt + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
            assertThat(dig(port, "_acme-challenge." + account.get("fulldomain").asText(), "TXT", "+short")).isEqualTo("\"" + txt + "\"\n");
            assertThat(dig(port, "c0a80114." + account.get("subdomain").asText() + ".devices.example.net", "A", "+short"))
                    .isEqualTo("192.168.1.20\n");

            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor()).isZero();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void mistakesAreOneLineAndExit2() throws Exception {
        Path db = tmp.resolve("refused.db");
        for (List<String> args : List.of(
                List.of("--zone", "com", "--db", db.toString()),
                List.of("--zone", "devices.example.net", "--dns", "127.0.0.1:99999", "--db", db.toString()),
                List.of("--zone", "devices.example.net", "--soa-email", "nobody", "--db", db.toString()),
                List.of("--zone", "devices.example.net", "--tls-cert", tmp.resolve("missing.pem").toString(), "--db", db.toString()),
                List.of("--zone", "devices.example.net", "--tls-cert", tmp.resolve("missing.pem").toString(),
                        "--tls-key", tmp.resolve("missing.key").toString(), "--db", db.toString()),
                List.of("--zone", "devices.example.net", "--db", "/proc/nowhere/names.db", "--dns", "127.0.0.1:0", "--api", "127.0.0.1:0"))) {
            List<String> all = new ArrayList<>(List.of("names", "run"));
            all.addAll(args);
            Cli.Result r = Cli.run(all.toArray(String[]::new));
            assertThat(r.exit()).as(args + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(args + ": " + r.err()).hasSize(1);
            assertThat(db).as(args + ": a mistake creates no store").doesNotExist();
        }
    }

    static SSLContext trusting(String pem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("api", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
