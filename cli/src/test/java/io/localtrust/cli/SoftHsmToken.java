package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh SoftHSM2 token in a test's own directory, with its SunPKCS11 configuration and PIN
 * file, and the CLI run against it as a user runs it: each command in its own JVM (SoftHSM reads
 * SOFTHSM2_CONF once per process) whose SOFTHSM2_CONF is this token directory's.
 */
final class SoftHsmToken {
    static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    static final String PIN = "cli-test-pin";

    final Path tmp;
    final Path softhsmConf;
    final Path config;
    final Path pinFile;

    record Run(int exit, String out, String err) {
    }

    private SoftHsmToken(Path tmp, Path softhsmConf, Path config, Path pinFile) {
        this.tmp = tmp;
        this.softhsmConf = softhsmConf;
        this.config = config;
        this.pinFile = pinFile;
    }

    /** Initialises a token in TMP/tokens and writes TMP/softhsm.cfg and TMP/pin.txt. */
    static SoftHsmToken fresh(Path tmp) throws Exception {
        assertThat(Path.of(LIBRARY)).as("SoftHSM2 is missing: install the Debian package softhsm2").isRegularFile();
        Path tokens = Files.createDirectories(tmp.resolve("tokens"));
        Path softhsmConf = tmp.resolve("softhsm2.conf");
        Files.writeString(softhsmConf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", "cli-test", "--pin", PIN,
                    "--so-pin", "cli-test-so-pin").redirectErrorStream(true);
            pb.environment().put("SOFTHSM2_CONF", softhsmConf.toString());
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("softhsm2-util is missing: install the Debian package softhsm2", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Matcher m = Pattern.compile("reassigned to slot (\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        Path config = tmp.resolve("softhsm.cfg");
        Files.writeString(config, "name = localtrust-cli-test\nlibrary = " + LIBRARY + "\nslot = " + m.group(1) + "\n"
                + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n  CKA_TOKEN = true\n  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n  CKA_SIGN = true\n}\n"
                + "attributes(generate, CKO_PUBLIC_KEY, *) = {\n  CKA_TOKEN = true\n}\n");
        Path pinFile = tmp.resolve("pin.txt");
        Files.writeString(pinFile, PIN + "\n");
        return new SoftHsmToken(tmp, softhsmConf, config, pinFile);
    }

    /** The CLI in a fresh JVM whose SOFTHSM2_CONF is this token's, without LOCALTRUST_PKCS11_PIN. */
    Run localtrust(String... args) throws Exception {
        return localtrust(Map.of(), args);
    }

    /** The same, with these extra environment variables. */
    Run localtrust(Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder pb = process(environment, args);
        pb.redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("localtrust " + String.join(" ", args) + " hung").isTrue();
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out.txt")), Files.readString(tmp.resolve("err.txt")));
    }

    /** A process builder for the CLI as {@link #localtrust} starts it, for long-running commands. */
    ProcessBuilder process(Map<String, String> environment, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().put("SOFTHSM2_CONF", softhsmConf.toString());
        pb.environment().remove("LOCALTRUST_PKCS11_PIN");
        pb.environment().putAll(environment);
        return pb;
    }

    /** openssl in TMP; fails the test unless it exits 0. Returns stdout and stderr together. */
    String openssl(String... args) throws Exception {
        Run r = opensslAnyExit(args);
        assertThat(r.exit()).as(r.out()).isZero();
        return r.out();
    }

    /** openssl in TMP, whatever its exit code; stdout and stderr together in {@code out}. */
    Run opensslAnyExit(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, "");
    }
}
