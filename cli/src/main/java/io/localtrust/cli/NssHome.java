package io.localtrust.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A browser user's install step, as Chromium on Linux reads it: {@code home}'s NSS database
 * ({@code $HOME/.pki/nssdb}, made with Debian's {@code certutil} from {@code libnss3-tools})
 * holding the given roots as trusted CAs ({@code -t "C,,"}: trusted to issue server
 * certificates), or nothing of ours.
 */
final class NssHome {
    private NssHome() {
    }

    /** {@code home} with an NSS database trusting {@code root}, or none of ours when {@code root} is null. */
    static Path create(Path home, Path root) throws IOException, InterruptedException {
        return trusting(home, root == null ? List.of() : List.of(root));
    }

    /**
     * {@code home} with an NSS database trusting each of {@code roots} (PEM or DER files).
     *
     * @throws IOException certutil failed (its output in the message) or is not there
     */
    static Path trusting(Path home, List<Path> roots) throws IOException, InterruptedException {
        Path db = Files.createDirectories(home.resolve(".pki/nssdb"));
        certutil("-d", "sql:" + db, "-N", "--empty-password");
        for (int i = 0; i < roots.size(); i++) {
            certutil("-d", "sql:" + db, "-A", "-t", "C,,", "-n", "trusted root " + (i + 1), "-i", roots.get(i).toString());
        }
        return home;
    }

    private static void certutil(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("certutil"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("certutil did not finish in 30 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("certutil " + args[args.length > 2 ? 2 : 0] + " failed (exit " + p.exitValue() + "): "
                    + out.strip().replace('\n', ' '));
        }
    }
}
