package io.localtrust.cli;

import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.TestCerts;
import java.time.Duration;

/** A small PKI made at {@link Cli#NOW}: a public root + issuer, a gateway root + issuer, a vendor root. */
final class Pki {
    final Made publicRoot = maker().commonName("Test Public Root").organization("Test Trust").ca(1)
            .lifetime(Duration.ofDays(3650)).make();
    final Made publicIssuer = maker().commonName("Test Public DV CA").organization("Test Trust").issuer(publicRoot)
            .ca(0).lifetime(Duration.ofDays(1800)).make();
    final Made gatewayRoot = maker().commonName("Gateway Root").organization("Home").ca(1)
            .lifetime(Duration.ofDays(3650)).make();
    final Made gatewayIssuer = maker().commonName("Gateway Issuing CA").organization("Home").issuer(gatewayRoot)
            .ca(0).lifetime(Duration.ofDays(730)).make();
    final Made vendorRoot = maker().commonName("Vendor Device Root").organization("VendorCo").ca(0)
            .lifetime(Duration.ofDays(9000)).make();

    static CertificateMaker maker() {
        return TestCerts.maker();
    }

    /** A unique self-signed device certificate (U-S/S on its own). */
    static Made selfSigned(String cn) {
        return maker().commonName(cn).dns(cn + ".local").serverAuth().lifetime(Duration.ofDays(365)).make();
    }

    /** A device leaf from the gateway: local-device EKU, 90 days. */
    Made gatewayLeaf(String name) {
        return maker().commonName(name).issuer(gatewayIssuer).dns(name).ip("192.168.1.20").serverAuth().localDevice()
                .lifetime(Duration.ofDays(90)).make();
    }

    /** A device leaf signed by the vendor root. */
    Made vendorLeaf(String cn) {
        return maker().commonName(cn).organization("VendorCo").issuer(vendorRoot).dns(cn + ".local").serverAuth()
                .lifetime(Duration.ofDays(365)).make();
    }

    /** A leaf for a public Device DNS Name. */
    Made publicLeaf(String name) {
        return maker().commonName(name).issuer(publicIssuer).dns(name).serverAuth().lifetime(Duration.ofDays(90)).make();
    }
}
