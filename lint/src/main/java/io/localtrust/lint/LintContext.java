package io.localtrust.lint;

import java.time.Instant;
import java.util.Objects;

/**
 * What a lint needs beyond the certificate.
 *
 * @param at              observation time (validity lints); injected, never {@code Instant.now()}
 * @param role            the certificate's place in the chain
 * @param publiclyTrusted the chain validates to a public root, so CA/B Forum Baseline
 *                        Requirements apply (internal names, reserved IPs)
 */
public record LintContext(Instant at, CertRole role, boolean publiclyTrusted) {
    public LintContext {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(role, "role");
    }
}
