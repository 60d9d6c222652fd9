package io.localtrust.x509;

import static io.localtrust.x509.TestCerts.bytes;
import static io.localtrust.x509.TestCerts.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.assertj.core.api.AbstractThrowableAssert;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Untrusted input that is not a certificate: every case fails with {@link CertificateParseException}
 * and a single-line message that names the problem, and never with another exception type.
 */
class CertificateReaderBadInputTest {

    private static CertificateMaker.Made good;

    private final CertificateReader reader = new CertificateReader();

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificate() {
        good = TestCerts.maker().commonName("printer.home.arpa").dns("printer.home.arpa").make();
    }

    @Test
    void rejectsEmptyFile() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.pem"));

        assertRead(empty).hasMessage(empty + ": empty file");
    }

    @Test
    void rejectsDerCutInHalf() {
        byte[] der = good.cert().der();

        assertParse(Arrays.copyOf(der, der.length / 2))
                .hasMessageStartingWith("not a DER certificate (truncated or corrupt ASN.1");
    }

    @Test
    void rejectsDerMissingItsLastByte() {
        byte[] der = good.cert().der();

        assertParse(Arrays.copyOf(der, der.length - 1)).hasMessageContaining("truncated or corrupt ASN.1");
    }

    @Test
    void rejectsPemWithoutEndLine() {
        String noEnd = pem(good.cert()).replace("-----END CERTIFICATE-----\n", "");

        assertParse(bytes(noEnd)).hasMessage("PEM block 1 is malformed (-----END CERTIFICATE----- not found)");
    }

    @Test
    void rejectsPemWithBadBase64() {
        String bad = "-----BEGIN CERTIFICATE-----\nMIIB!!!!@@@@####\n-----END CERTIFICATE-----\n";

        assertParse(bytes(bad)).hasMessageStartingWith("PEM block 1 is malformed").hasMessageContaining("base64");
    }

    @Test
    void rejectsPemWithTruncatedBase64() {
        String bad = "-----BEGIN CERTIFICATE-----\nMIIBx\n-----END CERTIFICATE-----\n";

        assertParse(bytes(bad)).hasMessageStartingWith("PEM block 1 is malformed").hasMessageContaining("base64");
    }

    @Test
    void rejectsEmptyPemCertificateBlock() {
        assertParse(bytes("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"))
                .hasMessage("PEM block 1: empty certificate");
    }

    @Test
    void rejectsOneKilobyteOfRandomBytes() {
        byte[] random = new byte[1024];
        new Random(7).nextBytes(random);
        random[0] = 0x5a; // not a SEQUENCE

        assertParse(random).hasMessage("not a DER certificate (starts with byte 0x5a, a certificate starts with a SEQUENCE)");
    }

    @Test
    void rejectsRandomBytesThatStartLikeASequence() {
        byte[] random = new byte[1024];
        new Random(8).nextBytes(random);
        random[0] = 0x30;
        random[1] = (byte) 0x84; // a four-byte length, almost surely past the end

        assertParse(random).hasMessageStartingWith("not a DER certificate (truncated or corrupt ASN.1");
    }

    @Test
    void refusesFiftyMegabyteFileBySizeBeforeReadingIt() throws Exception {
        Path big = dir.resolve("big.bin");
        Random random = new Random(9);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 50; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }

        assertRead(big).hasMessage(big + ": file too large (50.0 MiB; a certificate file is at most 8.0 MiB)");
    }

    @Test
    void refusesFileOverAConfiguredLimit() throws Exception {
        Path pemFile = Files.writeString(dir.resolve("leaf.pem"), pem(good.cert()));
        CertificateReader tiny = new CertificateReader(new CertificateReader.Limits(100, 64 << 10, 32 << 10, 10));

        assertThatThrownBy(() -> tiny.read(pemFile))
                .isInstanceOf(CertificateParseException.class)
                .hasMessageContaining("file too large")
                .satisfies(UserMessages::assertUserMessage);
    }

    @Test
    void refusesInMemoryInputOverTheFileLimit() {
        CertificateReader tiny = new CertificateReader(new CertificateReader.Limits(100, 64 << 10, 32 << 10, 10));

        assertThatThrownBy(() -> tiny.parse(new byte[101]))
                .isInstanceOf(CertificateParseException.class)
                .hasMessage("input too large (101 bytes)");
    }

    @Test
    void rejectsTextFileThatIsNotPem() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "Printer admin password is on the sticker.\nNothing else here.\n");

        assertRead(text).hasMessage(text + ": not a certificate: text without a PEM '-----BEGIN CERTIFICATE-----' line");
    }

    @Test
    void rejectsTextStartingWithDigitZeroThatIsNotPem() {
        assertParse(bytes("0 certificates here\n")).hasMessageContaining("text without a PEM");
    }

    @Test
    void rejectsDirectory() {
        assertRead(dir).hasMessage(dir + ": is a directory, not a certificate file");
    }

    @Test
    void rejectsMissingFile() {
        Path missing = dir.resolve("nope.pem");

        assertRead(missing).hasMessage(missing + ": no such file");
    }

    @Test
    void rejectsPathThroughARegularFile() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Path under = file.resolve("cert.pem");

        assertRead(under).hasMessageStartingWith(under + ": ");
    }

    @Test
    void describesReadFailureInWordsNotExceptionNames() {
        // Reading /proc/self/mem from offset 0 fails with EIO on Linux (address 0 is never mapped).
        Path unreadable = Path.of("/proc/self/mem");

        assertRead(unreadable).hasMessage(unreadable + ": cannot read (Input/output error)");
    }

    @Test
    void refusesHundredKilobyteExtensionByCertificateSizeUnderDefaultLimits() {
        Cert big = TestCerts.maker().extension("1.2.3.4", false, new byte[100 * 1024]).make().cert();

        assertParse(big.der()).hasMessageMatching("certificate too large \\(100\\.\\d KiB; at most 64\\.0 KiB\\)");
    }

    @Test
    void refusesHundredKilobyteExtensionNamingTheExtensionLimit() {
        Cert big = TestCerts.maker().extension("1.2.3.4", false, new byte[100 * 1024]).make().cert();
        CertificateReader roomyCertificates = new CertificateReader(
                new CertificateReader.Limits(8L << 20, 1 << 20, 32 << 10, 4096));

        assertThatThrownBy(() -> roomyCertificates.parseDer(big.der()))
                .isInstanceOf(CertificateParseException.class)
                .hasMessage("extension 1.2.3.4 is 100.0 KiB (at most 32.0 KiB)")
                .satisfies(UserMessages::assertUserMessage);
    }

    @Test
    void refusesExtensionOverLimitInCertificateUnderLimit() {
        Cert cert = TestCerts.maker().extension("1.2.3.4", false, new byte[40 * 1024]).make().cert();

        assertThat(cert.der().length).isLessThan(64 << 10);
        assertParse(cert.der()).hasMessage("extension 1.2.3.4 is 40.0 KiB (at most 32.0 KiB)");
    }

    @Test
    void acceptsExtensionOfExactlyTheLimit() throws Exception {
        Cert cert = TestCerts.maker().extension("1.2.3.4", false, new byte[32 << 10]).make().cert();

        assertThat(reader.parseDer(cert.der()).extensions())
                .anySatisfy(x -> assertThat(x.length()).isEqualTo(32 << 10));
    }

    @Test
    void refusesExtensionOneByteOverTheLimit() {
        Cert cert = TestCerts.maker().extension("1.2.3.4", false, new byte[(32 << 10) + 1]).make().cert();

        assertParse(cert.der()).hasMessageStartingWith("extension 1.2.3.4 is ");
    }

    @Test
    void rejectsDerWithTrailingGarbage() {
        byte[] der = good.cert().der();
        byte[] withGarbage = Arrays.copyOf(der, der.length + 3);
        withGarbage[der.length] = 0x05;

        assertParse(withGarbage).hasMessage("not a certificate: data after the certificate's end");
    }

    @Test
    void rejectsDerFollowedByASecondCertificate() {
        byte[] a = good.cert().der();
        byte[] two = Arrays.copyOf(a, a.length * 2);
        System.arraycopy(a, 0, two, a.length, a.length);

        assertParse(two).hasMessage("not a certificate: data after the certificate's end");
    }

    @Test
    void rejectsCertificateBlockHoldingSequenceOfIntegers() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(1));
        v.add(new ASN1Integer(2));
        v.add(new ASN1Integer(3));

        assertParse(bytes(pem("CERTIFICATE", encode(new DERSequence(v)))))
                .hasMessageStartingWith("PEM block 1: not a certificate (");
    }

    @Test
    void rejectsCertificateBlockHoldingTooShortSequence() {
        assertParse(bytes(pem("CERTIFICATE", new byte[] {0x30, 6, 2, 1, 1, 2, 1, 2})))
                .hasMessage("PEM block 1: not a certificate (sequence wrong size for a certificate)");
    }

    @Test
    void rejectsCertificateBlockHoldingACertificateRequest() throws Exception {
        var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=printer.home.arpa"),
                good.keyPair().getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastle.provider())
                        .build(good.keyPair().getPrivate()));

        assertParse(bytes(pem("CERTIFICATE", csr.getEncoded()))).hasMessageStartingWith("PEM block 1: ");
    }

    @Test
    void rejectsCertificateBlockHoldingAPrivateKeyWithoutEchoingIt() {
        byte[] key = good.keyPair().getPrivate().getEncoded();
        String keyHex = new BigInteger(1, key).toString(16);

        assertParse(bytes(pem("CERTIFICATE", key)))
                .hasMessageStartingWith("PEM block 1: not a certificate")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(keyHex.substring(20, 40)));
    }

    @Test
    void rejectsCertificateBlockHoldingRandomBytes() {
        byte[] random = new byte[300];
        new Random(10).nextBytes(random);
        random[0] = 0x04;

        assertParse(bytes(pem("CERTIFICATE", random))).hasMessage(
                "PEM block 1: not a DER certificate (starts with byte 0x04, a certificate starts with a SEQUENCE)");
    }

    @Test
    void namesTheBadBlockAmongGoodOnes() {
        String input = pem(good.cert()) + pem("CERTIFICATE", new byte[] {0x30, 0});

        assertParse(bytes(input)).hasMessageStartingWith("PEM block 2: ");
    }

    @Test
    void refusesMoreCertificatesThanTheLimit() {
        CertificateReader two = new CertificateReader(new CertificateReader.Limits(8L << 20, 64 << 10, 32 << 10, 2));

        assertThatThrownBy(() -> two.parse(bytes(pem(good.cert(), good.cert(), good.cert()))))
                .isInstanceOf(CertificateParseException.class)
                .hasMessage("more than 2 certificates");
    }

    @Test
    void rejectsPemWithNoBlocksButBeginText() {
        assertParse(bytes("see -----BEGIN nothing\n")).hasMessage("no certificate found");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertParse(byte[] data) {
        return assertThatThrownBy(() -> reader.parse(data))
                .isInstanceOf(CertificateParseException.class)
                .satisfies(UserMessages::assertUserMessage);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRead(Path file) {
        return assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(CertificateParseException.class)
                .satisfies(UserMessages::assertUserMessage);
    }

    private static byte[] encode(DERSequence seq) {
        try {
            return seq.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
