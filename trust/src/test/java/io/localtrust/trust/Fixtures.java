package io.localtrust.trust;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.TestCerts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/** Certificates for the engine's own tests, made at {@link TestCerts#NOW}. */
final class Fixtures {
    static final Clock CLOCK = Clock.fixed(TestCerts.NOW, ZoneOffset.UTC);

    private Fixtures() {
    }

    /** A gateway root as authority makes it: permitted home.arpa, .local and the RFC 1918 ranges. */
    static CertificateMaker.Made gatewayRoot() {
        NameConstraints nc = new NameConstraints(new GeneralSubtree[] {
            new GeneralSubtree(new GeneralName(GeneralName.dNSName, "home.arpa")),
            new GeneralSubtree(new GeneralName(GeneralName.dNSName, "local")),
            new GeneralSubtree(ip(new byte[] {10, 0, 0, 0}, new byte[] {(byte) 255, 0, 0, 0})),
            new GeneralSubtree(ip(new byte[] {(byte) 192, (byte) 168, 0, 0}, new byte[] {(byte) 255, (byte) 255, 0, 0})),
        }, null);
        return TestCerts.maker().commonName("Home gateway root").ca(1)
                .extension("2.5.29.30", true, encoded(nc)).make();
    }

    static CertificateMaker.Made root(String name) {
        return TestCerts.maker().commonName(name).ca(null).make();
    }

    static CertificateMaker.Made intermediate(String name, CertificateMaker.Made issuer) {
        return TestCerts.maker().commonName(name).ca(0).issuer(issuer).make();
    }

    static TrustEngine engine(Anchor... anchors) {
        return new TrustEngine(List.of(anchors), List.of(), EngineSettings.defaults(), CLOCK);
    }

    static Connection local(String host, String peer) {
        return Connection.of(host, address(peer), io.localtrust.locality.Locality.defaults());
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: never a lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static VerifyRequest server(String host, Connection connection, Cert... chain) {
        return VerifyRequest.server(List.of(chain), PeerName.of(host), connection);
    }

    private static GeneralName ip(byte[] address, byte[] mask) {
        byte[] both = new byte[address.length * 2];
        System.arraycopy(address, 0, both, 0, address.length);
        System.arraycopy(mask, 0, both, address.length, mask.length);
        return new GeneralName(GeneralName.iPAddress, new DEROctetString(both));
    }

    private static byte[] encoded(NameConstraints nc) {
        try {
            return nc.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
