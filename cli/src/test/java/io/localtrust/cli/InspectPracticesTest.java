package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.CertificateMaker.Made;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every certificate practice the seed names, reached through {@code localtrust inspect} with the
 * options a user would pass. The human report's "Practice:" line is the assertion.
 */
class InspectPracticesTest {
    @TempDir
    Path dir;

    private CertFiles files;
    private final Pki pki = new Pki();

    @BeforeEach
    void setUp() {
        files = new CertFiles(dir);
    }

    private static Cli.Result inspect(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "inspect";
        all[1] = "--no-nmap-fingerprints";
        System.arraycopy(args, 0, all, 2, args.length);
        Cli.Result r = Cli.run(all);
        assertThat(r.err()).as("stderr").isEmpty();
        assertThat(r.exit()).as("exit code").isZero();
        return r;
    }

    /** The "Practice:" lines of the report, in FILE order. */
    private static java.util.List<String> practices(Cli.Result r) {
        return r.out().lines().filter(l -> l.startsWith("  Practice:")).map(String::strip).toList();
    }

    @Test
    void selfSignedFileIsUniqueSelfSigned() {
        Path nas = files.pem("nas.pem", Pki.selfSigned("nas").cert());
        Cli.Result r = inspect(nas.toString());
        assertThat(practices(r)).singleElement().asString()
                .startsWith("Practice:     U-S/S  Unique self-signed certificate").endsWith("[unverifiable]");
        assertThat(r.out()).containsPattern("Uniqueness:\\s+assumed").contains("SELF_SIGNED");
    }

    @Test
    void selfSignedDerFileIsReadToo() {
        Path nas = files.der("nas.der", Pki.selfSigned("nas").cert());
        assertThat(practices(inspect(nas.toString()))).singleElement().asString().contains("U-S/S");
    }

    @Test
    void leafAndIntermediateUnderLocalAnchorIsLocalCa() {
        Made leaf = pki.gatewayLeaf("printer.home.arpa");
        Path chain = files.pem("printer.pem", leaf.cert(), pki.gatewayIssuer.cert());
        Path root = files.pem("gateway-root.pem", pki.gatewayRoot.cert());
        Cli.Result r = inspect("--local-anchor", root.toString(), chain.toString());
        assertThat(practices(r)).singleElement().asString()
                .startsWith("Practice:     U-L/S  Unique certificate from a local CA").endsWith("[trusted locally]");
        assertThat(r.out()).contains("Anchor:       local 'Gateway Root' from " + root)
                .contains("LOCAL_ANCHOR")
                .contains("Chain:        2 certificates: printer.home.arpa <- Gateway Issuing CA");
    }

    @Test
    void sameChainWithoutTheLocalAnchorIsOnlyAnUntrustedIssuer() {
        Made leaf = pki.gatewayLeaf("printer.home.arpa");
        Path chain = files.pem("printer.pem", leaf.cert(), pki.gatewayIssuer.cert());
        Cli.Result r = inspect(chain.toString());
        assertThat(practices(r)).singleElement().asString().contains("U-U/S").endsWith("[unverifiable]");
        assertThat(r.out()).contains("UNTRUSTED_ISSUER").doesNotContain("LOCAL_ANCHOR");
    }

    @Test
    void vendorLeafWithVendorAnchorIsUniqueUnderVendorRoot() {
        Made leaf = pki.vendorLeaf("thermostat-7f3a");
        Path chain = files.pem("thermostat.pem", leaf.cert(), pki.vendorRoot.cert());
        Path root = files.pem("vendor-root.pem", pki.vendorRoot.cert());
        Cli.Result r = inspect("--vendor-anchor", root.toString(), chain.toString());
        assertThat(practices(r)).singleElement().asString()
                .startsWith("Practice:     U-U/S  Unique certificate under a vendor root").endsWith("[unverifiable]");
        assertThat(r.out()).contains("Anchor:       vendor 'Vendor Device Root'").contains("VENDOR_ANCHOR");
    }

