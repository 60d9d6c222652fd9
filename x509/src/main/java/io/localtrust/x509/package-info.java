/**
 * The certificate model every other part of localtrust works on.
 *
 * <p>Bouncy Castle's certificate types ({@code X509CertificateHolder}, {@code Date}, nullable
 * getters) stay inside this package: callers see immutable records ({@link io.localtrust.x509.Cert},
 * {@link io.localtrust.x509.CertChain}) with {@link java.time.Instant}, {@link java.util.Optional}
 * and immutable lists. Parsing is bounded (size limits, no unbounded ASN.1 lengths) and fails with
 * one checked exception, {@link io.localtrust.x509.CertificateParseException}, whose message is a
 * single line fit for a user.
 */
package io.localtrust.x509;
