/**
 * The trust engine's ground floor: path building over every presented and known certificate,
 * and RFC 5280 §6 path validation of our own — name constraints carried by trust anchors
 * enforced (as Chrome ≥ 112 and Firefox do; neither JDK PKIX nor Bouncy Castle does), EKU on
 * intermediates restricting the leaf as Chrome does, and id-kp-localDevice accepted only on a
 * local connection. {@link io.localtrust.trust.TrustEngine} is the entry point; its
 * {@link io.localtrust.trust.PathResult} carries the anchor kind the decision ladder of
 * DESIGN.md §3 is built on. Bouncy Castle is used for ASN.1 parsing and signatures only and
 * never appears in the public API.
 */
package io.localtrust.trust;
