/**
 * The gateway's local DNS zone (issue 4): authoritative answers for the names the gateway bound to
 * devices when it certified them, over UDP and TCP (RFC 1035, RFC 7766), with dnsjava. No recursion,
 * no zone transfers, nothing outside the zone.
 */
package io.localtrust.localdns;
