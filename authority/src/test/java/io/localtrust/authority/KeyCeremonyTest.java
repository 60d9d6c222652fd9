package io.localtrust.authority;

import static io.localtrust.authority.TestGateway.PASSPHRASE;
import static io.localtrust.authority.TestGateway.openssl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateReader;
import io.localtrust.x509.KeyKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCeremonyTest {
    @TempDir
    Path tmp;

    @Test
    void createsNameConstrainedRootAndIntermediateWithRealCaProfile() throws Exception {
        KeyCeremony.Result r = TestGateway.init(tmp.resolve("gw"));
        Cert root = r.root();
        Cert intermediate = r.intermediate();
        assertThat(root.selfSigned()).isTrue();
        assertThat(root.ca()).isTrue();
        assertThat(root.pathLength()).hasValue(1);
        assertThat(root.keyUsage()).containsExactlyInAnyOrder("keyCertSign", "cRLSign");
        assertThat(intermediate.ca()).isTrue();
        assertThat(intermediate.pathLength()).hasValue(0);
        assertThat(intermediate.issuer()).isEqualTo(root.subject());
        for (Cert c : new Cert[] {root, intermediate}) {
            assertThat(c.extensions()).anySatisfy(e -> {
                assertThat(e.oid()).isEqualTo("2.5.29.30"); // nameConstraints
                assertThat(e.critical()).isTrue();
            });
        }
        Path dir = r.files().dir();
        var text = openssl(dir, "x509", "-in", "root.pem", "-noout", "-text");
        assertThat(text.output()).contains("X509v3 Name Constraints: critical", "Permitted:", "DNS:home.arpa",
                "IP:192.168.0.0/255.255.0.0", "IP:FC00:0:0:0:0:0:0:0/FE00:0:0:0:0:0:0:0");
        var verify = openssl(dir, "verify", "-CAfile", "root.pem", "intermediate.pem");
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("root.der"))).isEqualTo(root.der());
        assertThat(new CertificateReader().read(dir.resolve("root.pem")).get(0)).isEqualTo(root);
    }

    @Test
    void keyFilesAreOwnerOnlyAndTheRootKeyIsEncryptedWithPbes2Aes256() throws Exception {
        KeyCeremony.Result r = TestGateway.init(tmp.resolve("gw"));
        GatewayFiles f = r.files();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.rootKey()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.intermediateKey()))).isEqualTo("rw-------");
        var info = openssl(f.dir(), "pkcs12", "-in", "root-key.p12", "-info", "-noout", "-passin", "pass:" + new String(PASSPHRASE));
        assertThat(info.exit()).as(info.output()).isZero();
        assertThat(info.output()).contains("PBES2", "PBKDF2", "AES-256-CBC", "hmacWithSHA256");
        KeyPair root = KeyFiles.readRootKey(f.rootKey(), PASSPHRASE);
        byte[] p12 = Files.readAllBytes(f.rootKey());
        byte[] pkcs8 = root.getPrivate().getEncoded();
        byte[] scalar = java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
        assertThat(HexFormat.of().formatHex(p12)).doesNotContain(HexFormat.of().formatHex(scalar));
        assertThat(Files.readString(f.config())).doesNotContain(r.adminToken()).contains(AdminTokens.hash(r.adminToken()));
        assertThat(AdminTokens.matches(r.adminToken(), r.config().adminTokenHash())).isTrue();
        assertThat(AdminTokens.matches(r.adminToken() + "x", r.config().adminTokenHash())).isFalse();
    }

    @Test
    void wrongPassphraseIsRefusedClearly() throws Exception {
        KeyCeremony.Result r = TestGateway.init(tmp.resolve("gw"));
        assertThatThrownBy(() -> KeyFiles.readRootKey(r.files().rootKey(), "not the passphrase".toCharArray()))
                .isInstanceOf(KeyCustodyException.class).hasMessageContaining("wrong passphrase");
    }

    @Test
    void refusesToOverwriteAnExistingCaOrANonEmptyDirectory() throws Exception {
        Path dir = tmp.resolve("gw");
        KeyCeremony.Result first = TestGateway.init(dir);
        byte[] rootBefore = Files.readAllBytes(dir.resolve("root.der"));
        assertThatThrownBy(() -> TestGateway.init(dir)).isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("already holds a gateway CA");
        assertThat(Files.readAllBytes(dir.resolve("root.der"))).isEqualTo(rootBefore).isEqualTo(first.root().der());
        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> TestGateway.init(other)).hasMessageContaining("not empty");
        assertThat(Files.list(other).count()).isEqualTo(1);
    }

    @Test
    void shortPassphraseCreatesNothing() {
        Path dir = tmp.resolve("gw");
        assertThatThrownBy(() -> new KeyCeremony(TestGateway.CLOCK, TestGateway.RANDOM).perform(new CeremonySpec(dir, "x",
                TestGateway.policy(), KeyKind.EC_P256, Duration.ofDays(90), "http://gw.home.arpa"), "short".toCharArray()))
                .hasMessageContaining("at least 12");
        assertThat(dir).doesNotExist();
        assertThat(tmp.toFile().list()).isEmpty();
    }

    @Test
    void ed25519AndP384CeremoniesWork() throws Exception {
        for (KeyKind kind : new KeyKind[] {KeyKind.EC_P384, KeyKind.ED25519}) {
            Path dir = tmp.resolve(kind.name());
            KeyCeremony.Result r = new KeyCeremony(TestGateway.CLOCK, TestGateway.RANDOM).perform(new CeremonySpec(dir,
                    "Gw " + kind, TestGateway.policy(), kind, Duration.ofDays(30), "http://gw.home.arpa"), PASSPHRASE);
            assertThat(r.root().key().describe()).contains(kind == KeyKind.ED25519 ? "Ed25519" : "P-384");
            try (Gateway g = TestGateway.open(dir)) {
                assertThat(g.intermediate()).isEqualTo(r.intermediate());
            }
        }
    }
}
