package io.localtrust.x509;

import static io.localtrust.x509.TestCerts.bytes;
import static io.localtrust.x509.TestCerts.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input shapes {@link CertificateReader} accepts: PEM in its many real-world forms, and DER. */
class CertificateReaderFormatsTest {

    private static CertificateMaker.Made root;
    private static CertificateMaker.Made intermediate;
    private static CertificateMaker.Made leaf;

    private final CertificateReader reader = new CertificateReader();

    @TempDir
    Path dir;

    @BeforeAll
    static void makeChain() {
        root = TestCerts.maker().commonName("Home Root").ca(1).make();
        intermediate = TestCerts.maker().commonName("Home Issuing CA").issuer(root).ca(0).make();
        leaf = TestCerts.maker().commonName("printer.home.arpa").issuer(intermediate)
                .dns("printer.home.arpa").serverAuth().make();
    }

    @Test
    void readsSinglePemBlock() throws Exception {
        List<Cert> certs = reader.parse(bytes(pem(leaf.cert())));

        assertThat(certs).containsExactly(leaf.cert());
        assertThat(certs.get(0).der()).isEqualTo(leaf.cert().der());
    }

    @Test
    void readsManyPemBlocksInFileOrder() throws Exception {
        List<Cert> certs = reader.parse(bytes(pem(leaf.cert(), intermediate.cert(), root.cert())));

        assertThat(certs).containsExactly(leaf.cert(), intermediate.cert(), root.cert());
    }

    @Test
    void readsPemWithTextAroundBlocks() throws Exception {
        String text = "Certificate chain for printer.home.arpa\n"
                + " 0 s:CN = printer.home.arpa\n"
                + pem(leaf.cert())
                + "\nsome commentary between the blocks\n   indented too\n\n"
                + pem(intermediate.cert())
                + "---\nServer certificate ends here; trailing notes.\n";

        assertThat(reader.parse(bytes(text))).containsExactly(leaf.cert(), intermediate.cert());
    }

    @Test
    void readsPemWhoseLeadingTextStartsWithDigitZero() throws Exception {
        // '0' is byte 0x30, the first byte of every DER certificate: the text must still be read as PEM.
        String text = "0 s:CN = printer.home.arpa\n" + pem(leaf.cert());

        assertThat(reader.parse(bytes(text))).containsExactly(leaf.cert());
    }

    @Test
    void readsPemWithCrlfLineEndings() throws Exception {
        String crlf = ("intro\n" + pem(leaf.cert(), root.cert()) + "outro\n").replace("\n", "\r\n");

        assertThat(crlf).contains("\r\n-----END CERTIFICATE-----\r\n");
        assertThat(reader.parse(bytes(crlf))).containsExactly(leaf.cert(), root.cert());
    }

    @Test
    void readsPemWithUnwrappedBase64Line() throws Exception {
        String oneLine = "-----BEGIN CERTIFICATE-----\n" + Base64.getEncoder().encodeToString(leaf.cert().der())
                + "\n-----END CERTIFICATE-----\n";

        assertThat(reader.parse(bytes(oneLine))).containsExactly(leaf.cert());
    }

    @Test
    void readsLegacyX509CertificateLabel() throws Exception {
        String legacy = pem("X509 CERTIFICATE", leaf.cert().der());

        assertThat(reader.parse(bytes(legacy))).containsExactly(leaf.cert());
    }

    @Test
    void readsDer() throws Exception {
        assertThat(reader.parse(leaf.cert().der())).containsExactly(leaf.cert());
        assertThat(reader.parseDer(root.cert().der())).isEqualTo(root.cert());
    }

    @Test
    void readsPemAndDerFilesToTheSameCertificate() throws Exception {
        Path pemFile = Files.writeString(dir.resolve("leaf.pem"), pem(leaf.cert()));
        Path derFile = Files.write(dir.resolve("leaf.der"), leaf.cert().der());

        assertThat(reader.read(pemFile)).containsExactly(leaf.cert());
        assertThat(reader.read(derFile)).containsExactly(leaf.cert());
    }

    @Test
    void readsFilesUnderLimitsBeyondTwoGigabytes() throws Exception {
        Path pemFile = Files.writeString(dir.resolve("leaf.pem"), pem(leaf.cert()));
        CertificateReader huge = new CertificateReader(
                new CertificateReader.Limits(Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));

        assertThat(huge.read(pemFile)).containsExactly(leaf.cert());
    }

