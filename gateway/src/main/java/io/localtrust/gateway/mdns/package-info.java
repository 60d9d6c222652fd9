/**
 * mDNS/DNS-SD (RFC 6762, RFC 6763) with jmdns, opt-in ({@code gateway run --mdns ADDRESS}): the
 * gateway announces its console and lists the devices that announce {@code _https._tcp} or
 * {@code _http._tcp}, as candidates the console shows. See docs/console.md.
 */
package io.localtrust.gateway.mdns;
