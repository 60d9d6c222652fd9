/**
 * Challenge validation for the ACME front end: http-01 (RFC 8555 §8.3) and tls-alpn-01
 * (RFC 8737, with RFC 8738 for ip identifiers), run against devices on the LAN only.
 *
 * <p>The server decides which address to validate ({@link io.localtrust.acme.validation.ValidationTarget});
 * a {@link io.localtrust.acme.validation.ChallengeValidator} connects there — through
 * {@link io.localtrust.acme.validation.LocalOnly}, which refuses non-local addresses before any
 * socket exists — and either returns or throws an {@link io.localtrust.acme.AcmeProblem}:
 * <ul>
 *   <li>{@code rejectedIdentifier}: the address is not local (or the identifier cannot be sent);</li>
 *   <li>{@code connection}: nothing answered in time, the connection failed, or a redirect was refused;</li>
 *   <li>{@code tls}: the handshake failed, or {@code acme-tls/1} was not selected;</li>
 *   <li>{@code unauthorized}: the device answered http-01 with a status other than 200;</li>
 *   <li>{@code incorrectResponse}: it answered, but not with the proof (wrong or oversized body,
 *       wrong certificate, malformed HTTP).</li>
 * </ul>
 * Details name the URL or address and say what was expected, for the device's owner to act on.
 * The validators resolve no names and compare key authorizations in constant time.
 */
package io.localtrust.acme.validation;