    @Test
    void readsOpensslTextOutputWithCertificateAfterDump() throws Exception {
        Path in = Files.write(dir.resolve("in.der"), leaf.cert().der());
        Path out = dir.resolve("text.pem");
        Openssl.run("x509", "-inform", "DER", "-in", in.toString(), "-text", "-out", out.toString());

        assertThat(Files.readString(out)).startsWith("Certificate:");
        assertThat(reader.read(out)).containsExactly(leaf.cert());
    }

    @Test
    void skipsPrivateKeyBlockInCombinedPem() throws Exception {
        String combined = pem("PRIVATE KEY", leaf.keyPair().getPrivate().getEncoded()) + pem(leaf.cert());

        assertThat(reader.parse(bytes(combined))).containsExactly(leaf.cert());
    }

    @Test
    void skipsNonCertificateBlocksBetweenCertificates() throws Exception {
        String mixed = pem("EC PARAMETERS", new byte[] {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 3, 1, 7})
                + pem(leaf.cert())
                + pem("PRIVATE KEY", leaf.keyPair().getPrivate().getEncoded())
                + pem(root.cert());

        assertThat(reader.parse(bytes(mixed))).containsExactly(leaf.cert(), root.cert());
    }

    @Test
    void privateKeyTextNeverAppearsInErrorForLaterBrokenBlock() {
        String keyPem = pem("PRIVATE KEY", leaf.keyPair().getPrivate().getEncoded());
        String broken = keyPem + pem(leaf.cert()).replace("-----END CERTIFICATE-----\n", "");

        assertThatThrownBy(() -> reader.parse(bytes(broken)))
                .isInstanceOf(CertificateParseException.class)
                .hasMessageContaining("PEM block 2")
                .satisfies(e -> assertContainsNoKeyText(e.getMessage(), keyPem))
                .satisfies(UserMessages::assertUserMessage);
    }

    @Test
    void privateKeyTextNeverAppearsWhenTheKeyBlockItselfIsMalformed() {
        String keyPem = pem("PRIVATE KEY", leaf.keyPair().getPrivate().getEncoded());
        String unterminated = keyPem.replace("-----END PRIVATE KEY-----\n", "");
        String badBase64 = keyPem.replaceFirst("\n(.)", "\n!$1");

        for (String input : List.of(unterminated, badBase64)) {
            assertThatThrownBy(() -> reader.parse(bytes(input)))
                    .isInstanceOf(CertificateParseException.class)
                    .hasMessageContaining("PEM block 1 is malformed")
                    .satisfies(e -> assertContainsNoKeyText(e.getMessage(), keyPem))
                    .satisfies(UserMessages::assertUserMessage);
        }
    }

    @Test
    void pemWithOnlyPrivateKeyNamesWhatTheFileHolds() {
        String keyPem = pem("PRIVATE KEY", leaf.keyPair().getPrivate().getEncoded());

        assertThatThrownBy(() -> reader.parse(bytes(keyPem)))
                .isInstanceOf(CertificateParseException.class)
                .hasMessage("no certificate found (the file holds: PRIVATE KEY)")
                .satisfies(e -> assertContainsNoKeyText(e.getMessage(), keyPem));
    }

    @Test
    void pemWithSeveralNonCertificateBlocksListsEachTypeOnce() {
        String blocks = pem("EC PARAMETERS", new byte[] {5, 0}) + pem("EC PRIVATE KEY", new byte[] {1, 2, 3})
                + pem("EC PRIVATE KEY", new byte[] {4, 5, 6});

        assertThatThrownBy(() -> reader.parse(bytes(blocks)))
                .hasMessage("no certificate found (the file holds: EC PARAMETERS, EC PRIVATE KEY)");
    }

    @Test
    void readFromFilePrefixesErrorsWithTheFileName() throws Exception {
        Path keyOnly = Files.writeString(dir.resolve("device-key.pem"),
                pem("PRIVATE KEY", leaf.keyPair().getPrivate().getEncoded()));

        assertThatThrownBy(() -> reader.read(keyOnly))
                .isInstanceOf(CertificateParseException.class)
                .hasMessage(keyOnly + ": no certificate found (the file holds: PRIVATE KEY)");
    }

    /** No base64 line of the key, nor any 16-character run of it, may appear in the message. */
    private static void assertContainsNoKeyText(String message, String keyPem) {
        String base64 = keyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        for (int i = 0; i + 16 <= base64.length(); i += 8) {
            assertThat(message).doesNotContain(base64.substring(i, i + 16));
        }
    }
}
