package io.localtrust.scanner.report;

import io.localtrust.lint.Finding;
import io.localtrust.practice.DeviceAssessment;
import io.localtrust.practice.Verdict;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.scanner.ScanResult;
import io.localtrust.x509.Cert;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One row per classified device (RFC 4180: comma separated, CRLF, quoted where needed). The leaf
 * shown is the one of the device's first TLS endpoint. A cell a spreadsheet would run as a formula
 * (starting with {@code = + - @}) gets a leading apostrophe: subjects and messages come from the
 * devices, and a device must not be able to put a formula into the owner's spreadsheet.
 */
public final class ScanCsv {
    static final List<String> HEADER = List.of("address", "source", "category", "label", "verdict", "uniqueness", "ports",
            "leaf_subject", "leaf_issuer", "leaf_sha256", "spki_sha256", "not_after", "ocsp_stapled", "findings", "reason");

    private ScanCsv() {
    }

    public static String document(ScanResult r) {
        StringBuilder sb = new StringBuilder();
        line(sb, HEADER);
        for (DeviceAssessment d : r.devices()) {
            Optional<TlsObservation> tls = d.observation().tlsObservations().stream().findFirst();
            Optional<Cert> leaf = tls.map(t -> t.chain().leaf());
            String ports = d.observation().endpoints().stream()
                    .map(e -> e.port().orElse(0) + "/" + e.scheme().id() + (e.answered() ? "" : "!"))
                    .collect(Collectors.joining(" "));
            line(sb, List.of(d.observation().address().orElse(""), d.observation().source(), d.practice().name(),
                    d.practice().seedLabel(), Verdict.of(d.practice(), d.findings()).id(), d.uniqueness().id(), ports,
                    leaf.map(Cert::subject).orElse(""), leaf.map(Cert::issuer).orElse(""),
                    leaf.map(c -> c.fingerprints().sha256()).orElse(""), leaf.map(c -> c.fingerprints().spkiSha256()).orElse(""),
                    leaf.map(c -> c.notAfter().toString()).orElse(""),
                    tls.map(t -> String.valueOf(t.stapledOcsp().isPresent())).orElse(""),
                    d.findings().stream().map(Finding::code).collect(Collectors.joining(" ")), d.reason()));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells.get(i)));
        }
        sb.append("\r\n");
    }

    static String cell(String raw) {
        String v = !raw.isEmpty() && "=+-@".indexOf(raw.charAt(0)) >= 0 ? "'" + raw : raw;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
