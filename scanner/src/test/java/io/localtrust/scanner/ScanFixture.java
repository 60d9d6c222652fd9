package io.localtrust.scanner;

import io.localtrust.fleet.AddressRange;
import io.localtrust.fleet.Fleet;
import io.localtrust.fleet.FleetSettings;
import io.localtrust.fleet.PracticeMix;
import io.localtrust.lint.keys.CompromisedKeyFiles;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.login.PasswordHash;
import io.localtrust.practice.Practice;
import io.localtrust.practice.context.AnchorSet;
import io.localtrust.practice.context.TrustContext;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.OcspResponses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small network on 127.0.77.x with a device of every practice and every way to misbehave, and
 * what each address must be classified as. Devices 1–8 are a simulated fleet ({@link Fleet}); the
 * rest are {@code openssl s_server} processes, JDK HTTP servers and raw TCP servers ({@link Peers}).
 */
final class ScanFixture implements AutoCloseable {
    static final String NET = "127.0.77.";
    /** In nmap's list of likely TLS ports, so that its ssl-cert script runs without version detection. */
    static final int HTTPS = 8443;
    static final int HTTP = 8080;

    /** What an address must be seen as. */
    record Expected(Practice practice, String uniqueness) {
    }

    final Map<String, Expected> expected = new LinkedHashMap<>();
    final List<String> unanswered = List.of(NET + 20, NET + 21, NET + 22);
    final Path compromisedList;
    final TrustContext context;
    private final Fleet fleet;
    private final Peers peers;

