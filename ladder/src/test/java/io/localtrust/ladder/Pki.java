package io.localtrust.ladder;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.TestCerts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/** Real chains for the ladder's tests, made at {@link TestCerts#NOW}: gateway, public-style and vendor PKIs. */
final class Pki {
    static final Clock CLOCK = Clock.fixed(TestCerts.NOW, ZoneOffset.UTC);

    /** A gateway root as authority makes it: home.arpa, .local, RFC 1918 — and 127/8 so loopback tests can use it. */
    final Made gatewayRoot = TestCerts.maker().commonName("Home Gateway Root").organization("Home").ca(1)
            .lifetime(Duration.ofDays(3650)).extension("2.5.29.30", true, encoded(new NameConstraints(new GeneralSubtree[] {
                new GeneralSubtree(new GeneralName(GeneralName.dNSName, "home.arpa")),
                new GeneralSubtree(new GeneralName(GeneralName.dNSName, "local")),
                new GeneralSubtree(ip(new byte[] {10, 0, 0, 0}, new byte[] {(byte) 255, 0, 0, 0})),
                new GeneralSubtree(ip(new byte[] {127, 0, 0, 0}, new byte[] {(byte) 255, 0, 0, 0})),
                new GeneralSubtree(ip(new byte[] {(byte) 192, (byte) 168, 0, 0}, new byte[] {(byte) 255, (byte) 255, 0, 0})),
            }, null))).make();
    final Made gatewayIssuer = TestCerts.maker().commonName("Home Gateway Issuing CA").organization("Home")
            .issuer(gatewayRoot).ca(0).lifetime(Duration.ofDays(730)).make();
    final Made publicRoot = TestCerts.maker().commonName("Test Public Root").organization("Test Trust").ca(1)
            .lifetime(Duration.ofDays(3650)).make();
    final Made publicIssuer = TestCerts.maker().commonName("Test Public DV CA").organization("Test Trust")
            .issuer(publicRoot).ca(0).lifetime(Duration.ofDays(1800)).make();
    final Made vendorRoot = TestCerts.maker().commonName("Acme IoT Root").organization("Acme Devices").ca(1)
            .lifetime(Duration.ofDays(9000)).make();

    /** The three PKIs' roots as anchors; offline (the leaves name an OCSP responder no test runs). */
    TrustConfig config() {
        return TrustConfig.of(List.of(publicRoot.cert()), List.of(gatewayRoot.cert()), List.of(vendorRoot.cert()))
                .withoutOnlineRevocation();
    }

    /** A gateway leaf as authority issues it: serverAuth and id-kp-localDevice, the name and optional addresses. */
    Made gatewayLeaf(String name, String... ips) {
        return TestCerts.maker().commonName(name).issuer(gatewayIssuer).dns(name).ip(ips).serverAuth().localDevice()
                .ocspUrl("http://gateway.home.arpa/ocsp").make();
    }

    Made publicLeaf(String name) {
        return TestCerts.maker().commonName(name).issuer(publicIssuer).dns(name).serverAuth().make();
    }

    Made vendorLeaf(String name, boolean localDevice) {
        CertificateMaker m = TestCerts.maker().commonName(name).organization("Acme Devices").issuer(vendorRoot).dns(name)
                .serverAuth().lifetime(Duration.ofDays(3650));
        return (localDevice ? m.localDevice() : m).make();
    }

    static Made selfSigned(String name, String... ips) {
        return TestCerts.maker().commonName(name).dns(name).ip(ips).serverAuth().lifetime(Duration.ofDays(3650)).make();
    }

    static TlsPeer peer(String host, String address, Cert... chain) {
        return TlsPeer.of(host, 443, address(address), List.of(chain));
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
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
