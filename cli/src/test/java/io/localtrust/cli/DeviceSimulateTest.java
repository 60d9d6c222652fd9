package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.practice.Classifier;
import io.localtrust.practice.DeviceAssessment;
import io.localtrust.practice.InMemoryFleet;
import io.localtrust.practice.Practice;
import io.localtrust.practice.context.AnchorSet;
import io.localtrust.practice.context.TrustContext;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.CertificateReader;
import io.localtrust.x509.TestCerts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code device simulate --practice all} against a real {@code gateway run}, both as processes: a
 * fleet of 14 devices on 127.0.43.x — two of each practice, the U-L/S ones device agents
 * pre-authorised through the gateway's admin API with the admin token {@code gateway init}
 * printed. Each device is then observed over the network as a scanner would (the chain its TLS
 * server presents, or a plain-HTTP answer) and the practice classifier, with the fleet view over
 * all of them, puts every device in the practice the command said it follows — so one command does
 * produce a fleet with every category, and the shared keys really are shared; and each serves its page over
 * that connection.
 */
class DeviceSimulateTest {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final Pattern ROW = Pattern.compile(
            "^(\\S+)\\s+(127\\.0\\.43\\.\\d+)\\s+(\\S+)\\s+((https?)://127\\.0\\.43\\.\\d+:(\\d+)/)\\s+(serving)\\s*$");

    @TempDir
    Path tmp;

    @Test
    void mixedFleetIsClassifiedDeviceByDeviceAsTheCommandBuiltIt() throws Exception {
        Path dir = tmp.resolve("gw");
        Files.writeString(tmp.resolve("pass.txt"), "a long enough passphrase\n");
        int gwHttp = GatewayProcess.freePort();
        Cli.Result init = GatewayProcess.real("gateway", "init", "--dir", dir.toString(), "--name", "Fleet test", "--permit",
                "home.arpa,127.0.0.0/8", "--passphrase-file", tmp.resolve("pass.txt").toString(), "--url", "http://127.0.0.1:" + gwHttp);
        assertThat(init.exit()).as(init.err()).isZero();
        Matcher token = Pattern.compile("Admin API token:\\s+(\\S+)").matcher(init.out());
        assertThat(token.find()).as(init.out()).isTrue();
        Files.writeString(tmp.resolve("token.txt"), token.group(1) + "\n");

        Made publicCa = CertificateMaker.at(Instant.now(), new SecureRandom()).commonName("Test Public CA").organization("Test")
                .ca(0).lifetime(Duration.ofDays(365)).make();
        Files.writeString(tmp.resolve("public-ca.pem"), TestCerts.pem(publicCa.cert()));
        Files.writeString(tmp.resolve("public-ca-key.pem"), TestCerts.pem("PRIVATE KEY", publicCa.keyPair().getPrivate().getEncoded()));

        int devicePort = GatewayProcess.freePort();
        int https = GatewayProcess.freePort();
        try (GatewayProcess gw = GatewayProcess.withHttpListen(dir, tmp.resolve("gw.log"), "127.0.0.1:" + gwHttp,
                "--validation-http-port", Integer.toString(devicePort));
             DeviceProcess fleet = new DeviceProcess(tmp.resolve("fleet.err"), Map.of(), List.of("device", "simulate"), List.of(),
                     "--count", "14", "--addresses", "127.0.43.1-254", "--practice", "all", "--gateway", gw.acmeDirectory,
                     "--ca-bundle", dir.resolve("root.pem").toString(), "--admin-token-file", tmp.resolve("token.txt").toString(),
                     "--public-ca", tmp.resolve("public-ca.pem").toString(), "--public-ca-key", tmp.resolve("public-ca-key.pem").toString(),
                     "--http-port", Integer.toString(devicePort), "--https-port", Integer.toString(https), "--poll", "500ms")) {
            fleet.await("^Fleet of 14 devices \\(.*\\) ready in \\d+ ms", WAIT);

            List<String[]> rows = new ArrayList<>();
            for (String line : fleet.out) {
                Matcher m = ROW.matcher(line);
                if (m.matches()) {
                    rows.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(5), m.group(6)});
                }
            }
            assertThat(rows).as(String.join("\n", fleet.out)).hasSize(14);

