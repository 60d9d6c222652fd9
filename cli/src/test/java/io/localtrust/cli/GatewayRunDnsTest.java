package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gateway run --dns-listen}: the local zone answers {@code dig} while the gateway runs; mistakes are one line.
 * A certificate issued beside it with {@code gateway issue} (no ACME) binds its names in the zone as an ACME approval
 * does, and another device cannot take them.
 */
class GatewayRunDnsTest {
    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void init() throws Exception {
        dir = tmp.resolve("gw");
        Path pass = tmp.resolve("pass.txt");
        Files.writeString(pass, "a long enough passphrase\n");
        Cli.Result r = Cli.run("gateway", "init", "--dir", dir.toString(), "--name", "DNS test",
                "--permit", "home.arpa,127.0.0.0/8", "--passphrase-file", pass.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    private static String dig(int port, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("dig", "@127.0.0.1", "-p", Integer.toString(port),
                "+tries=1", "+time=2"));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * dig until it answers {@code expected}: a change made from the shell reaches the running gateway
     * through the store's revision probe, within a second (five allowed here for a loaded machine).
     */
    private static String awaitDig(int port, String expected, String... args) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String answer = dig(port, args);
        while (!answer.equals(expected) && System.nanoTime() - end < 0) {
            Thread.sleep(100);
            answer = dig(port, args);
        }
        return answer;
    }

    @Test
    void theRunningGatewayAnswersItsZoneAndPrintsWhere() throws Exception {
        try (GatewayProcess gw = new GatewayProcess(dir, tmp.resolve("gw.log"), "--dns-listen", "127.0.0.1:0")) {
            Matcher m = Pattern.compile("DNS\\s+\\(local zone\\):\\s+home\\.arpa on 127\\.0\\.0\\.1:(\\d+) UDP and TCP")
                    .matcher(String.join("\n", gw.banner));
            assertThat(m.find()).as(String.join("\n", gw.banner)).isTrue();
            int port = Integer.parseInt(m.group(1));

            assertThat(dig(port, "home.arpa", "SOA", "+short")).startsWith("ns.home.arpa. hostmaster.home.arpa. ");
            assertThat(dig(port, "home.arpa", "NS", "+short", "+tcp")).isEqualTo("ns.home.arpa.\n");
            assertThat(dig(port, "printer.home.arpa", "A")).contains("status: NXDOMAIN");
            assertThat(dig(port, "example.com", "A")).contains("status: REFUSED");
            assertThat(gw.stop()).isZero();
        }
    }

    @Test
    void aSourceOverItsDnsRateIsRefused() throws Exception {
        try (GatewayProcess gw = new GatewayProcess(dir, tmp.resolve("gw.log"), "--dns-listen", "127.0.0.1:0", "--dns-rate", "3/min")) {
            Matcher m = Pattern.compile("home\\.arpa on 127\\.0\\.0\\.1:(\\d+)").matcher(String.join("\n", gw.banner));
            assertThat(m.find()).isTrue();
            int port = Integer.parseInt(m.group(1));
            for (int i = 0; i < 3; i++) {
                assertThat(dig(port, "home.arpa", "SOA")).contains("status: NOERROR");
            }
            assertThat(dig(port, "home.arpa", "SOA")).contains("status: REFUSED");
            assertThat(dig(port, "home.arpa", "SOA", "+tcp")).contains("status: REFUSED");
            assertThat(gw.stop()).isZero();
        }
        Cli.Result bad = Cli.run("gateway", "run", "--dir", dir.toString(), "--listen", "127.0.0.1:0",
                "--http-listen", "127.0.0.1:0", "--dns-listen", "127.0.0.1:0", "--dns-rate", "lots");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.errLines()).containsExactly("localtrust: --dns-rate: 'lots' is not a rate like 20/s, 600/min or 300/h");
    }

    @Test
    void withoutTheOptionThereIsNoDns() throws Exception {
        try (GatewayProcess gw = new GatewayProcess(dir, tmp.resolve("gw.log"))) {
            assertThat(String.join("\n", gw.banner)).doesNotContain("(local zone)");
        }
    }

    @Test
    void aDnsPortInUseOrABadAddressIsOneLineAndExit2() throws Exception {
        try (DatagramSocket busy = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            int port = busy.getLocalPort();
            Cli.Result r = Cli.run("gateway", "run", "--dir", dir.toString(), "--listen", "127.0.0.1:0",
                    "--http-listen", "127.0.0.1:0", "--dns-listen", "127.0.0.1:" + port);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).containsExactly("localtrust: DNS on 127.0.0.1:" + port + " is in use");
        }
        Cli.Result bad = Cli.run("gateway", "run", "--dir", dir.toString(), "--listen", "127.0.0.1:0",
                "--http-listen", "127.0.0.1:0", "--dns-listen", "127.0.0.1");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.errLines()).singleElement().asString().contains("--dns-listen", "HOST:PORT");
    }

    @Test
    void gatewayIssueBindsItsNamesInTheZoneAndNoOtherDeviceTakesThem() throws Exception {
        Path nas = csr("nas");
        Path intruder = csr("intruder");
        try (GatewayProcess gw = new GatewayProcess(dir, tmp.resolve("gw.log"), "--dns-listen", "127.0.0.1:0")) {
            Matcher m = Pattern.compile("home\\.arpa on 127\\.0\\.0\\.1:(\\d+)").matcher(String.join("\n", gw.banner));
            assertThat(m.find()).isTrue();
            int port = Integer.parseInt(m.group(1));
            assertThat(dig(port, "nas.home.arpa", "A")).contains("status: NXDOMAIN");

            Cli.Result issued = Cli.runNow("gateway", "issue", "--dir", dir.toString(), "--csr", nas.toString(), "--name",
                    "nas.home.arpa", "--ip", "127.0.3.7", "--approve", "--out", tmp.resolve("nas.pem").toString());
            assertThat(issued.exit()).as(issued.err()).isZero();
            assertThat(issued.err()).contains("bound in the local zone: nas.home.arpa -> 127.0.3.7");
            assertThat(awaitDig(port, "127.0.3.7\n", "nas.home.arpa", "A", "+short")).isEqualTo("127.0.3.7\n");

            Cli.Result taken = Cli.runNow("gateway", "issue", "--dir", dir.toString(), "--csr", intruder.toString(), "--name",
                    "nas.home.arpa", "--bind", "127.0.3.8", "--approve");
            assertThat(taken.exit()).as(taken.err()).isEqualTo(3);
            assertThat(taken.errLines()).singleElement().asString().contains("name-bound-to-other-device", "nas.home.arpa belongs to device");
            assertThat(taken.out()).isEmpty();
            assertThat(dig(port, "nas.home.arpa", "A", "+short", "+tcp")).isEqualTo("127.0.3.7\n");

            Cli.Result bad = Cli.runNow("gateway", "issue", "--dir", dir.toString(), "--csr", intruder.toString(), "--name",
                    "cam.home.arpa", "--bind", "cam.home.arpa", "--approve");
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.errLines()).containsExactly("localtrust: --bind: 'cam.home.arpa' is not an IP address");
            assertThat(dig(port, "cam.home.arpa", "A")).contains("status: NXDOMAIN");
            assertThat(gw.stop()).isZero();
        }
    }

    private Path csr(String name) throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", name + ".key", "-subj", "/CN=" + name, "-out", name + ".csr").directory(tmp.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return tmp.resolve(name + ".csr");
    }
}
