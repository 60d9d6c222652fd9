package io.localtrust.lint;

import io.localtrust.x509.Cert;
import java.util.List;

/**
 * {@code NO_SAN}: a leaf without a DNS or IP subjectAltName.
 *
 * <p>Why: browsers match the host only against subjectAltName dNSName and iPAddress entries and
 * ignore the subject common name (RFC 6125 §6.4.4; Chrome since version 58, Firefox since 48 for
 * publicly trusted and since 2021 for all), so such a certificate fits no host name at all. BR
 * §7.1.2.7.12 requires the extension. Matches zlint {@code e_ext_san_missing} (which fires only
 * when the extension is absent; one holding only e-mail or URI names is flagged here too, since a
 * browser cannot use it either).
 */
public final class NoSan implements Lint {

    @Override
    public String code() {
        return "NO_SAN";
    }

    @Override
    public Severity severity() {
        return Severity.HIGH;
    }

    @Override
    public String description() {
        return "leaf without a DNS or IP subjectAltName: browsers ignore the CN (RFC 6125 §6.4.4, BR §7.1.2.7.12)";
    }

    @Override
    public List<Finding> check(Cert cert, LintContext context) {
        if (context.role() != CertRole.LEAF || !cert.dnsNames().isEmpty() || !cert.ipAddresses().isEmpty()) {
            return List.of();
        }
        String cn = cert.subjectCommonName().map(c -> " (the CN '" + MessageText.clean(c) + "' is ignored)").orElse("");
        return List.of(new Finding(code(), severity(),
                "no DNS or IP subjectAltName" + cn + ": browsers match no host name against it"));
    }
}
