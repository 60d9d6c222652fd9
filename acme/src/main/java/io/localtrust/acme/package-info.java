/**
 * The ACME (RFC 8555) front end of the gateway: accounts, orders, authorizations and challenges
 * validated over the LAN only ({@link io.localtrust.acme.validation}), finalize through the
 * authority, revocation, renewal information (RFC 9773). It holds no signing logic — every
 * certificate comes from {@link io.localtrust.authority.Authority} — and every error is an
 * {@link io.localtrust.acme.AcmeProblem}, rendered in one place.
 */
package io.localtrust.acme;
