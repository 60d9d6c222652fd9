package io.localtrust.lint.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.KeyKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompromisedKeyFilesTest {
    static Path shared() {
        Path p = Path.of(System.getProperty("localtrust.shared", "../../shared"));
        assertThat(p.resolve("testdata")).as("shared test data beside the repository").isDirectory();
        return p.resolve("testdata/compromised-keys");
    }

    @Test
    void readsHouseOfKeysCsvBySpkiColumn() throws Exception {
        Path csv = shared().resolve("houseofkeys-fingerprints.csv");
        CompromisedKeys keys = CompromisedKeyFiles.load(csv);
        long rows = Files.readAllLines(csv).stream().skip(1).filter(l -> !l.isBlank()).count();
        assertThat(keys.size()).isGreaterThanOrEqualTo((int) rows); // spki + cert entries
        assertThat(rows).isGreaterThan(500);
    }

    @Test
    void readsLittleBlackBoxSha1List() throws Exception {
        CompromisedKeys keys = CompromisedKeyFiles.load(shared().resolve("lbb-0.1-cert-sha1.txt"));
        assertThat(keys.size()).isEqualTo(2022);
    }

    @Test
    void readsNmapSslFingerprintsWhenNmapIsInstalled() throws Exception {
        // scripts/test installs nmap, so its data file must be here: a missing file is a failure, not a skip.
        assertThat(CompromisedKeyFiles.nmapFingerprints()).as("nmap's ssl-fingerprints (apt-get install nmap)").isPresent();
        CompromisedKeys keys = CompromisedKeyFiles.load(CompromisedKeyFiles.nmapFingerprints().get());
        assertThat(keys.size()).isGreaterThan(2000);
    }

    @Test
    void matchesOpensslBlacklistModulusFingerprint(@TempDir Path dir) throws Exception {
        var made = CertificateMaker.at(Instant.parse("2026-01-01T00:00:00Z"), new SecureRandom())
                .key(KeyKind.RSA_2048).commonName("weak").make();
        String fp = CompromisedKeys.debianFingerprint(made.cert().key().rsaModulus().orElseThrow());
        Path list = dir.resolve("blacklist.RSA-2048");
        Files.writeString(list, "# openssl-blacklist\n" + fp + "\n");
        CompromisedKeys keys = CompromisedKeyFiles.load(list);
        assertThat(keys.match(made.cert())).isPresent();
    }

    @Test
    void rejectsLineThatIsNotAFingerprintWithLineNumber(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("keys.txt");
        Files.writeString(bad, "0028E7D49CFA4AA5984FE497EB7348560787E496\nnot-a-fingerprint\n");
        assertThatThrownBy(() -> CompromisedKeyFiles.load(bad)).isInstanceOf(KeyListException.class)
                .hasMessageContaining("keys.txt:2").hasMessageNotContaining("\n");
    }

    @Test
    void rejectsHouseOfKeysRowWithBadSpki(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("hok.csv");
        Files.writeString(bad, "kind,cert_sha256,spki_sha256,subject,issuer,vendors\ncertificate,aa,zz,\"a, b\",x,y\n");
        assertThatThrownBy(() -> CompromisedKeyFiles.load(bad)).isInstanceOf(KeyListException.class)
                .hasMessageContaining("hok.csv:2");
    }

    @Test
    void rejectsEmptyAndMissingLists(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "# nothing\n");
        assertThatThrownBy(() -> CompromisedKeyFiles.load(empty)).hasMessageContaining("no fingerprints");
        assertThatThrownBy(() -> CompromisedKeyFiles.load(dir.resolve("nope.txt"))).hasMessageContaining("no such file");
    }

    @Test
    void csvParserHandlesQuotedCommasAndQuotes() {
        assertThat(CompromisedKeyFiles.csv("a,\"b, c\",\"d \"\"e\"\"\",")).containsExactly("a", "b, c", "d \"e\"", "");
    }
}
