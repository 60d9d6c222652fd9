package io.localtrust.scanner.tls;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a TLS 1.2 server's first flight said, as far as a scan needs it.
 *
 * @param version the protocol version the ServerHello chose ("TLSv1.2")
 * @param cipher  the suite it chose, by its standard name
 * @param chain   the Certificate message's certificates, DER, in the order sent (never empty)
 * @param ocsp    the CertificateStatus message's OCSP response, when the server stapled one
 */
public record ServerFlight(String version, String cipher, List<byte[]> chain, Optional<byte[]> ocsp) {
    public ServerFlight {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cipher, "cipher");
        chain = List.copyOf(chain);
        Objects.requireNonNull(ocsp, "ocsp");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a flight with a chain has at least one certificate");
        }
    }
}
