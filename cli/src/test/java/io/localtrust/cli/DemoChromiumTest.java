package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.x509.CertificateMaker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo without the tools of its browser column: one line saying which one is missing and
 * how to get it, or what a Chromium that would not start said, and no verdicts (the demo's table
 * then keeps the ladder's column only; with both tools, {@link DemoCommandTest} shows Chromium's).
 */
class DemoChromiumTest {
    @TempDir
    Path tmp;

    @Test
    void withoutChromiumOrCertutilTheDemoSaysWhichIsMissing() throws Exception {
        var root = CertificateMaker.at(Instant.now(), new SecureRandom()).commonName("Demo root").ca(0).make().cert();
        DemoChromium.Outcome none = DemoChromium.visit(List.of(), List.of(root), tmp.toString());
        assertThat(none.visits()).isEmpty();
        assertThat(none.skipped()).hasValue("chromium is not installed (Debian: apt install chromium)");

        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path chromium = Files.writeString(bin.resolve("chromium"), "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(chromium, PosixFilePermissions.fromString("rwxr-xr-x"));
        DemoChromium.Outcome noCertutil = DemoChromium.visit(List.of(), List.of(root), bin.toString());
        assertThat(noCertutil.skipped()).hasValueSatisfying(s -> assertThat(s).startsWith("certutil is not installed")
                .contains("apt install libnss3-tools"));

        // installed but broken: what it said, in one line, and the demo goes on without it
        Files.writeString(chromium, "#!/bin/sh\necho 'Missing X server or $DISPLAY' >&2\nexit 1\n");
        Files.createSymbolicLink(bin.resolve("certutil"), Chromium.onPath("certutil", System.getenv("PATH")).orElseThrow());
        DemoChromium.Outcome broken = DemoChromium.visit(List.of(), List.of(root), bin.toString());
        assertThat(broken.skipped()).hasValue("chromium did not start: Missing X server or $DISPLAY");
    }
}
