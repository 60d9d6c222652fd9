package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.agent.onboarding.OnboardingStatus.Phase;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code device run} against a real {@code gateway run} (the {@linkplain SharedGateway shared}
 * one), as a process the way a user runs it: the device onboards through ACME, shows a pairing
 * code, the owner types it with {@code gateway approve --code}; then {@code openssl s_client
 * -status} sees the gateway-issued chain verify against the gateway's root and a stapled OCSP
 * response saying {@code good}; plain HTTP only redirects; SIGTERM stops it with exit 0. A
 * restart from the state the process left (in this JVM: {@link InProcessDevice}) keeps the
 * identity (same dev-id, same certificate), a revocation is noticed and the device enrols again,
 * and a damaged key store stops {@code device run} with one line. The owner's
 * commands run in this JVM on the real clock ({@link Cli#runNow}): what they do is the gateway's
 * business, tested there; here they only need to reach the gateway's store.
 */
@ExtendWith(SharedGateway.class)
class DeviceRunTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    @TempDir
    Path tmp;

    private DeviceProcess device(SharedGateway.Running gw, String address, String name, Path state, int httpsPort)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--gateway", gw.acmeDirectory(), "--name", name, "--bind", address,
                "--http-port", Integer.toString(gw.devicePort()), "--https-port", Integer.toString(httpsPort), "--state",
                state.toString(), "--ca-bundle", gw.root().toString(), "--password-file", gw.adminPassword().toString(),
                "--poll", "200ms", "--status-check", "1s", "--first-retry", "500ms"));
        return new DeviceProcess(tmp.resolve(name + "-" + state.getFileName() + ".err"), Map.of(), args.toArray(new String[0]));
    }

    private static String sClient(SharedGateway.Running gw, String address, int port) throws Exception {
        return sClient(gw, "printer.home.arpa", address, port);
    }

    static String sClient(SharedGateway.Running gw, String name, String address, int port) throws Exception {
        Process p = new ProcessBuilder("timeout", "20", "openssl", "s_client", "-status", "-connect", address + ":" + port,
                "-servername", name, "-CAfile", gw.root().toString(), "-verify_return_error")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /**
     * s_client until the handshake carries a staple: the device fetches its OCSP response right after
     * it installs a certificate, so the first handshakes after a swap may go without one (on a loaded
     * machine JSSE's 1 s fetch from the device's own responder can time out too). Bounded.
     */
    private static String stapled(SharedGateway.Running gw, String address, int port) throws Exception {
        return stapled(gw, "printer.home.arpa", address, port);
    }

    static String stapled(SharedGateway.Running gw, String name, String address, int port) throws Exception {
        String out = sClient(gw, name, address, port);
        for (int i = 0; i < 20 && !out.contains("Cert Status:"); i++) {
            Thread.sleep(500);
            out = sClient(gw, name, address, port);
        }
        return out;
    }

    private static String serial(String sClientOutput) throws Exception {
        Process p = new ProcessBuilder("openssl", "x509", "-noout", "-serial").redirectErrorStream(true).start();
        p.getOutputStream().write(sClientOutput.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String hex = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().replace("serial=", "");
        return new java.math.BigInteger(hex, 16).toString(16); // openssl pads to whole bytes
    }

    static HttpResponse<String> get(String url) throws Exception {
        try (HttpClient c = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            return c.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /**
     * What the issue asks of the HTTPS server, as openssl and curl see it: the chain verifies for
     * {@code https://NAME} and {@code https://ADDRESS} (the RFC 8738 ip identifier); TLS 1.3 first,
     * TLS 1.2 with an AEAD suite only — TLS 1.1 and CBC suites are refused; HSTS on every answer.
     */
    private static void modernTlsForBothItsNameAndItsAddressWithHsts(SharedGateway.Running gw, String address, int port)
            throws Exception {
        String connect = address + ":" + port;
        String root = gw.root().toString();
        assertThat(openssl("s_client", "-connect", connect, "-servername", "printer.home.arpa", "-verify_hostname",
                "printer.home.arpa", "-CAfile", root, "-verify_return_error"))
                .contains("Verify return code: 0 (ok)").containsPattern("New, TLSv1\\.3, Cipher is TLS_");
        assertThat(openssl("s_client", "-connect", connect, "-verify_ip", address, "-CAfile", root, "-verify_return_error"))
                .as("https://ADDRESS verifies too").contains("Verify return code: 0 (ok)");
        assertThat(openssl("s_client", "-connect", connect, "-servername", "printer.home.arpa", "-verify_hostname",
                "other.home.arpa", "-CAfile", root, "-verify_return_error"))
                .as("and another name does not").doesNotContain("Verify return code: 0 (ok)");
        assertThat(openssl("s_client", "-connect", connect, "-servername", "printer.home.arpa", "-tls1_2", "-cipher",
                "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305", "-CAfile", root, "-verify_return_error"))
                .containsPattern("New, TLSv1\\.2, Cipher is ECDHE-ECDSA-(AES128-GCM-SHA256|CHACHA20-POLY1305)");
        assertThat(openssl("s_client", "-connect", connect, "-servername", "printer.home.arpa", "-tls1_2", "-cipher",
                "ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA:ECDHE-ECDSA-AES128-SHA256:AES128-SHA:AES256-GCM-SHA384"))
                .as("CBC and non-ECDHE suites refused").contains("New, (NONE), Cipher is (NONE)");
        assertThat(openssl("s_client", "-connect", connect, "-servername", "printer.home.arpa", "-tls1_1", "-cipher", "ALL:@SECLEVEL=0"))
                .as("TLS 1.1 refused").contains("New, (NONE), Cipher is (NONE)");
        Process curl = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-D", "-", "--max-time", "20", "--cacert", root,
                "--resolve", "printer.home.arpa:" + port + ":" + address, "https://printer.home.arpa:" + port + "/")
                .redirectErrorStream(true).start();
        String headers = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(headers).as("curl, trusting the gateway root only").containsPattern("(?im)^HTTP/\\S+ 200")
                .containsPattern("(?im)^strict-transport-security: max-age=31536000\\s*$");
    }

    /**
     * The admin page as curl sees it (trusting the gateway root only): without a session, the login
     * form and nothing of the device's certificate; a wrong password is a 401; a login from another
     * origin a 403; the password given at onboarding ({@code --password-file}) gives a
     * {@code __Host-} session cookie (Secure, HttpOnly, SameSite=Strict), with which the page shows
     * the name, the dev-id and the serial.
     */
    private static void adminPageOnlyBehindTheLoginSetAtOnboarding(SharedGateway.Running gw, String address, int port, String devId,
                                                                  String serial) throws Exception {
        String base = "https://printer.home.arpa:" + port;
        String anonymous = curl(gw, address, port, base + "/");
        assertThat(anonymous).containsPattern("(?m)^HTTP/\\S+ 200").contains("Log in", "type=\"password\"")
                .doesNotContain(devId, serial);
        String password = Files.readAllLines(gw.adminPassword()).get(0);
        assertThat(curl(gw, address, port, base + "/login", "-H", "Origin: " + base, "--data-urlencode", "password=not the password"))
                .containsPattern("(?m)^HTTP/\\S+ 401").contains("Wrong password.").doesNotContain("Set-Cookie", devId);
        assertThat(curl(gw, address, port, base + "/login", "-H", "Origin: https://evil.example", "--data-urlencode",
                "password=" + password)).containsPattern("(?m)^HTTP/\\S+ 403").doesNotContain("Set-Cookie");
        String in = curl(gw, address, port, base + "/login", "-H", "Origin: " + base, "--data-urlencode", "password=" + password);
        java.util.regex.Matcher cookie = java.util.regex.Pattern
                .compile("(?im)^set-cookie: (__Host-localtrust-session=[^;\\s]+);(.*)$").matcher(in);
        assertThat(cookie.find()).as(in).isTrue();
        assertThat(cookie.group(2)).contains("Secure", "HttpOnly", "SameSite=Strict");
        assertThat(curl(gw, address, port, base + "/", "-H", "Cookie: " + cookie.group(1)))
                .containsPattern("(?m)^HTTP/\\S+ 200").contains("printer.home.arpa", devId, serial);
    }

    private static String curl(SharedGateway.Running gw, String address, int port, String url, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-i", "--max-time", "20", "--cacert", gw.root().toString(),
                "--resolve", "printer.home.arpa:" + port + ":" + address));
        cmd.addAll(List.of(extra));
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static String openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("timeout", "20", "openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void onboardsByPairingCodeStaplesGoodKeepsIdentityReEnrolsAfterRevocationAndRefusesADamagedKey(SharedGateway.Running gw)
            throws Exception {
        String address = "127.0.41.1";
        int https = GatewayProcess.freePort();
        Path state = tmp.resolve("printer");
        String devId;
        String serial;
        try (DeviceProcess d = device(gw, address, "printer.home.arpa", state, https)) {
            devId = d.await("New device printer\\.home\\.arpa \\(dev-id ([a-z2-7]{26})\\)", WAIT);
            String code = d.await("Pairing code: ([A-Z2-9]{4}-[A-Z2-9]{4})", WAIT);
            d.await("Pairing link: (localtrust-pair:\\S+)", WAIT);
            HttpResponse<String> page = get("http://" + address + ":" + gw.devicePort() + "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(devId, code, "waiting for the owner's approval").doesNotContain("password");
            assertThat(Files.getPosixFilePermissions(state.resolve("device-key.p12")))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

            Cli.Result approve = Cli.runNow("gateway", "approve", "--dir", gw.dir().toString(), "--code", code);
            assertThat(approve.exit()).as(approve.err()).isZero();
            serial = d.await("issued: certificate ([0-9a-f]+) issued", WAIT);

            String s = stapled(gw, address, https);
            assertThat(s).contains("OCSP Response Status: successful", "Cert Status: good", "Verify return code: 0 (ok)");
            assertThat(serial(s)).isEqualTo(serial);
            modernTlsForBothItsNameAndItsAddressWithHsts(gw, address, https);
            adminPageOnlyBehindTheLoginSetAtOnboarding(gw, address, https, devId, serial);
            HttpResponse<String> redirect = get("http://" + address + ":" + gw.devicePort() + "/admin?x=1");
            assertThat(redirect.statusCode()).isEqualTo(301);
            assertThat(redirect.headers().firstValue("Location")).contains("https://" + address + ":" + https + "/admin");
            assertThat(d.out).as("off a terminal, the pairing link is not drawn as a QR code")
                    .noneMatch(l -> l.contains("\u2588") || l.contains("\u2580"));
            assertThat(d.stop()).isZero();
        }

        // the restart in this JVM: what it proves is in the state directory the process left, not in a JVM start
        try (InProcessDevice again = InProcessDevice.start(InProcessDevice.at(gw, "printer.home.arpa", address, state))) {
            assertThat(again.identity.created()).isFalse();
            assertThat(again.identity.devId()).isEqualTo(devId);
            again.await(st -> st.phase() == Phase.ISSUED && st.detail().contains("serving the kept certificate " + serial), WAIT);
            int port = again.agent.httpsPort().orElseThrow();
            assertThat(serial(sClient(gw, address, port))).isEqualTo(serial);

            Cli.Result revoke = Cli.runNow("gateway", "revoke", "--dir", gw.dir().toString(), serial);
            assertThat(revoke.exit()).as(revoke.err()).isZero();
            again.await(st -> st.phase() == Phase.ISSUED && st.detail().startsWith("certificate ")
                    && !st.detail().startsWith("certificate " + serial + " "), WAIT);
            String renewed = again.agent.served().orElseThrow().leaf().serial().toString(16);
            assertThat(renewed).isNotEqualTo(serial);
            String s = stapled(gw, address, port);
            assertThat(s).contains("Cert Status: good", "Verify return code: 0 (ok)");
            assertThat(serial(s)).isEqualTo(renewed);
        }

        Files.write(state.resolve("device-key.p12"), new byte[] {0x30, 0x03, 0x02, 0x01});
        Cli.Result refused = Cli.run("device", "run", "--gateway", gw.acmeDirectory(), "--name", "printer.home.arpa",
                "--bind", address, "--http-port", Integer.toString(gw.devicePort()), "--state", state.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("device-key.p12 is damaged", devId, "refusing to start", "--reset-identity")
                .doesNotContain("Exception", "\tat ");
        assertThat(refused.err().lines()).hasSize(1);

        Files.delete(state.resolve("device-key.p12"));
        Cli.Result missing = Cli.run("device", "run", "--gateway", gw.acmeDirectory(), "--name", "printer.home.arpa",
                "--bind", address, "--http-port", Integer.toString(gw.devicePort()), "--state", state.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("device-key.p12 is missing", devId, "refusing to start", "--reset-identity")
                .doesNotContain("Exception", "\tat ");
        assertThat(missing.err().lines()).hasSize(1);
        assertThat(state.resolve("device-key.p12")).as("no new key made in its place").doesNotExist();
    }
}
