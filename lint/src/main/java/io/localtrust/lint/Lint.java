package io.localtrust.lint;

import io.localtrust.x509.Cert;
import java.util.List;

/**
 * One check on one certificate. Implementations are stateless and thread-safe.
 */
public interface Lint {

    /** The stable finding code this lint emits. */
    String code();

    /** The severity of what it emits. */
    Severity severity();

    /** One line: what the lint checks (for `docs/findings.md` and `--help`). */
    String description();

    /** Findings for this certificate; empty when it passes or the lint does not apply. */
    List<Finding> check(Cert cert, LintContext context);
}
