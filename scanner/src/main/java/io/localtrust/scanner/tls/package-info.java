/**
 * The scanner's own TLS 1.2 reader: one ClientHello out, the server's first flight in, parsed
 * with hard bounds up to the Certificate and CertificateStatus messages (RFC 5246 §7.4, RFC 6066
 * §8), which TLS 1.2 sends in clear. No key exchange, no cryptography, no JSSE: a scan only needs
 * the chain as sent. See docs/scan.md.
 */
package io.localtrust.scanner.tls;