            Instant now = Instant.now();
            List<DeviceObservation> observed = new ArrayList<>();
            for (String[] r : rows) {
                int port = Integer.parseInt(r[4]);
                EndpointObservation e = r[3].equals("http") ? EndpointObservation.http(port, httpAnswers(r[1], port))
                        : EndpointObservation.https(port, handshake(r[1], port));
                observed.add(new DeviceObservation(Optional.of(r[1]), r[1], now, List.of(e)));
            }
            CertificateReader reader = new CertificateReader();
            Cert root = reader.read(dir.resolve("root.pem")).get(0);
            TrustContext context = new TrustContext(new AnchorSet(AnchorSet.Kind.PUBLIC, "test public CA", List.of(publicCa.cert())),
                    new AnchorSet(AnchorSet.Kind.LOCAL, "gateway root", List.of(root)), AnchorSet.empty(AnchorSet.Kind.VENDOR),
                    new CompromisedKeys.Builder().build());
            InMemoryFleet view = InMemoryFleet.of(observed);
            Map<Practice, Integer> seen = new EnumMap<>(Practice.class);
            for (int i = 0; i < rows.size(); i++) {
                DeviceAssessment a = Classifier.standard().classify(observed.get(i), context, view);
                assertThat(a.practice().seedLabel()).as("%s at %s: %s", rows.get(i)[0], rows.get(i)[1], a.reason())
                        .isEqualTo(rows.get(i)[2]);
                seen.merge(a.practice(), 1, Integer::sum);
            }
            assertThat(seen).as("two devices of every practice").hasSize(7).allSatisfy((p, n) -> assertThat(n).isEqualTo(2));
            assertThat(rows).filteredOn(r -> r[2].equals("U-L/S")).extracting(r -> r[0])
                    .allSatisfy(n -> assertThat(n).matches("sim-\\d+\\.home\\.arpa"));
            assertThat(fleet.stop()).isZero();
        }
        Cli.Result list = GatewayProcess.real("gateway", "list", "--dir", dir.toString());
        assertThat(list.out()).containsPattern("(?m)^[a-z2-7]{26}\\s+approved\\s+sim-6\\.home\\.arpa, 127\\.0\\.43\\.6\\s");
    }

    @Test
    void badOptionsAreOneLineEach() {
        assertThat(Cli.run("device", "simulate", "--count", "3", "--addresses", "10.0.0.1-5", "--practice", "NONE"))
                .satisfies(r -> {
                    assertThat(r.exit()).isEqualTo(2);
                    assertThat(r.err()).contains("--addresses", "127.0.0.0/8").doesNotContain("Exception");
                });
        assertThat(Cli.run("device", "simulate", "--count", "3", "--practice", "NONE,bogus")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("--practice", "'bogus' is not a practice").doesNotContain("Exception");
        });
        assertThat(Cli.run("device", "simulate", "--count", "300", "--addresses", "127.0.10.1-254", "--practice", "NONE"))
                .satisfies(r -> {
                    assertThat(r.exit()).isEqualTo(2);
                    assertThat(r.err()).contains("300 devices need 300 addresses");
                });
        assertThat(Cli.run("device", "simulate", "--count", "2")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("--gateway URL and --ca-bundle");
        });
        assertThat(Cli.run("device", "simulate", "--count", "7", "--practice", "all", "--gateway", "https://127.0.0.1:1",
                "--ca-bundle", "/dev/null")).satisfies(r -> {
                    assertThat(r.exit()).isEqualTo(2);
                    assertThat(r.err()).contains("--public-ca");
                });
    }

    @Test
    void stoppingDeletesOnlyTheTemporaryStateDirectoryItMade() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("localtrust-fleet-123/sim-1.home.arpa"));
        Files.writeString(mine.resolve("device.json"), "{}");
        Path beside = Files.writeString(tmp.resolve("someone-elses-file"), "keep");
        DeviceSimulateCommand.deleteTemporary(tmp.resolve("localtrust-fleet-123"));
        assertThat(tmp.resolve("localtrust-fleet-123")).doesNotExist();
        assertThat(beside).exists();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeviceSimulateCommand.deleteTemporary(tmp))
                .hasMessageContaining("refusing to delete");
        assertThat(beside).exists();
    }

    /** A plain-HTTP GET that gets an answer (and does not redirect to HTTPS). */
    private static boolean httpAnswers(String address, int port) throws Exception {
        try (HttpClient c = HttpClient.newHttpClient()) {
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + "/"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return false;
        }
    }

    /** The chain the TLS server presents, captured as a scanner does: every chain accepted, only to be recorded. */
    private static TlsObservation handshake(String address, int port) throws Exception {
        List<X509Certificate> presented = new ArrayList<>();
        X509TrustManager capture = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("client side only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                presented.addAll(Arrays.asList(chain));
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new javax.net.ssl.TrustManager[] {capture}, null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(address, port)) {
            s.setSoTimeout(10_000);
            s.startHandshake();
            // the page is served over this connection too, as a browser that clicked through the warning gets it
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + address + ":" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).as(address).startsWith("HTTP/1.1 200 ").contains("<h1>");
            CertificateReader reader = new CertificateReader();
            List<Cert> chain = new ArrayList<>();
            for (X509Certificate x : presented) {
                chain.add(reader.parseDer(x.getEncoded()));
            }
            return new TlsObservation(Optional.of(s.getSession().getProtocol()), Optional.of(s.getSession().getCipherSuite()),
                    new CertChain(chain), Optional.empty(), true);
        }
    }
}
