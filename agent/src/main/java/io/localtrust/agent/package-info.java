/**
 * The device agent ({@code localtrust device run}): a device's unique key made on the device at
 * first boot, onboarding through the gateway's ACME server with acme4j (RFC 8555, an RFC 8738
 * {@code ip} identifier for its own address, http-01 answered on its own HTTP port, approval by
 * a pairing code the device shows), the HTTPS admin page with a stapled OCSP response (RFC 6066
 * §8), and renewal before the certificate ages. See docs/agent.md.
 */
package io.localtrust.agent;
