package io.localtrust.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The independent tools the interop tests run: openssl, and Debian's python3 with cbor2, cryptography and PyJWT. */
final class Tools {
    /** Debian's interpreter, whose modules come from the python3-* packages (not a pyenv or venv one). */
    static final String PYTHON = "/usr/bin/python3";

    record Result(int exit, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    private static boolean pythonChecked;

    private Tools() {
    }

    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + command);
        }
        return new Result(p.exitValue(), out, Files.readString(err));
    }

    /** openssl ARGS in DIR; fails the test unless it exits 0. */
    static String openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Result r = run(dir, cmd);
        assertThat(r.exit()).as("%s: %s%s", cmd, r.text(), r.err()).isZero();
        return r.text() + r.err();
    }

    private static synchronized void checkPython(Path dir) throws IOException, InterruptedException {
        if (pythonChecked) {
            return;
        }
        assertThat(Path.of(PYTHON)).as("Debian's python3 is missing: install the package python3").isExecutable();
        Result modules = run(dir, List.of(PYTHON, "-c", "import cbor2, cryptography, jwt"));
        assertThat(modules.exit()).as("python modules missing (%s): install the Debian packages python3-cbor2"
                + " python3-cryptography python3-jwt", modules.err().strip()).isZero();
        pythonChecked = true;
    }

    /** The interop script with ARGS, checked to have its modules first (a missing one fails, naming the package). */
    static Result python(Path dir, String... args) throws IOException, InterruptedException, URISyntaxException {
        checkPython(dir);
        Path script = Path.of(Tools.class.getResource("/interop/tokens_interop.py").toURI());
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        cmd.addAll(List.of(args));
        return run(dir, cmd);
    }
}
