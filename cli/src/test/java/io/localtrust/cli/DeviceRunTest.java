package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code device run} against a real {@code gateway run}, both as processes, the way a user runs
 * them: the device onboards through ACME, shows a pairing code, the owner types it with
 * {@code gateway approve --code} from the shell; then {@code openssl s_client -status} sees the
 * gateway-issued chain verify against the gateway's root and a stapled OCSP response saying
 * {@code good}; plain HTTP only redirects. A restart keeps the identity (same dev-id, same
 * certificate), a revocation is noticed and the device enrols again, a damaged key store stops
 * the start, and a denied device says so on its HTTP page.
 */
class DeviceRunTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    @TempDir
    static Path tmp;
    static GatewayProcess gw;
    static Path dir;
    static int devicePort;

    @BeforeAll
    static void gateway() throws Exception {
        dir = tmp.resolve("gw");
        Files.writeString(tmp.resolve("pass.txt"), "a long enough passphrase\n");
        Files.writeString(tmp.resolve("admin.txt"), "device admin password\n");
        int http = GatewayProcess.freePort();
        Cli.Result r = Cli.run("gateway", "init", "--dir", dir.toString(), "--name", "Device test", "--permit",
                "home.arpa,127.0.0.0/8", "--passphrase-file", tmp.resolve("pass.txt").toString(), "--url", "http://127.0.0.1:" + http);
        assertThat(r.exit()).as(r.err()).isZero();
        devicePort = GatewayProcess.freePort();
        gw = GatewayProcess.withHttpListen(dir, tmp.resolve("gw.log"), "127.0.0.1:" + http, "--validation-http-port",
                Integer.toString(devicePort));
    }

    @AfterAll
    static void stopGateway() {
        if (gw != null) {
            gw.close();
        }
    }

    private static DeviceProcess device(String address, String name, Path state, int httpsPort, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--gateway", gw.acmeDirectory, "--name", name, "--bind", address,
                "--http-port", Integer.toString(devicePort), "--https-port", Integer.toString(httpsPort), "--state", state.toString(),
                "--ca-bundle", dir.resolve("root.pem").toString(), "--password-file", tmp.resolve("admin.txt").toString(),
                "--poll", "500ms", "--status-check", "1s"));
        args.addAll(List.of(extra));
        return new DeviceProcess(tmp.resolve(name + "-" + state.getFileName() + ".err"), Map.of(), args.toArray(new String[0]));
    }

    private static String sClient(String address, int port) throws Exception {
        Process p = new ProcessBuilder("timeout", "20", "openssl", "s_client", "-status", "-connect", address + ":" + port,
                "-servername", "printer.home.arpa", "-CAfile", dir.resolve("root.pem").toString(), "-verify_return_error")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static String serialServed(String address, int port) throws Exception {
        String out = sClient(address, port);
        Process p = new ProcessBuilder("openssl", "x509", "-noout", "-serial").redirectErrorStream(true).start();
        p.getOutputStream().write(out.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String hex = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().replace("serial=", "");
        return new java.math.BigInteger(hex, 16).toString(16); // openssl pads to whole bytes
    }

    private static HttpResponse<String> get(String url) throws Exception {
        try (HttpClient c = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            return c.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void onboardsByPairingCodeStaplesGoodKeepsIdentityReEnrolsAfterRevocationAndRefusesADamagedKey() throws Exception {
        String address = "127.0.41.1";
        int https = GatewayProcess.freePort();
        Path state = tmp.resolve("printer");
        String devId;
        String serial;
        try (DeviceProcess d = device(address, "printer.home.arpa", state, https)) {
            devId = d.await("New device printer\\.home\\.arpa \\(dev-id ([a-z2-7]{26})\\)", WAIT);
            String code = d.await("Pairing code: ([A-Z2-9]{4}-[A-Z2-9]{4})", WAIT);
            HttpResponse<String> page = get("http://" + address + ":" + devicePort + "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(devId, code, "waiting for the owner's approval").doesNotContain("password");
            assertThat(Files.getPosixFilePermissions(state.resolve("device-key.p12")))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

            Cli.Result approve = GatewayProcess.real("gateway", "approve", "--dir", dir.toString(), "--code", code);
            assertThat(approve.exit()).as(approve.err()).isZero();
            serial = d.await("issued: certificate ([0-9a-f]+) issued", WAIT);

            String s = sClient(address, https);
            assertThat(s).contains("OCSP Response Status: successful", "Cert Status: good", "Verify return code: 0 (ok)");
            HttpResponse<String> redirect = get("http://" + address + ":" + devicePort + "/admin?x=1");
            assertThat(redirect.statusCode()).isEqualTo(301);
            assertThat(redirect.headers().firstValue("Location")).contains("https://" + address + ":" + https + "/admin");
            assertThat(d.stop()).isZero();
        }

        try (DeviceProcess again = device(address, "printer.home.arpa", state, https)) {
            again.await("^Device printer\\.home\\.arpa \\(dev-id " + devId + "\\)", WAIT);
            again.await("serving the kept certificate " + serial, WAIT);
            assertThat(serialServed(address, https)).isEqualTo(serial);

            Cli.Result revoke = GatewayProcess.real("gateway", "revoke", "--dir", dir.toString(), serial);
            assertThat(revoke.exit()).as(revoke.err()).isZero();
            String renewed = again.await("issued: certificate ([0-9a-f]+) issued", WAIT);
            assertThat(renewed).isNotEqualTo(serial);
            assertThat(sClient(address, https)).contains("Cert Status: good", "Verify return code: 0 (ok)");
            assertThat(serialServed(address, https)).isEqualTo(renewed);
            assertThat(again.stop()).isZero();
        }

        Files.write(state.resolve("device-key.p12"), new byte[] {0x30, 0x03, 0x02, 0x01});
        Cli.Result refused = GatewayProcess.real("device", "run", "--gateway", gw.acmeDirectory, "--name", "printer.home.arpa",
                "--bind", address, "--http-port", Integer.toString(devicePort), "--state", state.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("device-key.p12 is damaged", devId, "refusing to start", "--reset-identity")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void aDeniedDeviceSaysSoOnItsHttpPageAndGetsNoCertificate() throws Exception {
        String address = "127.0.41.2";
        try (DeviceProcess d = device(address, "scanner.home.arpa", tmp.resolve("scanner"), GatewayProcess.freePort())) {
            String devId = d.await("New device scanner\\.home\\.arpa \\(dev-id ([a-z2-7]{26})\\)", WAIT);
            d.await("Pairing code:", WAIT);
            Cli.Result deny = GatewayProcess.real("gateway", "deny", "--dir", dir.toString(), devId);
            assertThat(deny.exit()).as(deny.err()).isZero();
            d.await("^\\[.*\\] denied: ", WAIT);
            HttpResponse<String> page = get("http://" + address + ":" + devicePort + "/");
            assertThat(page.body()).contains("denied by the gateway's owner", "--reset-identity");
            assertThat(get("http://" + address + ":" + devicePort + "/login").statusCode()).isEqualTo(404);
            assertThat(d.stop()).isZero();
        }
    }
}
