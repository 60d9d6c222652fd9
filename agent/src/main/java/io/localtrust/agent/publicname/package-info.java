/**
 * The device side of the names service (U-CA/S, issue 8, docs/names.md): registering with a names
 * service by proof of the device key, and obtaining a publicly trusted wildcard certificate
 * {@code *.<dev-id>.<zone>} from a public ACME CA by DNS-01 through it.
 */
package io.localtrust.agent.publicname;
