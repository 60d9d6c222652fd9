package io.localtrust.practice.sample;

import io.localtrust.practice.Practice;
import io.localtrust.practice.context.AnchorSet;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.practice.context.TrustContext;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.KeyKind;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Generates the sample network of {@code localtrust demo}: at least one device of each of the
 * seed's seven practices, plus devices that show the findings (a weak legacy certificate, a
 * revoked one, a key from a published firmware dump).
 */
public final class SampleNetworks {
    private static final Duration YEAR = Duration.ofDays(365);

    private final Instant now;
    private final SecureRandom random;

    public SampleNetworks(Instant now, SecureRandom random) {
        this.now = now;
        this.random = random;
    }

    private CertificateMaker maker() {
        return CertificateMaker.at(now, random);
    }

    /**
     * Builds the network.
     *
     * @param extraPublicRoots real public roots to add beside the simulated public CA (the demo
     *                         passes the JDK's, so the sample is judged as a Java client would)
     */
    public SampleNetwork generate(List<Cert> extraPublicRoots) {
        return generate(extraPublicRoots, new MadeLocalCa(now, random));
    }

    /**
     * Builds the network with its U-L/S devices onboarded by {@code localCa} (the demo passes a real
     * gateway, whose devices onboard through its ACME front end).
     */
    public SampleNetwork generate(List<Cert> extraPublicRoots, LocalCa localCa) {
        Made publicRoot = maker().commonName("Simulated Public Root CA").organization("Demo Trust Services")
                .ca(1).lifetime(YEAR.multipliedBy(20)).make();
        Made publicIssuer = maker().commonName("Simulated Public DV CA").organization("Demo Trust Services")
                .issuer(publicRoot).ca(0).lifetime(YEAR.multipliedBy(5)).make();
        Made vendorRoot = maker().commonName("ThermoCorp Device Root").organization("ThermoCorp")
                .ca(0).lifetime(YEAR.multipliedBy(25)).make();
        Made camRoot = maker().commonName("CamVendor Root").organization("CamVendor").ca(0)
                .lifetime(YEAR.multipliedBy(30)).make();

        List<SampleDevice> devices = new ArrayList<>();
        devices.add(new SampleDevice("old-router", "admin page over plain HTTP only", Practice.NONE,
                observe("192.168.1.1", List.of(EndpointObservation.http(80, false)))));

        Made printerFirmware = maker().commonName("PrinterCo Default").organization("PrinterCo")
                .dns("printer").lifetime(YEAR.multipliedBy(20)).make();
        devices.add(new SampleDevice("printer-a", "the same self-signed certificate in every printer's firmware",
                Practice.NU_SS, httpsAndHttp("192.168.1.21", printerFirmware.cert(), false)));
        devices.add(new SampleDevice("printer-b", "a second printer, same firmware, same key", Practice.NU_SS,
                httpsAndHttp("192.168.1.22", printerFirmware.cert(), false)));

        Made camFirmware = maker().commonName("ipcam").organization("CamVendor").issuer(camRoot)
                .dns("ipcam.local").lifetime(YEAR.multipliedBy(10)).serverAuth().make();
        devices.add(new SampleDevice("camera-a", "one certificate under the vendor's root, copied into every camera",
                Practice.NU_US, https("192.168.1.31", chain(camFirmware.cert(), camRoot.cert()))));
        devices.add(new SampleDevice("camera-b", "a second camera with the same copied certificate", Practice.NU_US,
                https("192.168.1.32", chain(camFirmware.cert(), camRoot.cert()))));

        Made nas = maker().commonName("00:11:32:ab:cd:ef").dns("nas.local").lifetime(YEAR.multipliedBy(10)).make();
        devices.add(new SampleDevice("nas", "a key generated at first boot, self-signed, CN = MAC address",
                Practice.U_SS, httpsAndHttp("192.168.1.40", nas.cert(), true)));

        Made thermostat = maker().commonName("thermostat-7f3a").organization("ThermoCorp").issuer(vendorRoot)
                .dns("thermostat-7f3a.local").localDevice().serverAuth().lifetime(YEAR.multipliedBy(5)).make();
        devices.add(new SampleDevice("thermostat", "a unique key certified in the factory by the vendor's root",
                Practice.U_US, https("192.168.1.50", chain(thermostat.cert(), vendorRoot.cert()))));

        CertChain printer = localCa.issue(KeyKind.EC_P256.generate(random), List.of("printer.home.arpa", "192.168.1.20"));
        devices.add(new SampleDevice("printer", "onboarded: CSR approved by the gateway, OCSP stapled",
                Practice.U_LS, new DeviceObservation(Optional.of("192.168.1.20"), "192.168.1.20", now, List.of(
                        EndpointObservation.https(443, new TlsObservation(Optional.of("TLSv1.3"),
                                Optional.of("TLS_AES_128_GCM_SHA256"), printer, Optional.of(localCa.ocsp(printer.leaf())), true)),
                        EndpointObservation.http(80, true)))));

        Made hub = maker().commonName("c0a80114.hub.devices.example.net").issuer(publicIssuer)
                .dns("c0a80114.hub.devices.example.net").serverAuth().lifetime(Duration.ofDays(90)).make();
        devices.add(new SampleDevice("hub", "a Device DNS Name certified by a public CA over DNS-01",
                Practice.U_CAS, https("192.168.1.60", chain(hub.cert(), publicIssuer.cert()))));

        Made legacy = maker().commonName("switch").key(KeyKind.RSA_1024).signatureAlgorithm("SHA1withRSA")
                .notBefore(now.minus(YEAR.multipliedBy(12))).lifetime(YEAR.multipliedBy(10)).make();
        devices.add(new SampleDevice("legacy-switch", "a 2014 switch: RSA-1024, SHA-1, expired, no SAN",
                Practice.U_SS, https("192.168.1.70", chain(legacy.cert()))));

        CertChain plug = localCa.issue(KeyKind.EC_P256.generate(random), List.of("plug.home.arpa"));
        localCa.revoke(plug.leaf());
        devices.add(new SampleDevice("smart-plug", "onboarded once, revoked by the owner after it was lost",
                Practice.U_LS, new DeviceObservation(Optional.of("192.168.1.80"), "192.168.1.80", now, List.of(
                        EndpointObservation.https(443, new TlsObservation(Optional.of("TLSv1.3"),
                                Optional.of("TLS_AES_128_GCM_SHA256"), plug, Optional.of(localCa.ocsp(plug.leaf())), true))))));

        Made leaked = maker().commonName("RouterOS").dns("router.lan").lifetime(YEAR.multipliedBy(10)).make();
        devices.add(new SampleDevice("mesh-node", "one device seen, but its key is in a published firmware dump",
                Practice.NU_SS, https("192.168.1.90", chain(leaked.cert()))));

        List<Cert> publicRoots = new ArrayList<>(extraPublicRoots);
        publicRoots.add(publicRoot.cert());
        CompromisedKeys compromised = new CompromisedKeys.Builder()
                .spkiSha256(leaked.cert().fingerprints().spkiSha256(),
                        new CompromisedKeys.Match("sample firmware-dump list", "vendors: ExampleMesh"))
                .build();
        TrustContext context = new TrustContext(
                new AnchorSet(AnchorSet.Kind.PUBLIC, "simulated public CA"
                        + (extraPublicRoots.isEmpty() ? "" : " + " + extraPublicRoots.size() + " JDK roots"), publicRoots),
                new AnchorSet(AnchorSet.Kind.LOCAL, localCa.describe(), List.of(localCa.root())),
                new AnchorSet(AnchorSet.Kind.VENDOR, "sample vendor root", List.of(vendorRoot.cert())),
                compromised);
        return new SampleNetwork(devices, context);
    }

    private static CertChain chain(Cert... certs) {
        return new CertChain(List.of(certs));
    }

    private DeviceObservation https(String address, CertChain chain) {
        return observe(address, List.of(EndpointObservation.https(443, live(chain))));
    }

    private DeviceObservation httpsAndHttp(String address, Cert selfSigned, boolean redirects) {
        return observe(address, List.of(EndpointObservation.https(443, live(chain(selfSigned))),
                EndpointObservation.http(80, redirects)));
    }

    private static TlsObservation live(CertChain chain) {
        return new TlsObservation(Optional.of("TLSv1.2"), Optional.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
                chain, Optional.empty(), true);
    }

    private DeviceObservation observe(String address, List<EndpointObservation> endpoints) {
        return new DeviceObservation(Optional.of(address), address, now, endpoints);
    }
}
