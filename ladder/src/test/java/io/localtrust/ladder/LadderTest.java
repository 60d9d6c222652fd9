package io.localtrust.ladder;

import static io.localtrust.ladder.Pki.CLOCK;
import static io.localtrust.ladder.Pki.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.practice.InMemoryFleet;
import io.localtrust.practice.Practice;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.TestCerts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ladder's rungs with real chains (DESIGN.md §3). */
class LadderTest {
    private final Pki pki = new Pki();
    private final Ladder ladder = new Ladder(pki.config(), CLOCK);

    @Test
    void gatewayLeafOnLocalConnectionIsTrustedLocal() {
        Made leaf = pki.gatewayLeaf("printer.home.arpa");
        Decision d = ladder.decide(peer("printer.home.arpa", "192.168.1.20", leaf.cert(), pki.gatewayIssuer.cert()));
        assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.TRUSTED_LOCAL);
        assertThat(d.practice()).contains(Practice.U_LS);
        assertThat(d.text()).isEqualTo("Local device 'printer.home.arpa', certified by your gateway 'Home'");
        assertThat(d.path()).containsExactly(leaf.cert(), pki.gatewayIssuer.cert(), pki.gatewayRoot.cert());
        assertThat(d.has("PATH_VALID")).isTrue();
        assertThat(d.has("OCSP_NOT_STAPLED")).isTrue();
    }

    @Test
    void localDeviceLeafAtPublicAddressIsRejected() {
        Made leaf = pki.gatewayLeaf("printer.home.arpa");
        Decision d = ladder.decide(peer("printer.home.arpa", "203.0.113.7", leaf.cert(), pki.gatewayIssuer.cert()));
        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(d.has("LOCAL_DEVICE_NOT_LOCAL")).isTrue();
        assertThat(d.text()).contains("not reached over a local connection");
    }

    @Test
    void gatewayRootCannotVouchForABank() {
        Made leaf = io.localtrust.x509.TestCerts.maker().commonName("bank.example").issuer(pki.gatewayIssuer)
                .dns("bank.example").serverAuth().make();
        Decision d = ladder.decide(peer("bank.example", "192.168.1.9", leaf.cert(), pki.gatewayIssuer.cert()));
        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(d.has("NAME_CONSTRAINTS")).isTrue();
        assertThat(d.text()).contains("may not vouch for that name");
    }

    @Test
    void publicChainIsTrustedPublicAnywhere() {
        Made leaf = pki.publicLeaf("c0a80014.dev.devices.example.net");
        Decision d = ladder.decide(peer("c0a80014.dev.devices.example.net", "198.51.100.20", leaf.cert(),
                pki.publicIssuer.cert()));
        assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.TRUSTED_PUBLIC);
        assertThat(d.practice()).contains(Practice.U_CAS);
        assertThat(d.text()).contains("certified by public authority 'Test Trust'");
    }

    @Test
    void publicChainForAnotherNameIsRejected() {
        Made leaf = pki.publicLeaf("other.example.net");
        Decision d = ladder.decide(peer("device.example.net", "198.51.100.20", leaf.cert(), pki.publicIssuer.cert()));
        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(d.has("HOST_MISMATCH")).isTrue();
    }

    @Test
    void vendorAnchorWithLocalDeviceEkuOnLocalConnectionIsTrustedVendor() {
        Made leaf = pki.vendorLeaf("cam.local", true);
        Decision d = ladder.decide(peer("cam.local", "192.168.1.30", leaf.cert()));
        assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.TRUSTED_VENDOR);
        assertThat(d.text()).isEqualTo("Genuine device of 'Acme Devices' at 'cam.local' on your network; "
                + "who owns it is not verified");
    }

    @Test
    void vendorAnchorWithoutLocalDeviceEkuIsOnlyAWarning() {
        Made leaf = pki.vendorLeaf("cam.local", false);
        Decision d = ladder.decide(peer("cam.local", "192.168.1.30", leaf.cert()));
        assertThat(d.verdict()).isEqualTo(Verdict.WARN_U_US);
        assertThat(d.practice()).contains(Practice.U_US);
        assertThat(d.has("VENDOR_NOT_ENOUGH")).isTrue();
    }

    @Test
    void uniqueSelfSignedIsWarnedAbout() {
        Made leaf = Pki.selfSigned("nas.local");
        Decision d = ladder.decide(peer("nas.local", "192.168.1.40", leaf.cert()));
        assertThat(d.verdict()).isEqualTo(Verdict.WARN_U_SS);
        assertThat(d.practice()).contains(Practice.U_SS);
        assertThat(d.text()).contains("No one vouches for this device's certificate");
    }

    @Test
    void publishedKeyIsRejectedAsShared() {
        Made leaf = Pki.selfSigned("router.local");
        CompromisedKeys listed = new CompromisedKeys.Builder().spkiSha256(leaf.cert().fingerprints().spkiSha256(),
                new CompromisedKeys.Match("houseofkeys-test.csv", "VendorX firmware 1.0")).build();
        Ladder withList = new Ladder(pki.config().withCompromised(listed), CLOCK);
        Decision d = withList.decide(peer("router.local", "192.168.1.1", leaf.cert()));
        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(d.practice()).contains(Practice.NU_SS);
        assertThat(d.text()).startsWith("This certificate is shared by every device with this firmware: anyone who "
                + "has one can impersonate this page");
        assertThat(d.reasons()).anySatisfy(r -> assertThat(r.message()).contains("houseofkeys-test.csv"));
    }

    @Test
    void keySeenOnTwoDevicesIsWarnedAboutAsShared() {
        Made leaf = Pki.selfSigned("camera.local");
        var seen = new DeviceObservation(Optional.of("192.168.1.50"), "a", TestCerts.NOW, List.of(EndpointObservation
                .https(443, TlsObservation.fromFile(new CertChain(List.of(leaf.cert())), Optional.empty()))));
        var alsoSeen = new DeviceObservation(Optional.of("192.168.1.51"), "b", TestCerts.NOW, seen.endpoints());
        Ladder withFleet = new Ladder(pki.config().withFleet(InMemoryFleet.of(List.of(seen, alsoSeen))), CLOCK);
        Decision d = withFleet.decide(peer("camera.local", "192.168.1.50", leaf.cert()));
        assertThat(d.verdict()).isEqualTo(Verdict.WARN_NU_SS);
        assertThat(d.text()).isEqualTo("This certificate is shared by every device with this firmware: anyone who has "
                + "one can impersonate this page");
    }

    @Test
    void noCertificateAndThousandCertificatesAreRejected() {
        Decision none = ladder.decide(TlsPeer.of("x.local", 443, Pki.address("192.168.1.2"), List.of()));
        assertThat(none.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(none.has("BAD_INPUT")).isTrue();
        Made leaf = Pki.selfSigned("x.local");
        List<io.localtrust.x509.Cert> many = new java.util.ArrayList<>();
        many.add(leaf.cert());
        for (int i = 0; i < 1000; i++) {
            many.add(pki.gatewayIssuer.cert());
        }
        Decision big = ladder.decide(TlsPeer.of("x.local", 443, Pki.address("192.168.1.2"), many));
        assertThat(big.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(big.reasons().getFirst().message()).contains("1001 certificates presented");
    }

    @Test
    void unknownPeerAddressIsNotLocal() {
        Made leaf = pki.gatewayLeaf("printer.home.arpa");
        Decision d = ladder.decide(new TlsPeer("printer.home.arpa", 443, Optional.empty(),
                List.of(leaf.cert(), pki.gatewayIssuer.cert()), Optional.empty(), Optional.empty()));
        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(d.has("LOCAL_DEVICE_NOT_LOCAL")).isTrue();
    }

    @Test
    void gatewayLeafWithoutLocalDeviceEkuOffTheLanIsRejected() {
        Made leaf = io.localtrust.x509.TestCerts.maker().commonName("nas.home.arpa").issuer(pki.gatewayIssuer)
                .dns("nas.home.arpa").serverAuth().make();
        Decision d = ladder.decide(peer("nas.home.arpa", "198.51.100.9", leaf.cert(), pki.gatewayIssuer.cert()));
        assertThat(d.verdict()).as(d.reasons().toString()).isEqualTo(Verdict.REJECTED);
        assertThat(d.has("NOT_LOCAL")).isTrue();
        assertThat(d.text()).contains("not local");
    }
}