    @Test
    void chainToARootInThePublicRootsBundleIsPublicCa() {
        Made leaf = pki.publicLeaf("c0a80114.hub.devices.example.net");
        Path chain = files.pem("hub.pem", leaf.cert(), pki.publicIssuer.cert());
        Path bundle = files.pem("roots.pem", pki.vendorRoot.cert(), pki.publicRoot.cert());
        Cli.Result r = inspect("--public-roots", bundle.toString(), chain.toString());
        assertThat(practices(r)).singleElement().asString()
                .startsWith("Practice:     U-CA/S  Unique certificate from a public CA").endsWith("[trusted]");
        assertThat(r.out()).contains("Anchor:       public 'Test Public Root' from " + bundle).contains("PUBLIC_ANCHOR");
    }

    @Test
    void publicChainIsNotPublicWhenTheBundleLacksItsRoot() {
        Made leaf = pki.publicLeaf("c0a80114.hub.devices.example.net");
        Path chain = files.pem("hub.pem", leaf.cert(), pki.publicIssuer.cert());
        Path bundle = files.pem("roots.pem", pki.vendorRoot.cert());
        Cli.Result r = inspect("--public-roots", bundle.toString(), chain.toString());
        assertThat(practices(r)).singleElement().asString().contains("U-U/S");
    }

    @Test
    void sameSelfSignedCertInTwoFilesIsSharedInBoth() {
        Made firmware = Pki.selfSigned("printer");
        Path a = files.pem("printer-a.pem", firmware.cert());
        Path b = files.der("printer-b.der", firmware.cert());
        Cli.Result r = inspect(a.toString(), b.toString());
        assertThat(practices(r)).hasSize(2).allSatisfy(p -> assertThat(p)
                .startsWith("Practice:     NU-S/S  Shared self-signed certificate").endsWith("[insecure]"));
        assertThat(r.out().lines().filter(l -> l.contains("Uniqueness:")).map(String::strip))
                .containsExactly("Uniqueness:   shared", "Uniqueness:   shared");
        assertThat(r.out()).contains("is presented by 2 devices");
    }

    @Test
    void twoDifferentSelfSignedKeysAreConfirmedUnique() {
        Path a = files.pem("nas.pem", Pki.selfSigned("nas").cert());
        Path b = files.pem("tv.pem", Pki.selfSigned("tv").cert());
        Cli.Result r = inspect(a.toString(), b.toString());
        assertThat(practices(r)).hasSize(2).allSatisfy(p -> assertThat(p).contains("U-S/S"));
        assertThat(r.out().lines().filter(l -> l.contains("Uniqueness:")).map(String::strip))
                .containsExactly("Uniqueness:   confirmed", "Uniqueness:   confirmed");
    }

    @Test
    void selfSignedKeyOnACompromisedSpkiListIsShared() {
        Made leaked = Pki.selfSigned("router");
        Path cert = files.pem("router.pem", leaked.cert());
        Path list = files.spkiList("leaked.txt", Pki.selfSigned("other").cert(), leaked.cert());
        Cli.Result r = inspect("--compromised-keys", list.toString(), cert.toString());
        assertThat(practices(r)).singleElement().asString().startsWith("Practice:     NU-S/S").endsWith("[insecure]");
        assertThat(r.out()).containsPattern("critical\\s+COMPROMISED_KEY\\s+the private key is published in leaked.txt")
                .containsPattern("Uniqueness:\\s+shared");
    }

    @Test
    void selfSignedKeyInAHouseOfKeysCsvIsSharedAndNamesTheVendor() {
        Made leaked = Pki.selfSigned("router");
        Path cert = files.pem("router.pem", leaked.cert());
        Path csv = files.houseOfKeysCsv("hok.csv", "ExampleMesh", leaked.cert());
        Cli.Result r = inspect("--compromised-keys", csv.toString(), cert.toString());
        assertThat(practices(r)).singleElement().asString().startsWith("Practice:     NU-S/S");
        assertThat(r.out()).contains("the private key is published in hok.csv (vendors: ExampleMesh)");
    }

