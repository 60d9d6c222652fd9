/**
 * {@code gateway run}: the running gateway's HTTP fronts. Plain HTTP serves what must not depend
 * on TLS — OCSP (RFC 6960, answered from pre-signed responses, for every issuing CA still in use),
 * a CRL per issuing CA and the CA certificates —
 * and HTTPS, with a certificate the gateway issues itself, serves the same plus the JSON admin API.
 * Transport only: every decision is the authority's ({@code io.localtrust.authority}).
 *
 * <p>Handlers are one-method {@link io.localtrust.gateway.Endpoint}s over plain records
 * ({@link io.localtrust.gateway.Call} in, {@link io.localtrust.gateway.Reply} out); Jetty is met
 * in exactly one class ({@link io.localtrust.gateway.JettyAdapter}) and errors are rendered in
 * exactly one place ({@link io.localtrust.gateway.Problems}).
 */
package io.localtrust.gateway;
