package io.localtrust.trust;

import static io.localtrust.trust.Fixtures.gatewayRoot;
import static io.localtrust.trust.Fixtures.local;
import static io.localtrust.trust.Fixtures.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.TestCerts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** id-kp-localDevice (DESIGN.md §3, §4): accepted on a local connection only, whatever the anchor. */
class LocalDeviceEkuTest {
    private final CertificateMaker.Made root = gatewayRoot();
    private final TrustEngine engine = Fixtures.engine(Anchor.of(root.cert(), AnchorKind.LOCAL_GATEWAY));

    @Test
    void acceptsLocalDeviceLeafOnLocalConnection() {
        var leaf = TestCerts.maker().commonName("printer").dns("printer.home.arpa").serverAuth().localDevice()
                .issuer(root).make();
        PathResult r = engine.verify(server("printer.home.arpa", local("printer.home.arpa", "192.168.1.20"), leaf.cert()));
        assertThat(r.valid()).as(r.summary()).isTrue();
        assertThat(r.anchorKind()).contains(AnchorKind.LOCAL_GATEWAY);
        assertThat(r.localDevice()).isTrue();
        assertThat(r.path()).containsExactly(leaf.cert(), root.cert());
    }

    @Test
    void rejectsLocalDeviceLeafOnConnectionToPublicAddress() {
        var leaf = TestCerts.maker().commonName("printer").dns("printer.home.arpa").serverAuth().localDevice()
                .issuer(root).make();
        PathResult r = engine.verify(server("printer.home.arpa", local("printer.home.arpa", "203.0.113.7"), leaf.cert()));
        assertThat(r.valid()).isFalse();
        assertThat(r.reason()).contains(Reason.LOCAL_DEVICE_NOT_LOCAL);
        assertThat(r.message()).contains("203.0.113.7 is not local");
        assertThat(r.localDevice()).isTrue();
        assertThat(r.anchorKind()).contains(AnchorKind.LOCAL_GATEWAY);
    }

    @Test
    void rejectsLocalDeviceLeafWhenTheConnectionIsUnknown() {
        var leaf = TestCerts.maker().commonName("cam").dns("cam.home.arpa").localDevice().issuer(root).make();
        PathResult r = engine.verify(server("cam.home.arpa", Connection.unknown(), leaf.cert()));
        assertThat(r.reason()).contains(Reason.LOCAL_DEVICE_NOT_LOCAL);
    }

    @Test
    void localDeviceAloneStandsInForServerAuthOnlyLocally() {
        var leaf = TestCerts.maker().commonName("nas").dns("nas.home.arpa").localDevice().issuer(root).make();
        PathResult ok = engine.verify(server("nas.home.arpa", local("nas.home.arpa", "10.0.0.5"), leaf.cert()));
        assertThat(ok.valid()).as(ok.summary()).isTrue();
        PathResult publicName = engine.verify(server("nas.home.arpa", local("nas.example.com", "10.0.0.5"), leaf.cert()));
        assertThat(publicName.reason()).contains(Reason.LOCAL_DEVICE_NOT_LOCAL);
    }

    @Test
    void aGatewayMayConfigureAnotherOid() {
        String oid = "1.3.6.1.4.1.55555.1";
        TrustEngine custom = new TrustEngine(List.of(Anchor.of(root.cert(), AnchorKind.LOCAL_GATEWAY)), List.of(),
                EngineSettings.defaults().withLocalDeviceEku(oid), Fixtures.CLOCK);
        var withCustom = TestCerts.maker().commonName("plug").dns("plug.home.arpa").issuer(root)
                .extension("2.5.29.37", false, eku(oid)).make();
        assertThat(custom.verify(server("plug.home.arpa", local("plug.home.arpa", "192.168.0.9"), withCustom.cert()))
                .valid()).isTrue();
        assertThat(custom.verify(server("plug.home.arpa", Connection.unknown(), withCustom.cert())).reason())
                .contains(Reason.LOCAL_DEVICE_NOT_LOCAL);
        // The default OID is then just another purpose: not serverAuth, so refused.
        var withDefault = TestCerts.maker().commonName("plug").dns("plug.home.arpa").localDevice().issuer(root).make();
        assertThat(custom.verify(server("plug.home.arpa", local("plug.home.arpa", "192.168.0.9"), withDefault.cert()))
                .reason()).contains(Reason.EXTENDED_KEY_USAGE);
    }

    @Test
    void vendorAnchorKindIsReported() {
        var vendor = Fixtures.root("Acme IoT Root");
        var ica = Fixtures.intermediate("Acme Devices CA", vendor);
        var leaf = TestCerts.maker().commonName("cam").dns("cam.local").serverAuth().localDevice().issuer(ica).make();
        TrustEngine e = Fixtures.engine(Anchor.of(vendor.cert(), AnchorKind.VENDOR));
        PathResult r = e.verify(server("cam.local", local("cam.local", "192.168.1.30"), leaf.cert(), ica.cert()));
        assertThat(r.valid()).as(r.summary()).isTrue();
        assertThat(r.anchorKind()).contains(AnchorKind.VENDOR);
        assertThat(r.path()).hasSize(3);
    }

    private static byte[] eku(String oid) {
        try {
            return new org.bouncycastle.asn1.x509.ExtendedKeyUsage(org.bouncycastle.asn1.x509.KeyPurposeId.getInstance(
                    new org.bouncycastle.asn1.ASN1ObjectIdentifier(oid))).getEncoded();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