    @Test
    void keyNotOnTheCompromisedListStaysUnique() {
        Path cert = files.pem("nas.pem", Pki.selfSigned("nas").cert());
        Path list = files.spkiList("leaked.txt", Pki.selfSigned("other").cert());
        Cli.Result r = inspect("--compromised-keys", list.toString(), cert.toString());
        assertThat(practices(r)).singleElement().asString().contains("U-S/S");
        assertThat(r.out()).doesNotContain("COMPROMISED_KEY");
    }

    @Test
    void sameVendorChainInTwoFilesIsSharedUnderAnUntrustedRoot() {
        Made firmware = pki.vendorLeaf("ipcam");
        Path a = files.pem("camera-a.pem", firmware.cert(), pki.vendorRoot.cert());
        Path b = files.pem("camera-b.pem", firmware.cert(), pki.vendorRoot.cert());
        Cli.Result r = inspect(a.toString(), b.toString());
        assertThat(practices(r)).hasSize(2).allSatisfy(p -> assertThat(p)
                .startsWith("Practice:     NU-U/S  Shared certificate under an untrusted root").endsWith("[insecure]"));
        assertThat(r.out()).contains("SHARED_KEY");
    }

    @Test
    void sharedVendorChainStaysSharedEvenWithTheVendorAnchor() {
        Made firmware = pki.vendorLeaf("ipcam");
        Path a = files.pem("camera-a.pem", firmware.cert(), pki.vendorRoot.cert());
        Path b = files.pem("camera-b.pem", firmware.cert(), pki.vendorRoot.cert());
        Path root = files.pem("vendor-root.pem", pki.vendorRoot.cert());
        Cli.Result r = inspect("--vendor-anchor", root.toString(), a.toString(), b.toString());
        assertThat(practices(r)).hasSize(2).allSatisfy(p -> assertThat(p).contains("NU-U/S"));
    }

    @Test
    void vendorLeafOnACompromisedListIsSharedUnderAnUntrustedRoot() {
        Made firmware = pki.vendorLeaf("ipcam");
        Path chain = files.pem("camera.pem", firmware.cert(), pki.vendorRoot.cert());
        Path csv = files.houseOfKeysCsv("hok.csv", "CamVendor", firmware.cert());
        Cli.Result r = inspect("--compromised-keys", csv.toString(), chain.toString());
        assertThat(practices(r)).singleElement().asString().startsWith("Practice:     NU-U/S").endsWith("[insecure]");
        assertThat(r.out()).contains("(vendors: CamVendor)");
    }

    @Test
    void sharedKeyUnderALocalAnchorIsStillLocalButInsecure() {
        // DESIGN.md §2: a shared key under a local root is reported (SHARED_KEY, critical): mis-issuance
        Made leaf = pki.gatewayLeaf("plug.home.arpa");
        Path a = files.pem("plug-a.pem", leaf.cert(), pki.gatewayIssuer.cert());
        Path b = files.pem("plug-b.pem", leaf.cert(), pki.gatewayIssuer.cert());
        Path root = files.pem("gateway-root.pem", pki.gatewayRoot.cert());
        Cli.Result r = inspect("--local-anchor", root.toString(), a.toString(), b.toString());
        assertThat(practices(r)).hasSize(2).allSatisfy(p -> assertThat(p).contains("U-L/S").endsWith("[insecure]"));
        assertThat(r.out()).containsPattern("critical\\s+SHARED_KEY");
    }

    @Test
    void publishedCompromisedKeyListsLoadWithoutError() {
        Path cert = files.pem("nas.pem", Pki.selfSigned("nas").cert());
        Path testdata = Path.of(System.getProperty("localtrust.shared", "/work/shared"), "testdata", "compromised-keys");
        Cli.Result r = inspect("--compromised-keys", testdata.resolve("lbb-0.1-cert-sha1.txt").toString(),
                "--compromised-keys", testdata.resolve("houseofkeys-fingerprints.csv").toString(), cert.toString());
        assertThat(practices(r)).singleElement().asString().contains("U-S/S");
    }
}
