package io.localtrust.cli;

import io.localtrust.lint.Finding;
import io.localtrust.practice.DeviceAssessment;
import io.localtrust.practice.Verdict;
import io.localtrust.x509.Cert;
import io.localtrust.x509.Oids;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The terminal form of an assessment: certificate facts, the practice explained, findings by severity. */
final class HumanReport {
    private HumanReport() {
    }

    static String render(DeviceAssessment a) {
        StringBuilder sb = new StringBuilder();
        sb.append(a.observation().source()).append('\n');
        a.observation().tlsObservations().stream().findFirst().ifPresent(tls -> {
            Cert leaf = tls.chain().leaf();
            field(sb, "Subject", leaf.subject().isEmpty() ? "(empty)" : leaf.subject());
            field(sb, "Issuer", leaf.issuer() + (leaf.selfSigned() ? "  (self-signed)" : ""));
            field(sb, "SANs", leaf.sans().isEmpty() ? "(none)"
                    : leaf.sans().stream().map(Object::toString).collect(Collectors.joining(", ")));
            field(sb, "Key", leaf.key().describe() + "   dev-id " + leaf.fingerprints().devId());
            long days = Duration.between(leaf.notBefore(), leaf.notAfter()).toDays();
            field(sb, "Validity", leaf.notBefore() + " to " + leaf.notAfter() + " (" + days + " days)");
            field(sb, "EKU", leaf.ekus().isEmpty() ? "(none: any purpose)" : leaf.ekus().stream()
                    .map(o -> o.equals(Oids.KP_LOCAL_DEVICE) ? "id-kp-localDevice (local device only)" : Oids.ekuName(o))
                    .collect(Collectors.joining(", ")));
            field(sb, "Signature", leaf.signatureAlgorithm());
            field(sb, "SHA-256", leaf.fingerprints().sha256());
            field(sb, "SPKI SHA-256", leaf.fingerprints().spkiSha256());
            field(sb, "Chain", tls.chain().size() + (tls.chain().size() == 1 ? " certificate" : " certificates")
                    + (tls.chain().size() > 1 ? ": " + tls.chain().certs().stream().map(Cert::label)
                    .collect(Collectors.joining(" <- ")) : ""));
        });
        sb.append('\n');
        Verdict verdict = Verdict.of(a.practice(), a.findings());
        field(sb, "Practice", a.practice().seedLabel() + "  " + a.practice().title() + "   [" + verdict.text() + "]");
        wrap(sb, a.practice().explanation(), 16, 88);
        field(sb, "Uniqueness", a.uniqueness().id());
        a.anchor().ifPresent(an -> field(sb, "Anchor", an.kind().name().toLowerCase(Locale.ROOT) + " '"
                + an.anchor().label() + "' from " + an.source()));
        List<Finding> findings = a.findings();
        sb.append(findings.isEmpty() ? "  Findings:     none\n" : "  Findings:\n");
        for (Finding f : findings) {
            sb.append(String.format(Locale.ROOT, "    %-9s %-26s %s%n", f.severity().id(), f.code(), f.message()));
        }
        return sb.toString();
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append(String.format(Locale.ROOT, "  %-13s %s%n", name + ":", value));
    }

    private static void wrap(StringBuilder sb, String text, int indent, int width) {
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > width - indent && line.length() > 0) {
                sb.append(" ".repeat(indent)).append(line).append('\n');
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            sb.append(" ".repeat(indent)).append(line).append('\n');
        }
    }
}
