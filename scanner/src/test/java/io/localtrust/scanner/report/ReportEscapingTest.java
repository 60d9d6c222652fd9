package io.localtrust.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.practice.Classifier;
import io.localtrust.practice.DeviceAssessment;
import io.localtrust.practice.InMemoryFleet;
import io.localtrust.practice.context.AnchorSet;
import io.localtrust.practice.context.TrustContext;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.scanner.ScanResult;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.TestCerts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Everything in a report that a device chose (its certificate's subject, issuer, names) is text:
 * markup in the HTML report is escaped, a formula in the CSV is defused.
 */
class ReportEscapingTest {
    private static final String HOSTILE = "=HYPERLINK(\"http://x\")<img src=x onerror=alert(1)>";

    private static ScanResult scanOfAHostileDevice() {
        var made = CertificateMaker.at(TestCerts.NOW, TestCerts.random(7)).commonName(HOSTILE).organization("</td><script>alert(2)</script>")
                .lifetime(Duration.ofDays(365)).make();
        TlsObservation tls = new TlsObservation(Optional.of("TLSv1.2"), Optional.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
                new CertChain(List.of(made.cert())), Optional.empty(), true);
        DeviceObservation d = new DeviceObservation(Optional.of("192.168.1.66"), "192.168.1.66", TestCerts.NOW,
                List.of(EndpointObservation.https(443, tls)));
        TrustContext none = new TrustContext(AnchorSet.empty(AnchorSet.Kind.PUBLIC), AnchorSet.empty(AnchorSet.Kind.LOCAL),
                AnchorSet.empty(AnchorSet.Kind.VENDOR), CompromisedKeys.none());
        DeviceAssessment a = Classifier.standard().classify(d, none, InMemoryFleet.of(List.of(d)));
        return new ScanResult(TestCerts.NOW, TestCerts.NOW.plusSeconds(1), List.of("192.168.1.66<b>"), List.of(443), 1, 0,
                List.of(a), List.of());
    }

    @Test
    void htmlShowsDeviceTextAsText() {
        String html = ScanHtml.document(scanOfAHostileDevice());
        assertThat(html).doesNotContain("<img src=x", "<script>alert(2)", "</td><script>", "192.168.1.66<b>")
                .contains("&lt;img src=x onerror=alert(1)&gt;", "alert(2)");
        assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
    }

    @Test
    void csvDefusesFormulas() {
        String row = ScanCsv.document(scanOfAHostileDevice()).split("\r\n")[1];
        assertThat(row).contains("HYPERLINK").doesNotContain(",=", ",\"=", ",+", ",@").doesNotStartWith("=");
        assertThat(ScanCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ScanCsv.cell("-1")).isEqualTo("'-1");
        assertThat(ScanCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(ScanCsv.cell("plain")).isEqualTo("plain");
    }
}
