package io.localtrust.practice;

import static io.localtrust.practice.Fixtures.NOW;
import static io.localtrust.practice.Fixtures.chain;
import static io.localtrust.practice.Fixtures.device;
import static io.localtrust.practice.Fixtures.https;
import static io.localtrust.practice.Fixtures.live;
import static io.localtrust.practice.Fixtures.maker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.lint.Finding;
import io.localtrust.lint.Severity;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.practice.observe.Scheme;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.KeyKind;
import io.localtrust.x509.OcspResponses;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ClassifierTest {
    private final Fixtures pki = new Fixtures();
    private final Classifier classifier = Classifier.standard();

    private DeviceAssessment classify(DeviceObservation d) {
        return classifier.classify(d, pki.context(), FleetView.single());
    }

    private static List<String> codes(DeviceAssessment a) {
        return a.findings().stream().map(Finding::code).toList();
    }

    @Test
    void plainHttpOnlyIsNone() {
        DeviceAssessment a = classify(device("10.0.0.1", EndpointObservation.http(80, false)));
        assertThat(a.practice()).isEqualTo(Practice.NONE);
        assertThat(codes(a)).containsExactly("NO_TLS");
        assertThat(a.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(Verdict.of(a.practice(), a.findings())).isEqualTo(Verdict.INSECURE);
    }

    @Test
    void deviceWithNoAnsweringEndpointIsNotClassified() {
        DeviceObservation silent = device("10.0.0.2", new EndpointObservation(OptionalInt.of(443), Scheme.HTTPS,
                Optional.empty(), Optional.empty(), Optional.of("connection refused")));
        assertThatThrownBy(() -> classify(silent)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no endpoint answered");
    }

    @Test
    void uniqueSelfSignedIsUss() {
        Made leaf = maker().commonName("nas").dns("nas.local").make();
        DeviceAssessment a = classify(https("10.0.0.3", chain(leaf.cert())));
        assertThat(a.practice()).isEqualTo(Practice.U_SS);
        assertThat(a.uniqueness()).isEqualTo(Uniqueness.ASSUMED);
        assertThat(codes(a)).contains("SELF_SIGNED");
        assertThat(Verdict.of(a.practice(), a.findings())).isEqualTo(Verdict.UNVERIFIABLE);
    }

    @Test
    void sameSelfSignedKeyOnTwoDevicesIsNuss() {
        Made firmware = maker().commonName("PrinterCo").dns("printer").make();
        DeviceObservation a = https("10.0.0.4", chain(firmware.cert()));
        DeviceObservation b = https("10.0.0.5", chain(firmware.cert()));
        Made other = maker().commonName("nas").dns("nas.local").make();
        DeviceObservation c = https("10.0.0.6", chain(other.cert()));
        FleetView fleet = InMemoryFleet.of(List.of(a, b, c));
        DeviceAssessment ra = classifier.classify(a, pki.context(), fleet);
        assertThat(ra.practice()).isEqualTo(Practice.NU_SS);
        assertThat(ra.uniqueness()).isEqualTo(Uniqueness.SHARED);
        assertThat(ra.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("SHARED_KEY");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.message()).contains("2 devices");
        });
        DeviceAssessment rc = classifier.classify(c, pki.context(), fleet);
        assertThat(rc.practice()).isEqualTo(Practice.U_SS);
        assertThat(rc.uniqueness()).isEqualTo(Uniqueness.CONFIRMED);
    }

    @Test
    void compromisedKeyMakesSingleDeviceShared() {
        Made leaked = maker().commonName("router").dns("router.lan").make();
        CompromisedKeys list = new CompromisedKeys.Builder().spkiSha256(leaked.cert().fingerprints().spkiSha256(),
                new CompromisedKeys.Match("dump.csv", "vendors: X")).build();
        DeviceAssessment a = classifier.classify(https("10.0.0.7", chain(leaked.cert())), pki.context(list), FleetView.single());
        assertThat(a.practice()).isEqualTo(Practice.NU_SS);
        assertThat(a.uniqueness()).isEqualTo(Uniqueness.SHARED);
        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("COMPROMISED_KEY");
            assertThat(f.message()).contains("dump.csv").contains("vendors: X");
        });
    }

    @Test
    void certificateSha1ListEntryMatches() {
        Made leaked = maker().commonName("cam").make();
        CompromisedKeys list = new CompromisedKeys.Builder().certSha1(leaked.cert().fingerprints().sha1().toUpperCase(),
                new CompromisedKeys.Match("lbb", "")).build();
        assertThat(list.match(leaked.cert())).isPresent();
        assertThat(list.match(maker().commonName("other").make().cert())).isEmpty();
    }

    @Test
    void leafUnderUnknownRootIsUus() {
        Made unknownRoot = maker().commonName("Unknown Root").ca(0).make();
        Made leaf = maker().commonName("tv").issuer(unknownRoot).dns("tv.local").make();
        DeviceAssessment a = classify(https("10.0.0.8", chain(leaf.cert(), unknownRoot.cert())));
        assertThat(a.practice()).isEqualTo(Practice.U_US);
        assertThat(codes(a)).contains("UNTRUSTED_ISSUER");
        assertThat(a.anchor()).isEmpty();
    }

    @Test
    void leafUnderVendorAnchorIsUusWithVendorFinding() {
        Made leaf = maker().commonName("thermostat").issuer(pki.vendorRoot).dns("t.local").localDevice().make();
        DeviceAssessment a = classify(https("10.0.0.9", chain(leaf.cert())));
        assertThat(a.practice()).isEqualTo(Practice.U_US);
        assertThat(codes(a)).contains("VENDOR_ANCHOR").doesNotContain("UNTRUSTED_ISSUER");
        assertThat(a.anchor()).hasValueSatisfying(m -> assertThat(m.anchor()).isEqualTo(pki.vendorRoot.cert()));
    }

    @Test
    void sharedLeafUnderUntrustedRootIsNuus() {
        Made camRoot = maker().commonName("Cam Root").ca(0).make();
        Made firmware = maker().commonName("ipcam").issuer(camRoot).dns("ipcam.local").make();
        DeviceObservation a = https("10.0.0.10", chain(firmware.cert(), camRoot.cert()));
        DeviceObservation b = https("10.0.0.11", chain(firmware.cert(), camRoot.cert()));
        DeviceAssessment r = classifier.classify(a, pki.context(), InMemoryFleet.of(List.of(a, b)));
        assertThat(r.practice()).isEqualTo(Practice.NU_US);
        assertThat(r.uniqueness()).isEqualTo(Uniqueness.SHARED);
    }

    @Test
    void leafFromGatewayIsUls() {
        Made leaf = maker().commonName("printer.home.arpa").issuer(pki.gatewayIssuer).dns("printer.home.arpa")
                .ip("192.168.1.20").serverAuth().localDevice().make();
        DeviceAssessment a = classify(https("192.168.1.20", chain(leaf.cert(), pki.gatewayIssuer.cert())));
        assertThat(a.practice()).isEqualTo(Practice.U_LS);
        assertThat(codes(a)).contains("LOCAL_ANCHOR");
        assertThat(a.findings()).allSatisfy(f -> assertThat(f.severity()).isGreaterThan(Severity.HIGH));
        assertThat(Verdict.of(a.practice(), a.findings())).isEqualTo(Verdict.TRUSTED_LOCALLY);
        assertThat(a.reason()).contains("Gateway Root");
    }

    @Test
    void aSelfSignedLeafInstalledAsALocalAnchorIsUlsAndACopyWithAnotherSignatureIsNot() {
        Made leaf = maker().commonName("nas.home.arpa").dns("nas.home.arpa").make();
        Made other = maker().commonName("nas.home.arpa").dns("nas.home.arpa").make(); // same name, another key
        io.localtrust.practice.context.TrustContext ctx = new io.localtrust.practice.context.TrustContext(
                io.localtrust.practice.context.AnchorSet.empty(io.localtrust.practice.context.AnchorSet.Kind.PUBLIC),
                new io.localtrust.practice.context.AnchorSet(io.localtrust.practice.context.AnchorSet.Kind.LOCAL, "pinned leaf",
                        List.of(leaf.cert())),
                io.localtrust.practice.context.AnchorSet.empty(io.localtrust.practice.context.AnchorSet.Kind.VENDOR), CompromisedKeys.none());
        DeviceAssessment installed = classifier.classify(https("192.168.1.30", chain(leaf.cert())), ctx, FleetView.single());
        assertThat(installed.practice()).isEqualTo(Practice.U_LS);
        assertThat(installed.reason()).contains("nas.home.arpa");
        DeviceAssessment lookalike = classifier.classify(https("192.168.1.31", chain(other.cert())), ctx, FleetView.single());
        assertThat(lookalike.practice()).isEqualTo(Practice.U_SS);
    }

    @Test
    void gatewayLeafWithoutPresentedIntermediateIsNotUls() {
        Made leaf = maker().commonName("p.home.arpa").issuer(pki.gatewayIssuer).dns("p.home.arpa").make();
        DeviceAssessment a = classify(https("192.168.1.21", chain(leaf.cert())));
        assertThat(a.practice()).isEqualTo(Practice.U_US); // the path cannot be built without the intermediate
    }

    @Test
    void sha1SignedLeafFromGatewayStaysUlsWithWeakSignatureFinding() {
        Made leaf = maker().commonName("old.home.arpa").issuer(pki.gatewayIssuer).dns("old.home.arpa")
                .signatureAlgorithm("SHA1withECDSA").make();
        DeviceAssessment a = classify(https("192.168.1.22", chain(leaf.cert(), pki.gatewayIssuer.cert())));
        assertThat(a.practice()).isEqualTo(Practice.U_LS);
        assertThat(codes(a)).contains("WEAK_SIGNATURE");
        assertThat(Verdict.of(a.practice(), a.findings())).isEqualTo(Verdict.UNVERIFIABLE);
    }

    @Test
    void sharedKeyUnderLocalRootIsReportedAsMisissuance() {
        Made first = maker().commonName("a.home.arpa").issuer(pki.gatewayIssuer).dns("a.home.arpa").make();
        Made second = maker().commonName("b.home.arpa").issuer(pki.gatewayIssuer).dns("b.home.arpa")
                .keyPair(first.keyPair()).make();
        DeviceObservation a = https("192.168.1.30", chain(first.cert(), pki.gatewayIssuer.cert()));
        DeviceObservation b = https("192.168.1.31", chain(second.cert(), pki.gatewayIssuer.cert()));
        DeviceAssessment r = classifier.classify(a, pki.context(), InMemoryFleet.of(List.of(a, b)));
        assertThat(r.practice()).isEqualTo(Practice.U_LS);
        assertThat(r.uniqueness()).isEqualTo(Uniqueness.SHARED);
        assertThat(codes(r)).contains("SHARED_KEY");
        assertThat(Verdict.of(r.practice(), r.findings())).isEqualTo(Verdict.INSECURE);
    }

    @Test
    void leafFromPublicCaIsUcas() {
        Made leaf = maker().commonName("c0a80014.abc.devices.example.net").issuer(pki.publicIssuer)
                .dns("c0a80014.abc.devices.example.net").serverAuth().make();
        DeviceAssessment a = classify(https("192.168.0.20", chain(leaf.cert(), pki.publicIssuer.cert())));
        assertThat(a.practice()).isEqualTo(Practice.U_CAS);
        assertThat(codes(a)).contains("PUBLIC_ANCHOR");
        assertThat(Verdict.of(a.practice(), a.findings())).isEqualTo(Verdict.TRUSTED);
    }

    @Test
    void publicCertificateForInternalNameIsFlagged() {
        Made leaf = maker().commonName("printer.local").issuer(pki.publicIssuer).dns("printer.local")
                .ip("192.168.1.5").serverAuth().make();
        DeviceAssessment a = classify(https("192.168.1.5", chain(leaf.cert(), pki.publicIssuer.cert())));
        assertThat(a.practice()).isEqualTo(Practice.U_CAS);
        assertThat(codes(a)).contains("PUBLIC_CERT_INTERNAL_NAME", "PUBLIC_CERT_RESERVED_IP");
    }

    @Test
    void expiredPublicCertificateIsStillUcasButExpired() {
        Made leaf = maker().commonName("old.example.net").issuer(pki.publicIssuer).dns("old.example.net")
                .notBefore(NOW.minus(Duration.ofDays(200))).lifetime(Duration.ofDays(90)).make();
        DeviceAssessment a = classify(https("192.168.1.6", chain(leaf.cert(), pki.publicIssuer.cert())));
        assertThat(a.practice()).isEqualTo(Practice.U_CAS);
        assertThat(codes(a)).contains("EXPIRED");
        assertThat(Verdict.of(a.practice(), a.findings())).isEqualTo(Verdict.UNVERIFIABLE);
    }

    @Test
    void httpWithoutRedirectBesideHttpsIsDowngradeFinding() {
        Made leaf = maker().commonName("nas").dns("nas.local").make();
        DeviceAssessment a = classify(device("10.0.0.12", EndpointObservation.https(443, live(chain(leaf.cert()))),
                EndpointObservation.http(80, false)));
        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("HTTP_NOT_REDIRECTED");
            assertThat(f.message()).contains("port 80");
        });
        DeviceAssessment redirected = classify(device("10.0.0.13",
                EndpointObservation.https(443, live(chain(leaf.cert()))), EndpointObservation.http(80, true)));
        assertThat(codes(redirected)).doesNotContain("HTTP_NOT_REDIRECTED");
    }

    @Test
    void missingStapleIsReportedOnlyForLiveHandshakesWithOcspUrl() {
        Made leaf = maker().commonName("p.home.arpa").issuer(pki.gatewayIssuer).dns("p.home.arpa")
                .ocspUrl("http://gw.home.arpa/ocsp").make();
        DeviceAssessment live = classify(https("10.0.0.14", chain(leaf.cert(), pki.gatewayIssuer.cert())));
        assertThat(codes(live)).contains("NO_OCSP_STAPLING");
        DeviceAssessment file = classify(device("10.0.0.14", EndpointObservation.file(
                TlsObservation.fromFile(chain(leaf.cert(), pki.gatewayIssuer.cert()), Optional.empty()))));
        assertThat(codes(file)).doesNotContain("NO_OCSP_STAPLING");
        Made noUrl = maker().commonName("q.home.arpa").issuer(pki.gatewayIssuer).dns("q.home.arpa").make();
        assertThat(codes(classify(https("10.0.0.15", chain(noUrl.cert(), pki.gatewayIssuer.cert())))))
                .doesNotContain("NO_OCSP_STAPLING");
    }

    private DeviceAssessment withStaple(Made leaf, byte[] ocsp) {
        TlsObservation tls = new TlsObservation(Optional.of("TLSv1.3"), Optional.empty(),
                chain(leaf.cert(), pki.gatewayIssuer.cert()), Optional.of(ocsp), true);
        return classify(device("10.0.0.16", EndpointObservation.https(443, tls)));
    }

    @Test
    void revokedStapleMakesDeviceInsecure() {
        Made leaf = maker().commonName("plug.home.arpa").issuer(pki.gatewayIssuer).dns("plug.home.arpa")
                .ocspUrl("http://gw/ocsp").make();
        byte[] revoked = OcspResponses.make(leaf.cert(), pki.gatewayIssuer, Optional.of(NOW.minus(Duration.ofDays(1))),
                NOW.minusSeconds(60), Duration.ofDays(3), Fixtures.RANDOM);
        DeviceAssessment a = withStaple(leaf, revoked);
        assertThat(codes(a)).contains("REVOKED").doesNotContain("NO_OCSP_STAPLING");
        assertThat(Verdict.of(a.practice(), a.findings())).isEqualTo(Verdict.INSECURE);
        byte[] good = OcspResponses.make(leaf.cert(), pki.gatewayIssuer, Optional.empty(), NOW.minusSeconds(60),
                Duration.ofDays(3), Fixtures.RANDOM);
        assertThat(codes(withStaple(leaf, good))).doesNotContain("REVOKED", "OCSP_RESPONSE_INVALID");
    }

    @Test
    void stapleSignedByWrongKeyOrStaleIsInvalid() {
        Made leaf = maker().commonName("x.home.arpa").issuer(pki.gatewayIssuer).dns("x.home.arpa").make();
        Made impostor = maker().commonName("Gateway Issuer").ca(0).make(); // same name, different key
        byte[] forged = OcspResponses.make(leaf.cert(), pki.gatewayIssuer.cert(), impostor, Optional.empty(),
                NOW.minusSeconds(60), Duration.ofDays(3), Fixtures.RANDOM);
        assertThat(withStaple(leaf, forged).findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("OCSP_RESPONSE_INVALID");
            assertThat(f.message()).contains("not signed by the issuer");
        });
        byte[] stale = OcspResponses.make(leaf.cert(), pki.gatewayIssuer, Optional.empty(),
                NOW.minus(Duration.ofDays(10)), Duration.ofDays(3), Fixtures.RANDOM);
        assertThat(withStaple(leaf, stale).findings()).anySatisfy(f -> assertThat(f.message()).contains("stale"));
        assertThat(withStaple(leaf, new byte[] {0x30, 0x03, 0x0a, 0x01, 0x00}).findings())
                .anySatisfy(f -> assertThat(f.code()).isEqualTo("OCSP_RESPONSE_INVALID"));
    }

    @Test
    void deviceIsAsGoodAsItsWorstEndpoint() {
        Made good = maker().commonName("r.home.arpa").issuer(pki.gatewayIssuer).dns("r.home.arpa").make();
        Made selfSigned = maker().commonName("r-admin").dns("r.home.arpa").make();
        DeviceAssessment a = classify(device("10.0.0.17",
                EndpointObservation.https(443, live(chain(good.cert(), pki.gatewayIssuer.cert()))),
                EndpointObservation.https(8443, live(chain(selfSigned.cert())))));
        assertThat(a.practice()).isEqualTo(Practice.U_SS);
        assertThat(codes(a)).contains("LOCAL_ANCHOR", "SELF_SIGNED");
    }

    @Test
    void endpointErrorsAreReported() {
        Made leaf = maker().commonName("nas").dns("nas.local").make();
        DeviceAssessment a = classify(device("10.0.0.18", EndpointObservation.https(443, live(chain(leaf.cert()))),
                new EndpointObservation(OptionalInt.of(8443), Scheme.HTTPS, Optional.empty(), Optional.empty(),
                        Optional.of("handshake failed: no shared cipher"))));
        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("ENDPOINT_ERROR");
            assertThat(f.message()).contains("8443").contains("no shared cipher");
        });
    }

    @Test
    void weakLegacyCertificateCollectsLintFindings() {
        Made legacy = maker().commonName("switch").key(KeyKind.RSA_1024).signatureAlgorithm("SHA1withRSA")
                .notBefore(NOW.minus(Duration.ofDays(4000))).lifetime(Duration.ofDays(3650)).make();
        DeviceAssessment a = classify(https("10.0.0.19", chain(legacy.cert())));
        assertThat(a.practice()).isEqualTo(Practice.U_SS);
        assertThat(codes(a)).contains("WEAK_RSA_KEY", "WEAK_SIGNATURE", "EXPIRED", "NO_SAN", "VALIDITY_TOO_LONG");
        assertThat(a.findings()).isSortedAccordingTo(Finding.REPORT_ORDER);
    }
}
