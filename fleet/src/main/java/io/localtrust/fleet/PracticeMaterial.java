package io.localtrust.fleet;

import io.localtrust.practice.Practice;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The certificates of the six practices a device agent does not follow, made the way vendors make
 * them (DESIGN.md §2): {@code NU_SS} one self-signed certificate and key shared by every such
 * device; {@code NU_US} one certificate under a vendor root, shared; {@code U_SS} a key of its own,
 * self-signed; {@code U_US} a key of its own under the vendor root; {@code U_CAS} a key of its own
 * certified by the given public (test) CA for the device's name. {@code NONE} has none.
 * One instance per fleet: the shared ones are made once.
 */
public final class PracticeMaterial {
    private static final Duration YEARS = Duration.ofDays(3650);

    /** A device's TLS key and the chain it presents, leaf first. */
    public record Served(PrivateKey key, CertChain chain) {
    }

    private final Clock clock;
    private final SecureRandom random;
    private final Optional<Made> publicCa;
    private final Made vendorRoot;
    private final Made sharedSelfSigned;
    private final Made sharedVendorLeaf;

    /**
     * @param publicCa the CA that certifies {@code U_CAS} devices (a test CA standing in for a public
     *                 one); without it a mix with {@code U_CAS} is refused
     */
    public PracticeMaterial(Optional<Made> publicCa, Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
        this.publicCa = publicCa;
        this.vendorRoot = maker().commonName("SimVendor Device Root").organization("SimVendor").ca(0).lifetime(YEARS.multipliedBy(3))
                .make();
        this.sharedSelfSigned = maker().commonName("SimVendor Default").organization("SimVendor").dns("device.local")
                .lifetime(YEARS).make();
        this.sharedVendorLeaf = maker().commonName("simcam").organization("SimVendor").issuer(vendorRoot).dns("simcam.local")
                .serverAuth().lifetime(YEARS).make();
    }

    private CertificateMaker maker() {
        return CertificateMaker.at(clock.instant(), random);
    }

    /** The vendor root the vendor-signed practices chain to (not trusted by anyone). */
    public Made vendorRoot() {
        return vendorRoot;
    }

    /** Whether devices of {@code p} can be made with this material. */
    public boolean supports(Practice p) {
        return p != Practice.U_CAS || publicCa.isPresent();
    }

    /**
     * The key and chain a device of practice {@code p} named {@code name} at {@code address} serves.
     *
     * @throws IllegalArgumentException for {@code NONE} and {@code U_LS} (no material: plain HTTP, the agent's own
     *                                  key) and for {@code U_CAS} without a public CA
     */
    public Served forDevice(Practice p, String name, String address) {
        return switch (p) {
            case NU_SS -> served(sharedSelfSigned);
            case NU_US -> served(sharedVendorLeaf, vendorRoot);
            case U_SS -> served(maker().commonName(name).dns(name).ip(address).serverAuth().lifetime(YEARS).make());
            case U_US -> served(maker().commonName(name).organization("SimVendor").issuer(vendorRoot).dns(name).ip(address)
                    .serverAuth().lifetime(YEARS).make(), vendorRoot);
            case U_CAS -> {
                Made ca = publicCa.orElseThrow(() -> new IllegalArgumentException(
                        "U_CAS devices need a public CA to certify them (--public-ca)"));
                String publicName = deviceDnsName(address);
                yield served(maker().commonName(publicName).issuer(ca).dns(publicName).serverAuth().lifetime(Duration.ofDays(90))
                        .make(), ca);
            }
            case NONE, U_LS -> throw new IllegalArgumentException(p + " devices serve no certificate made here");
        };
    }

    /**
     * A U-CA/S device's public name: the seed's Device DNS Name with the address embedded
     * (DESIGN.md §1b), {@code 7f000a05.devices.example.net} for 127.0.10.5 — a public CA may not
     * certify {@code .home.arpa}.
     */
    public static String deviceDnsName(String address) {
        StringBuilder hex = new StringBuilder();
        for (String o : address.split("\\.")) {
            hex.append(String.format(java.util.Locale.ROOT, "%02x", Integer.parseInt(o)));
        }
        return hex + ".devices.example.net";
    }

    private static Served served(Made leaf, Made... issuers) {
        List<io.localtrust.x509.Cert> certs = new java.util.ArrayList<>(List.of(leaf.cert()));
        for (Made i : issuers) {
            certs.add(i.cert());
        }
        return new Served(leaf.keyPair().getPrivate(), new CertChain(certs));
    }
}
