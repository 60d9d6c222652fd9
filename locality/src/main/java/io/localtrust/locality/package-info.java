/**
 * Locality: whether an address or a host name is on the local network.
 *
 * <p>The trust engine accepts id-kp-localDevice certificates only on local connections, the
 * ACME validator connects only to local addresses, the scanner refuses public ranges, and the
 * linter flags internal names in publicly trusted certificates: all of them ask this package.
 * Nothing here performs DNS lookups; callers pass addresses they already have.
 */
package io.localtrust.locality;
