/**
 * Certificate lints: one certificate in, findings out (DESIGN.md §2, "Findings beside the category").
 *
 * <p>Each {@link io.localtrust.lint.Lint} is a small stateless class that checks one thing and says
 * why in its javadoc, with the rule it enforces (CA/B Forum Baseline Requirements, RFC 5280) and
 * the ZLint or pkilint lint it corresponds to. {@link io.localtrust.lint.Linter} runs the standard
 * set over a certificate or a presented chain. Lints never read the clock (the observation time is
 * in {@link io.localtrust.lint.LintContext}) and never put key material in a message, only sizes.
 * docs/lints.md lists the codes and how far they agree with ZLint and pkilint.
 */
package io.localtrust.lint;
