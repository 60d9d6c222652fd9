package io.localtrust.practice.observe;

import io.localtrust.x509.CertChain;
import java.util.Objects;
import java.util.Optional;

/**
 * A TLS endpoint's handshake, or a chain read from a file.
 *
 * @param version        negotiated protocol ("TLSv1.3"), when a handshake happened
 * @param cipher         negotiated cipher suite
 * @param chain          the certificates as presented, leaf first
 * @param stapledOcsp    the stapled OCSP response (DER), if one was sent or supplied
 * @param handshake      true when this came from a live handshake, so a missing staple means
 *                       the server did not staple (and not just that we could not know)
 */
public record TlsObservation(Optional<String> version, Optional<String> cipher, CertChain chain,
                             Optional<byte[]> stapledOcsp, boolean handshake) {

    public TlsObservation {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cipher, "cipher");
        Objects.requireNonNull(chain, "chain");
        stapledOcsp = Objects.requireNonNull(stapledOcsp, "stapledOcsp").map(byte[]::clone);
    }

    /** A chain read from a file: no handshake, optionally an OCSP response supplied beside it. */
    public static TlsObservation fromFile(CertChain chain, Optional<byte[]> ocsp) {
        return new TlsObservation(Optional.empty(), Optional.empty(), chain, ocsp, false);
    }

    @Override
    public Optional<byte[]> stapledOcsp() {
        return stapledOcsp.map(byte[]::clone);
    }
}
