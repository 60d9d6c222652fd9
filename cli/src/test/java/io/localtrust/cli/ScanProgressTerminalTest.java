package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.TestCerts;
import io.localtrust.x509.CertificateMaker.Made;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan's progress bar, for real: {@code localtrust scan} (the CLI's main in its own JVM) runs
 * under a pseudo-terminal made by util-linux's {@code script}, against four HTTPS servers on
 * 127.0.81.1–4 and a port where nothing listens. On the terminal the bar shows the counts and an
 * ETA; with standard output piped or standard error redirected — still under the terminal — and
 * with no terminal at all, not a byte of it.
 */
class ScanProgressTerminalTest {
    @TempDir
    static Path dir;
    static final List<TlsTestServer> servers = new ArrayList<>();
    /** Any state of the bar: "[###...] 3/5 probes" (the summary line says "(5 probes)", without a count of done). */
    static final String BAR = "[0-9]+/[0-9]+ probes";

    @BeforeAll
    static void start() throws Exception {
        Made leaf = CertificateMaker.at(TestCerts.NOW, new java.security.SecureRandom()).commonName("cam.firmware.example")
                .lifetime(Duration.ofDays(3650)).make();
        for (int i = 1; i <= 4; i++) {
            servers.add(TlsTestServer.start("127.0.81." + i, leaf));
        }
    }

    @AfterAll
    static void stop() {
        servers.forEach(TlsTestServer::close);
    }

    /** The scan command line: the four servers and one closed port, so 5 probes and 4 open. */
    private static String scanCommand() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "scan", "--no-nmap-fingerprints", "--timeout", "5s"));
        for (int i = 0; i < servers.size(); i++) {
            cmd.add("127.0.81." + (i + 1) + ":" + servers.get(i).port());
        }
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.81.5"))) {
            cmd.add("127.0.81.5:" + free.getLocalPort()); // closed again before the scan: nothing listens there
        }
        return cmd.stream().map(ScanProgressTerminalTest::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Runs {@code shell} under a new pseudo-terminal; what the terminal showed. */
    private static String underTerminal(String shell) throws Exception {
        assertThat(Path.of("/usr/bin/script")).as("util-linux's script (Debian bsdutils) is needed").exists();
        Path out = dir.resolve("terminal-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder("script", "-qfec", shell, "/dev/null").redirectErrorStream(true)
                .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the scan ended").isTrue();
        String shown = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(shown).isZero();
        return shown;
    }

    @Test
    void aTerminalShowsTheBarWithCountsAndAnEta() throws Exception {
        String shown = underTerminal(scanCommand());
        assertThat(shown).as(shown).containsPattern("\\r\\[[#.]{30}\\] [1-4]/5 probes  [0-4] open  ETA [0-9]+ s")
                .containsPattern("\\r\\[#{30}\\] 5/5 probes  4 open")
                .contains("4 devices in");
        // the bar is cleared before the table is printed
        assertThat(shown.substring(shown.lastIndexOf("5/5 probes"))).containsPattern("\\r +\\r");
    }

    @Test
    void pipedOutputGetsNoBarEvenOnATerminal() throws Exception {
        String shown = underTerminal(scanCommand() + " | cat");
        assertThat(shown).as(shown).contains("4 devices in").doesNotContainPattern(BAR).doesNotContain("\r[");
    }

    @Test
    void standardErrorRedirectedAwayFromTheTerminalGetsNoBar() throws Exception {
        Path err = dir.resolve("stderr.txt");
        String shown = underTerminal(scanCommand() + " 2>" + quote(err.toString()));
        assertThat(shown).as(shown).contains("4 devices in").doesNotContainPattern(BAR);
        assertThat(Files.readString(err)).doesNotContainPattern(BAR).doesNotContain("\r");
    }

    @Test
    void noTerminalNoBar() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", scanCommand()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        byte[] stdout = p.getInputStream().readAllBytes();
        byte[] stderr = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(stdout, StandardCharsets.UTF_8)).contains("4 devices in");
        assertThat(new String(stderr, StandardCharsets.UTF_8)).doesNotContainPattern(BAR).doesNotContain("\r");
    }
}
