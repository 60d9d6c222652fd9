package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A browser user's install step, as Chromium reads it: {@code home}'s NSS database
 * ({@code $HOME/.pki/nssdb}, made with Debian's {@code certutil}) holding {@code root} as a
 * trusted CA, or nothing of ours when {@code root} is null.
 */
final class NssHome {
    private NssHome() {
    }

    static Path create(Path home, Path root) throws Exception {
        Path db = Files.createDirectories(home.resolve(".pki/nssdb"));
        certutil("-d", "sql:" + db, "-N", "--empty-password");
        if (root != null) {
            certutil("-d", "sql:" + db, "-A", "-t", "C,,", "-n", "trusted root", "-i", root.toString());
        }
        return home;
    }

    private static void certutil(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("certutil"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
