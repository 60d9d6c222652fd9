package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.lint.Severity;
import io.localtrust.practice.Practice;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.KeyKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the terminal report of {@code inspect} shows about one certificate file. */
class InspectReportTest {
    private static final Pattern FINDING = Pattern.compile("^    (critical|high|medium|low|info)\\s+([A-Z][A-Z0-9_]*)\\s+(.+)$");

    @TempDir
    Path dir;

    private final Pki pki = new Pki();

    @Test
    void showsCertificateFactsPracticeAndExplanation() {
        CertFiles files = new CertFiles(dir);
        Made leaf = pki.gatewayLeaf("printer.home.arpa");
        Path chain = files.pem("printer.pem", leaf.cert(), pki.gatewayIssuer.cert());
        Path root = files.pem("root.pem", pki.gatewayRoot.cert());

        Cli.Result r = Cli.run("inspect", "--no-nmap-fingerprints", "--local-anchor", root.toString(), chain.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines().findFirst()).hasValue(chain.toString());
        assertThat(r.out())
                .contains("  Subject:      CN=printer.home.arpa\n")
                .contains("  Issuer:       CN=Gateway Issuing CA,O=Home\n")
                .contains("  SANs:         dns:printer.home.arpa, ip:192.168.1.20\n")
                .contains("  Key:          EC P-256   dev-id " + leaf.cert().fingerprints().devId() + "\n")
                .contains("  Validity:     " + leaf.cert().notBefore() + " to " + leaf.cert().notAfter() + " (90 days)\n")
                .contains("  EKU:          serverAuth, id-kp-localDevice (local device only)\n")
                .contains("  SHA-256:      " + leaf.cert().fingerprints().sha256() + "\n")
                .contains("  SPKI SHA-256: " + leaf.cert().fingerprints().spkiSha256() + "\n")
                .contains("  Practice:     U-L/S  Unique certificate from a local CA   [trusted locally]\n");
        assertThat(r.outFolded()).contains(Practice.U_LS.explanation());
        assertThat(r.out()).containsPattern("(?m)^    info\\s+LOCAL_ANCHOR\\s+certified by local anchor 'Gateway Root'$");
        assertThat(r.out().lines()).noneMatch(l -> l.endsWith(" "));
    }

    @Test
    void selfSignedIssuerIsMarkedAndMissingPartsAreNamed() {
        CertFiles files = new CertFiles(dir);
        Made bare = Pki.maker().commonName("switch").lifetime(Duration.ofDays(30)).make();
        Path f = files.pem("switch.pem", bare.cert());
        Cli.Result r = Cli.run("inspect", "--no-nmap-fingerprints", f.toString());
        assertThat(r.out()).contains("  Issuer:       CN=switch  (self-signed)\n")
                .contains("  SANs:         (none)\n")
                .contains("  EKU:          (none: any purpose)\n")
                .contains("  Chain:        1 certificate\n");
    }

    @Test
    void findingsAreSortedMostSevereFirst() {
        // Shared (critical), self-signed + weak key + SHA-1 + no SAN (high), validity too long (low)
        CertFiles files = new CertFiles(dir);
        Made legacy = Pki.maker().commonName("switch").key(KeyKind.RSA_1024).signatureAlgorithm("SHA1withRSA")
                .lifetime(Duration.ofDays(3650)).make();
        Path a = files.pem("switch-a.pem", legacy.cert());
        Path b = files.pem("switch-b.pem", legacy.cert());

        Cli.Result r = Cli.run("inspect", "--no-nmap-fingerprints", a.toString(), b.toString());

        assertThat(r.exit()).isZero();
        String first = r.out().substring(0, r.out().indexOf("\n\n" + b));
        List<Severity> severities = findingLines(first).stream()
                .map(m -> Severity.valueOf(m.group(1).toUpperCase(Locale.ROOT))).toList();
        assertThat(severities).contains(Severity.CRITICAL, Severity.HIGH, Severity.LOW).isSorted();
        assertThat(findingLines(first).stream().map(m -> m.group(2)))
                .contains("SHARED_KEY", "SELF_SIGNED", "WEAK_RSA_KEY", "WEAK_SIGNATURE", "NO_SAN", "VALIDITY_TOO_LONG");
    }

    @Test
    void eachFileGetsItsOwnReportInTheOrderGiven() {
        CertFiles files = new CertFiles(dir);
        Path a = files.pem("a.pem", Pki.selfSigned("alpha").cert());
        Path b = files.pem("b.pem", Pki.selfSigned("beta").cert());
        Cli.Result r = Cli.run("inspect", "--no-nmap-fingerprints", a.toString(), b.toString());
        assertThat(r.out().indexOf("CN=alpha")).isPositive().isLessThan(r.out().indexOf("CN=beta"));
        assertThat(r.out()).contains("\n\n" + b + "\n");
    }

    private static List<Matcher> findingLines(String report) {
        return report.lines().map(FINDING::matcher).filter(Matcher::matches).toList();
    }
}
