package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker.Made;
import io.localtrust.x509.TestCerts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input never produces a stack trace or partial output: exit code 2, nothing on stdout, and
 * exactly one line on stderr naming the file and what is wrong with it — with {@code --debug}
 * too, since these are the user's mistakes, not internal errors.
 */
class InspectBadInputTest {
    @TempDir
    Path dir;

    /** One bad certificate FILE: how to write it, and a fragment the message must contain. */
    record BadFile(String name, Writer writer, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Writer {
        Path write(CertFiles files) throws IOException;
    }

    static Stream<Arguments> badFiles() {
        List<BadFile> cases = List.of(
                new BadFile("empty file", f -> f.bytes("empty.pem", new byte[0]), "empty file"),
                new BadFile("truncated DER", f -> {
                    byte[] der = Pki.selfSigned("dev").cert().der();
                    return f.bytes("truncated.der", Arrays.copyOf(der, der.length / 2));
                }, "truncated"),
                new BadFile("PEM without END line", f -> {
                    String pem = TestCerts.pem(Pki.selfSigned("dev").cert());
                    return f.text("no-end.pem", pem.substring(0, pem.indexOf("-----END")));
                }, "-----END CERTIFICATE----- not found"),
                new BadFile("PEM with garbage base64", f -> f.text("garbage.pem",
                        "-----BEGIN CERTIFICATE-----\nMIIB!!!not*base64@@@\n-----END CERTIFICATE-----\n"), "base64"),
                new BadFile("PEM with valid base64 of garbage", f -> f.text("junk.pem",
                        TestCerts.pem("CERTIFICATE", "this is not DER at all".getBytes())), "not a DER certificate"),
                new BadFile("text file", f -> f.text("notes.txt", "my printer's certificate is on the sticker\n"),
                        "not a certificate"),
                new BadFile("1 KiB of random bytes", f -> f.bytes("random.bin", random(1024, 1)), "not a DER certificate"),
                new BadFile("random bytes after a SEQUENCE header", f -> {
                    byte[] b = random(1024, 2);
                    b[0] = 0x30;
                    b[1] = (byte) 0x82;
                    b[2] = 0x03;
                    b[3] = (byte) 0xfc;
                    return f.bytes("sequence.bin", b);
                }, "ASN.1"),
                new BadFile("the same certificate twice", f -> {
                    Cert c = Pki.selfSigned("dev").cert();
                    return f.pem("twice.pem", c, c);
                }, "chain loops"),
                new BadFile("an issuer loop A → B → A", f -> {
                    Cert[] loop = issuerLoop();
                    return f.pem("loop.pem", loop);
                }, "chain loops"),
                new BadFile("a certificate with a 100 KB extension", f -> f.pem("huge-ext.pem",
                        Pki.maker().commonName("big").extension("1.3.6.1.4.1.55555.1", false, new byte[100_000])
                                .make().cert()), "too large"),
                new BadFile("a directory", f -> Files.createDirectory(f.dir().resolve("certs.d")), "is a directory"),
                new BadFile("a missing file", f -> f.dir().resolve("missing.pem"), "no such file"));
        List<Arguments> out = new ArrayList<>();
        for (BadFile c : cases) {
            out.add(Arguments.of(c, false));
            out.add(Arguments.of(c, true));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, debug={1}")
    @MethodSource("badFiles")
    void badCertificateFileIsOneLineExitTwo(BadFile bad, boolean debug) throws IOException {
        Path file = bad.writer().write(new CertFiles(dir));
        Cli.Result r = debug
                ? Cli.run("inspect", "--debug", "--no-nmap-fingerprints", file.toString())
                : Cli.run("inspect", "--no-nmap-fingerprints", file.toString());
        assertOneLineUserError(r, file.toString(), bad.problem());
    }

    @Test
    void privateKeyOnlyPemIsRefusedWithoutEchoingTheKey() {
        Made made = Pki.selfSigned("dev");
        String keyPem = TestCerts.pem("PRIVATE KEY", made.keyPair().getPrivate().getEncoded());
        Path file = new CertFiles(dir).text("key.pem", keyPem);
        for (boolean debug : new boolean[] {false, true}) {
            Cli.Result r = debug ? Cli.run("inspect", "--debug", "--no-nmap-fingerprints", file.toString())
                    : Cli.run("inspect", "--no-nmap-fingerprints", file.toString());
            assertOneLineUserError(r, file.toString(), "no certificate found (the file holds: PRIVATE KEY)");
            String b64 = Base64.getEncoder().encodeToString(made.keyPair().getPrivate().getEncoded());
            assertThat(r.err()).doesNotContain(b64.substring(0, 24)).doesNotContain(b64.substring(b64.length() - 24));
            keyPem.lines().filter(l -> !l.startsWith("-----"))
                    .forEach(l -> assertThat(r.err()).doesNotContain(l.substring(0, Math.min(16, l.length()))));
        }
    }

    @Test
    void fiftyMegabyteFileIsTooLarge() throws IOException {
        Path file = dir.resolve("huge.bin");
        Random random = new Random(50);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 50; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        assertOneLineUserError(Cli.run("inspect", "--no-nmap-fingerprints", file.toString()), file.toString(), "too large");
    }

    @Test
    void manyRandomKilobytesAreAllUserErrors() {
        CertFiles files = new CertFiles(dir);
        for (int seed = 100; seed < 140; seed++) {
            Path file = files.bytes("random-" + seed + ".bin", random(1024, seed));
            assertOneLineUserError(Cli.run("inspect", "--no-nmap-fingerprints", file.toString()), file.toString(), "");
        }
    }

    @Test
    void goodFileAfterABadOneStillFailsTheRunWithoutPartialOutput() {
        CertFiles files = new CertFiles(dir);
        Path good = files.pem("good.pem", Pki.selfSigned("dev").cert());
        Path bad = files.bytes("empty.pem", new byte[0]);
        assertOneLineUserError(Cli.run("inspect", "--no-nmap-fingerprints", good.toString(), bad.toString()),
                bad.toString(), "empty file");
    }

    @Test
    void badLocalAnchorFileNamesTheAnchorFile() {
        CertFiles files = new CertFiles(dir);
        Path cert = files.pem("dev.pem", Pki.selfSigned("dev").cert());
        Path anchor = files.text("anchor.pem", "not a certificate\n");
        assertOneLineUserError(Cli.run("inspect", "--no-nmap-fingerprints", "--local-anchor", anchor.toString(),
                cert.toString()), anchor.toString(), "not a certificate");
    }

    @Test
    void missingVendorAnchorAndPublicRootsFilesAreUserErrors() {
        CertFiles files = new CertFiles(dir);
        Path cert = files.pem("dev.pem", Pki.selfSigned("dev").cert());
        Path missing = dir.resolve("nowhere.pem");
        assertOneLineUserError(Cli.run("inspect", "--no-nmap-fingerprints", "--vendor-anchor", missing.toString(),
                cert.toString()), missing.toString(), "no such file");
        assertOneLineUserError(Cli.run("inspect", "--no-nmap-fingerprints", "--public-roots", missing.toString(),
                cert.toString()), missing.toString(), "no such file");
    }

    @Test
    void compromisedKeyLineThatIsNotHexNamesFileAndLine() {
        CertFiles files = new CertFiles(dir);
        Path cert = files.pem("dev.pem", Pki.selfSigned("dev").cert());
        Path list = files.text("keys.txt", "# published keys\n" + "ab".repeat(32) + "\nnot-a-fingerprint\n");
        for (String debug : new String[] {"--verbose", "--debug"}) {
            Cli.Result r = Cli.run("inspect", debug, "--no-nmap-fingerprints", "--compromised-keys", list.toString(),
                    cert.toString());
            assertOneLineUserError(r, list + ":3:", "not a fingerprint");
        }
    }

    @Test
    void houseOfKeysRowWithBadSpkiNamesFileAndLine() {
        CertFiles files = new CertFiles(dir);
        Path cert = files.pem("dev.pem", Pki.selfSigned("dev").cert());
        Path csv = files.text("hok.csv", "kind,cert_sha256,spki_sha256,subject,issuer,vendors\n"
                + "certificate," + "ab".repeat(32) + ",xyz,\"CN = a\",\"CN = a\",Acme\n");
        assertOneLineUserError(Cli.run("inspect", "--no-nmap-fingerprints", "--compromised-keys", csv.toString(),
                cert.toString()), csv + ":2:", "spki_sha256 is not 64 hex digits");
    }

    @Test
    void missingCompromisedKeysFileIsAUserError() {
        CertFiles files = new CertFiles(dir);
        Path cert = files.pem("dev.pem", Pki.selfSigned("dev").cert());
        Path missing = dir.resolve("keys.txt");
        assertOneLineUserError(Cli.run("inspect", "--no-nmap-fingerprints", "--compromised-keys", missing.toString(),
                cert.toString()), missing.toString(), "no such file");
    }

    static void assertOneLineUserError(Cli.Result r, String file, String problem) {
        assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
        assertThat(r.out()).as("stdout").isEmpty();
        assertThat(r.errLines()).as("stderr").singleElement().asString()
                .startsWith("localtrust: ")
                .contains(file)
                .contains(problem)
                .doesNotContain("Exception", "at io.", "\tat ", "org.bouncycastle", "java.")
                .doesNotContainPattern("[A-Za-z]+Error\\b");
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A issued by B, B issued by A: each names the other as issuer. */
    private static Cert[] issuerLoop() {
        Made bSelf = Pki.maker().commonName("Loop B").ca(0).make();
        Made a = Pki.maker().commonName("Loop A").ca(0).issuer(bSelf).make();
        Made b = Pki.maker().commonName("Loop B").ca(0).keyPair(bSelf.keyPair()).issuer(a).make();
        return new Cert[] {a.cert(), b.cert()};
    }
}
