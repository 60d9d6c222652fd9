package io.localtrust.store.sql;

import io.localtrust.store.GatewayStore;
import io.localtrust.store.GatewayStores;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.localtrust.store.sql.Samples.cert;
import static io.localtrust.store.sql.Samples.register;
import static io.localtrust.store.sql.Samples.serial;
import static io.localtrust.store.sql.Samples.spki;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * A full disk, for real: the store lives on a 2 MiB tmpfs that a filler file fills up. Mounting
 * needs root; CI runs as root, so this test fails (never skips) without it.
 */
class SqliteDiskFullTest {
    @TempDir
    Path tmp;
    private Path mount;

    @BeforeEach
    void mountTinyFileSystem() throws Exception {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (uid != 0) {
            fail("the disk-full test mounts a tmpfs and so must run as root (CI does); uid here is " + uid);
        }
        mount = Files.createDirectory(tmp.resolve("tiny"));
        String out = run("mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "localtrust-test", mount.toString());
        if (out != null) {
            mount = null;
            fail("cannot mount a tmpfs for the disk-full test, although running as root: " + out);
        }
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            String out = run("umount", mount.toString());
            assertThat(out).as("umount " + mount).isNull();
        }
    }

    /** Runs a command; null on success, else its exit code and output. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int code = p.waitFor();
        return code == 0 ? null : "exit " + code + ": " + output;
    }

    /** Writes until the file system says no more. */
    private static Path fill(Path dir) throws IOException {
        Path filler = dir.resolve("filler");
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException expected) {
            assertThat(expected.getMessage()).contains("No space left on device");
        }
        return filler;
    }

    @Test
    void aFullDiskIsUnavailableNamesTheFileAndStoresNothing() throws Exception {
        Path dir = mount.resolve("gateway");
        Path file = dir.resolve("gateway.db");
        try (GatewayStore store = GatewayStores.create(dir)) {
            register(store, 1, "printer.home.arpa");
            store.recordIssuance(cert(1, 1), "cli:root");
            Path filler = fill(mount);
            Samples.Snapshot before = Samples.Snapshot.of(store);

            assertThatThrownBy(() -> store.recordIssuance(cert(2, 1, spki(1), 256 * 1024), "cli:root"))
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
                        assertThat(e.getMessage()).isEqualTo("disk full writing " + file);
                    });
            assertThat(Samples.Snapshot.of(store)).isEqualTo(before);
            assertThat(store.status(serial(2))).isEmpty();

            Files.delete(filler);
            store.recordIssuance(cert(2, 1, spki(1), 256 * 1024), "cli:root");
        }
        try (GatewayStore reopened = GatewayStores.open(dir)) {
            assertThat(reopened.certificates()).containsExactly(cert(1, 1), cert(2, 1, spki(1), 256 * 1024));
            assertThat(reopened.events(1, 10)).hasSize(2);
            assertThat(reopened.verify()).isEmpty();
        }
    }

    @Test
    void creatingOnAFullDiskIsUnavailableAndLeavesNoFile() throws Exception {
        Path filler = fill(mount);
        Path dir = mount.resolve("gateway");

        assertThatThrownBy(() -> GatewayStores.create(dir))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("disk full writing " + dir.resolve("gateway.db"));
                });
        assertThat(dir.resolve("gateway.db")).doesNotExist();
        Files.delete(filler);
    }
}
