package io.localtrust.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Fingerprints} checked against independent computations: the openssl tool, the JDK's own
 * certificate parser, and a reference base32 written here from RFC 4648.
 */
class FingerprintsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"EC_P256", "RSA_2048", "ED25519"})
    void certificateSha256MatchesOpenssl(KeyKind kind) throws Exception {
        Cert cert = TestCerts.maker().key(kind).dns("printer.home.arpa").make().cert();
        Path pem = Files.writeString(dir.resolve("cert.pem"), TestCerts.pem(cert));

        String out = Openssl.run("x509", "-in", pem.toString(), "-noout", "-fingerprint", "-sha256");

        assertThat(cert.fingerprints().sha256()).isEqualTo(opensslHex(out));
    }

    @Test
    void certificateSha1MatchesOpenssl() throws Exception {
        Cert cert = TestCerts.maker().make().cert();
        Path pem = Files.writeString(dir.resolve("cert.pem"), TestCerts.pem(cert));

        String out = Openssl.run("x509", "-in", pem.toString(), "-noout", "-fingerprint", "-sha1");

        assertThat(cert.fingerprints().sha1()).isEqualTo(opensslHex(out));
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"EC_P256", "EC_P384", "RSA_2048", "ED25519"})
    void spkiSha256AndDevIdMatchOpensslPublicKey(KeyKind kind) throws Exception {
        Cert cert = TestCerts.maker().key(kind).make().cert();
        Path pem = Files.writeString(dir.resolve("cert.pem"), TestCerts.pem(cert));
        Path pub = dir.resolve("pub.pem");
        Path pubDer = dir.resolve("pub.der");

        Openssl.run("x509", "-in", pem.toString(), "-pubkey", "-noout", "-out", pub.toString());
        Openssl.run("pkey", "-pubin", "-in", pub.toString(), "-outform", "DER", "-out", pubDer.toString());
        String digest = Openssl.run("dgst", "-sha256", "-r", pubDer.toString());
        String spkiSha256 = digest.substring(0, digest.indexOf(' '));

        assertThat(Files.readAllBytes(pubDer)).isEqualTo(cert.spkiDer());
        assertThat(cert.fingerprints().spkiSha256()).isEqualTo(spkiSha256);
        assertThat(cert.fingerprints().devId())
                .isEqualTo(base32(Arrays.copyOf(HexFormat.of().parseHex(spkiSha256), 16)));
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"EC_P256", "RSA_1024", "ED25519"})
    void digestsMatchJdkCertificateFactory(KeyKind kind) throws Exception {
        Cert cert = TestCerts.maker().key(kind).make().cert();
        X509Certificate jdk = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(cert.der()));

        assertThat(cert.fingerprints().sha256()).isEqualTo(hex("SHA-256", jdk.getEncoded()));
        assertThat(cert.fingerprints().sha1()).isEqualTo(hex("SHA-1", jdk.getEncoded()));
        assertThat(cert.fingerprints().spkiSha256()).isEqualTo(hex("SHA-256", jdk.getPublicKey().getEncoded()));
    }

    @Test
    void devIdIsTwentySixLowercaseBase32Characters() {
        for (int i = 0; i < 20; i++) {
            String devId = CertificateMaker.at(TestCerts.NOW, TestCerts.random(100 + i)).make().cert()
                    .fingerprints().devId();
            assertThat(devId).hasSize(26).matches("[a-z2-7]{26}");
        }
    }

    @Test
    void devIdIsBase32OfFirstSixteenBytesOfSpkiSha256() throws Exception {
        Cert cert = TestCerts.maker().make().cert();
        byte[] spkiHash = MessageDigest.getInstance("SHA-256").digest(cert.spkiDer());

        assertThat(cert.fingerprints().devId()).isEqualTo(base32(Arrays.copyOf(spkiHash, 16)));
        assertThat(Digests.devId(cert.spkiDer())).isEqualTo(cert.fingerprints().devId());
    }

    @Test
    void referenceBase32MatchesRfc4648TestVectors() {
        // RFC 4648 §10, lowercased and without padding: keeps the reference above honest.
        assertThat(base32(bytes(""))).isEmpty();
        assertThat(base32(bytes("f"))).isEqualTo("my");
        assertThat(base32(bytes("fo"))).isEqualTo("mzxq");
        assertThat(base32(bytes("foo"))).isEqualTo("mzxw6");
        assertThat(base32(bytes("foob"))).isEqualTo("mzxw6yq");
        assertThat(base32(bytes("fooba"))).isEqualTo("mzxw6ytb");
        assertThat(base32(bytes("foobar"))).isEqualTo("mzxw6ytboi");
    }

    @Test
    void sameKeyMeansSameKeyIdentityButDifferentCertificateDigest() {
        CertificateMaker.Made first = TestCerts.maker().commonName("unit-1").make();
        Cert second = TestCerts.maker().commonName("unit-2").keyPair(first.keyPair()).make().cert();
        Cert other = CertificateMaker.at(TestCerts.NOW, TestCerts.random(7)).commonName("unit-3").make().cert();

        assertThat(second.fingerprints().spkiSha256()).isEqualTo(first.cert().fingerprints().spkiSha256());
        assertThat(second.fingerprints().devId()).isEqualTo(first.cert().fingerprints().devId());
        assertThat(second.fingerprints().sha256()).isNotEqualTo(first.cert().fingerprints().sha256());
        assertThat(other.fingerprints().devId()).isNotEqualTo(first.cert().fingerprints().devId());
    }

    @Test
    void digestHelpersAgreeWithMessageDigest() throws Exception {
        byte[] data = bytes("localtrust");

        assertThat(Digests.sha256(data)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
        assertThat(Digests.sha256Hex(data)).isEqualTo(hex("SHA-256", data));
        assertThat(Digests.sha1Hex(data)).isEqualTo(hex("SHA-1", data));
        assertThat(Digests.of(data, data).spkiSha256()).isEqualTo(hex("SHA-256", data));
    }

    @Test
    void fingerprintsNormaliseHexToLowercase() {
        Fingerprints f = new Fingerprints("AB".repeat(32), "CD".repeat(20), "EF".repeat(32), "a".repeat(26));

        assertThat(f.sha256()).isEqualTo("ab".repeat(32));
        assertThat(f.sha1()).isEqualTo("cd".repeat(20));
        assertThat(f.spkiSha256()).isEqualTo("ef".repeat(32));
    }

    @Test
    void fingerprintsRejectMalformedValues() {
        String sha256 = "ab".repeat(32);
        String sha1 = "cd".repeat(20);
        String devId = "a".repeat(26);

        assertThatThrownBy(() -> new Fingerprints(sha256.substring(2), sha1, sha256, devId))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sha256 must be 64 hex digits");
        assertThatThrownBy(() -> new Fingerprints(sha256, "zz".repeat(20), sha256, devId))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sha1 must be 40 hex digits");
        assertThatThrownBy(() -> new Fingerprints(sha256, sha1, sha256 + "00", devId))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("spkiSha256 must be 64 hex digits");
        assertThatThrownBy(() -> new Fingerprints(sha256, sha1, sha256, "abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("26 characters");
        assertThatThrownBy(() -> new Fingerprints(null, sha1, sha256, devId)).isInstanceOf(NullPointerException.class);
    }

    /** "sha256 Fingerprint=AB:CD:…" (any case of the label) to "abcd…". */
    private static String opensslHex(String out) {
        String line = out.strip();
        assertThat(line).containsIgnoringCase("Fingerprint=");
        return line.substring(line.indexOf('=') + 1).replace(":", "").toLowerCase(Locale.ROOT);
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    private static byte[] bytes(String s) {
        return TestCerts.bytes(s);
    }

    /** RFC 4648 base32, lowercase, no padding: five bits at a time, most significant first. */
    private static String base32(byte[] data) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
