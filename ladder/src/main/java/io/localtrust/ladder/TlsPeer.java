package io.localtrust.ladder;

import io.localtrust.x509.Cert;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one connection showed: the ladder's input besides the configuration.
 *
 * @param host        the host of the URL (a name or an IP literal, IPv6 without brackets)
 * @param port        the URL's port
 * @param peerAddress the address actually connected to; empty when unknown (then the connection is not local)
 * @param chain       the presented certificates, leaf first, as sent
 * @param stapledOcsp the stapled OCSP response (DER), if the server sent one
 * @param statusToken the device status token fetched over this connection, if any
 * @param attestation the attestation token the device served ({@code /.well-known/local-device/attestation}), if any
 */
public record TlsPeer(String host, int port, Optional<InetAddress> peerAddress, List<Cert> chain,
                      Optional<byte[]> stapledOcsp, Optional<PresentedToken> statusToken, Optional<byte[]> attestation) {
    public TlsPeer {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(peerAddress, "peerAddress");
        Objects.requireNonNull(statusToken, "statusToken");
        chain = List.copyOf(chain);
        stapledOcsp = Objects.requireNonNull(stapledOcsp, "stapledOcsp").map(byte[]::clone);
        attestation = Objects.requireNonNull(attestation, "attestation").map(byte[]::clone);
    }

    /** A connection without an attestation. */
    public TlsPeer(String host, int port, Optional<InetAddress> peerAddress, List<Cert> chain, Optional<byte[]> stapledOcsp,
                   Optional<PresentedToken> statusToken) {
        this(host, port, peerAddress, chain, stapledOcsp, statusToken, Optional.empty());
    }

    /** A connection's chain without staple or token. */
    public static TlsPeer of(String host, int port, InetAddress peer, List<Cert> chain) {
        return new TlsPeer(host, port, Optional.of(peer), chain, Optional.empty(), Optional.empty());
    }

    public TlsPeer withStaple(byte[] der) {
        return new TlsPeer(host, port, peerAddress, chain, Optional.of(der), statusToken, attestation);
    }

    public TlsPeer withStatusToken(PresentedToken token) {
        return new TlsPeer(host, port, peerAddress, chain, stapledOcsp, Optional.of(token), attestation);
    }

    public TlsPeer withAttestation(byte[] token) {
        return new TlsPeer(host, port, peerAddress, chain, stapledOcsp, statusToken, Optional.of(token));
    }

    @Override
    public Optional<byte[]> attestation() {
        return attestation.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> stapledOcsp() {
        return stapledOcsp.map(byte[]::clone);
    }

    /** "host:port", IPv6 literals bracketed: the pin store's key. */
    public String endpoint() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
