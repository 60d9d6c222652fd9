package io.localtrust.lint;

import io.localtrust.x509.CertificateMaker;
import java.security.SecureRandom;
import java.time.Instant;

/** A fixed clock and a maker for the lint unit tests. */
final class TestCerts {
    static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCerts() {
    }

    /** A maker at {@link #AT}: the certificate starts an hour before it and lasts 90 days. */
    static CertificateMaker maker() {
        return CertificateMaker.at(AT, RANDOM);
    }

    static LintContext leaf() {
        return new LintContext(AT, CertRole.LEAF, false);
    }

    static LintContext publicLeaf() {
        return new LintContext(AT, CertRole.LEAF, true);
    }

    static LintContext as(CertRole role) {
        return new LintContext(AT, role, false);
    }
}
