package io.localtrust.authority;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.store.IssuedCertificate;
import io.localtrust.x509.CertificateReader;
import io.localtrust.x509.OcspResponses;
import io.localtrust.x509.OcspStatus;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 during a burst of issuance (issue 3, "Bad input and faults"): a separate JVM issues on
 * several threads and prints each serial it got back; it is SIGKILLed mid-burst. After restart,
 * every serial that was returned is in the store, serials are unique, the audit chain is intact
 * and OCSP answers good for each.
 */
class KillNineTest {
    @TempDir
    Path tmp;

    private static List<String> lines(Path file) throws java.io.IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        // a line without its newline was cut by the kill mid-write: not a returned serial yet
        int cut = text.lastIndexOf('\n');
        return cut < 0 ? List.of() : List.of(text.substring(0, cut).split("\n"));
    }

    @Test
    void everyCertificateReturnedBeforeSigkillIsInTheStoreAfterRestart() throws Exception {
        Path dir = tmp.resolve("gw");
        TestGateway.init(dir);
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // stdout goes to a file, not a pipe: every line the victim wrote before it died is kept
        // (destroying a Process closes its pipes, losing what was not yet read)
        Path out = tmp.resolve("victim.out");
        Process victim = new ProcessBuilder(java.toString(), "-cp", cp, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                KillNineIssuer.class.getName(), dir.toString(), "4")
                .redirectOutput(out.toFile()).redirectError(tmp.resolve("victim.err").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // wait until the burst is well under way (READY and 25 serials), however slow the machine,
        // then kill: a fixed sleep made this depend on the machine's speed
        while (lines(out).size() < 26) {
            assertThat(victim.isAlive()).as("victim alive: " + Files.readString(tmp.resolve("victim.err"))).isTrue();
            assertThat(System.nanoTime()).as("the victim issued 25 certificates within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        int seenBeforeKill = lines(out).size();
        victim.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no store close
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> all = lines(out);
        assertThat(all.get(0)).isEqualTo("READY");
        List<String> printed = all.subList(1, all.size()).stream().filter(l -> !l.startsWith("REFUSED")).toList();
        List<String> refused = all.stream().filter(l -> l.startsWith("REFUSED")).toList();
        assertThat(seenBeforeKill).isLessThanOrEqualTo(all.size());
        assertThat(victim.exitValue()).isEqualTo(137);
        assertThat(refused).isEmpty();
        assertThat(printed).as("a burst was under way when killed").hasSizeGreaterThan(20);
        assertThat(printed).allMatch(s -> s.matches("[0-9a-f]+"));
        assertThat(new HashSet<>(printed)).as("serials unique").hasSize(printed.size());

        try (Gateway g = TestGateway.open(dir)) {
            Map<BigInteger, IssuedCertificate> stored = g.store().certificates().stream()
                    .collect(Collectors.toMap(IssuedCertificate::serial, Function.identity()));
            assertThat(stored.size()).isGreaterThanOrEqualTo(printed.size());
            System.out.printf("kill -9 mid-burst: %d certificates returned before the kill, %d in the store after restart%n",
                    printed.size(), stored.size());
            assertThat(g.store().verify()).as("audit chain").isEmpty();
            Set<BigInteger> seen = new HashSet<>();
            CertificateReader reader = new CertificateReader();
            for (String hex : printed) {
                BigInteger serial = new BigInteger(hex, 16);
                assertThat(seen.add(serial)).isTrue();
                IssuedCertificate c = stored.get(serial);
                assertThat(c).as("returned serial %s is in the store", hex).isNotNull();
                OcspStatus s = OcspResponses.read(g.ocsp().respond(serial), reader.parseDer(c.der()), g.intermediate());
                assertThat(s.status()).as("OCSP for %s", hex).isEqualTo(OcspStatus.Status.GOOD);
                assertThat(s.signatureValid()).isTrue();
            }
            long issues = g.store().events(1, 1_000_000).stream().filter(e -> e.action().equals("issue")).count();
            assertThat(issues).as("one audit entry per stored certificate").isEqualTo(stored.size());
        }
    }
}