    ScanFixture(Path dir) throws Exception {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        Instant now = clock.instant();
        Made publicCa = CertificateMaker.at(now, random).commonName("Scan Test Public CA").ca(0).lifetime(Duration.ofDays(365)).make();
        Made localCa = CertificateMaker.at(now, random).commonName("Scan Test Gateway Root").ca(0).lifetime(Duration.ofDays(365)).make();
        Made vendorCa = CertificateMaker.at(now, random).commonName("Scan Test Vendor Root").ca(0).lifetime(Duration.ofDays(365)).make();

        PracticeMix mix = new PracticeMix(List.of(Practice.NONE, Practice.NU_SS, Practice.NU_US, Practice.U_SS, Practice.U_US,
                Practice.U_CAS, Practice.NU_SS, Practice.NU_US));
        fleet = Fleet.start(new FleetSettings(8, AddressRange.parse(NET + "1-8"), mix, "scan.test", Optional.empty(), Optional.empty(),
                Files.createDirectories(dir.resolve("fleet")), HTTP, HTTPS, PasswordHash.hash("not-used-in-this-test".toCharArray(), random),
                Duration.ofSeconds(1), Optional.of(publicCa)), Optional.empty(), clock, random, line -> { });
        expect(1, Practice.NONE, "assumed");
        expect(2, Practice.NU_SS, "shared");
        expect(3, Practice.NU_US, "shared");
        expect(4, Practice.U_SS, "confirmed");
        expect(5, Practice.U_US, "confirmed");
        expect(6, Practice.U_CAS, "confirmed");
        expect(7, Practice.NU_SS, "shared");
        expect(8, Practice.NU_US, "shared");

        peers = new Peers(dir);
        // U-L/S: a leaf from the local CA, sent with its issuer, stapling a good OCSP response; HTTP redirects to HTTPS.
        Made ls = CertificateMaker.at(now, random).commonName("printer.home.arpa").dns("printer.home.arpa").ip(NET + 10)
                .issuer(localCa).serverAuth().lifetime(Duration.ofDays(30)).make();
        peers.openssl(NET + 10, HTTPS, ls, List.of(localCa), Optional.of(OcspResponses.make(ls.cert(), localCa, Optional.empty(),
                now.minusSeconds(60), Duration.ofDays(1), random)));
        peers.http(NET + 10, HTTP, Optional.of(HTTPS));
        expect(10, Practice.U_LS, "confirmed");
        // One self-signed certificate and key on three addresses; the third also serves plain HTTP without a redirect.
        Made cloned = CertificateMaker.at(now, random).commonName("router.firmware.example").lifetime(Duration.ofDays(3650)).make();
        for (int i = 11; i <= 13; i++) {
            peers.openssl(NET + i, HTTPS, cloned, List.of(), Optional.empty());
            expect(i, Practice.NU_SS, "shared");
        }
        peers.http(NET + 13, HTTP, Optional.empty());
        // A key on a published list (House of Keys format), on one address only: shared all the same.
        Made published = CertificateMaker.at(now, random).commonName("cam.firmware.example").lifetime(Duration.ofDays(3650)).make();
        peers.openssl(NET + 14, HTTPS, published, List.of(), Optional.empty());
        expect(14, Practice.NU_SS, "shared");
        compromisedList = dir.resolve("published-keys.csv");
        Files.writeString(compromisedList, "kind,cert_sha256,spki_sha256,subject,issuer,vendors\ncertificate,"
                + published.cert().fingerprints().sha256() + "," + published.cert().fingerprints().spkiSha256()
                + ",CN = cam.firmware.example,CN = cam.firmware.example,ScanTest\n");
        // A unique key under a vendor root the owner installed as a vendor anchor.
        Made vendor = CertificateMaker.at(now, random).commonName("nas-1234.vendor.example").dns("nas-1234.vendor.example")
                .issuer(vendorCa).serverAuth().lifetime(Duration.ofDays(365)).make();
        peers.openssl(NET + 15, HTTPS, vendor, List.of(vendorCa), Optional.empty());
        expect(15, Practice.U_US, "confirmed");
        // A device that speaks TLS 1.3 only: the scanner's TLS 1.2 hello is refused, the 1.3 one answered.
        Made modern = CertificateMaker.at(now, random).commonName("tv.home.arpa").dns("tv.home.arpa").lifetime(Duration.ofDays(365)).make();
        peers.openssl(NET + 16, HTTPS, modern, List.of(), Optional.empty(), List.of("-tls1_3"));
        expect(16, Practice.U_SS, "confirmed");
        // Plain HTTP on the TLS port: the JDK's server waits in silence for a request line after a ClientHello.
        peers.http(NET + 17, HTTPS, Optional.empty());
        expect(17, Practice.NONE, "assumed");
        // Misbehaving ports: every one must end with an error, none may hang the scan.
        peers.silent(NET + 20, HTTPS);
        peers.resetting(NET + 21, HTTPS);
        peers.garbage(NET + 22, HTTPS);
        // A good TLS port beside a silent HTTP one: classified, with the silent port as a finding.
        Made own = CertificateMaker.at(now, random).commonName("thermostat.local").lifetime(Duration.ofDays(365)).make();
        peers.openssl(NET + 23, HTTPS, own, List.of(), Optional.empty());
        peers.silent(NET + 23, HTTP);
        expect(23, Practice.U_SS, "confirmed");

        CompromisedKeys.Builder keys = new CompromisedKeys.Builder();
        keys.addAll(CompromisedKeyFiles.load(compromisedList));
        keys.addAll(CompromisedKeyFiles.load(Path.of(System.getProperty("localtrust.shared", "../../shared"), "testdata", "compromised-keys",
                "houseofkeys-fingerprints.csv")));
        context = new TrustContext(new AnchorSet(AnchorSet.Kind.PUBLIC, "test public CA", List.of(publicCa.cert())),
                new AnchorSet(AnchorSet.Kind.LOCAL, "test gateway root", List.of(localCa.cert())),
                new AnchorSet(AnchorSet.Kind.VENDOR, "test vendor root", List.of(vendorCa.cert())), keys.build());
    }

    private void expect(int host, Practice p, String uniqueness) {
        expected.put(NET + host, new Expected(p, uniqueness));
    }

    @Override
    public void close() throws Exception {
        try {
            peers.close();
        } finally {
            fleet.close();
        }
    }
}
