package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code localtrust device run} (or another long-running command) in a JVM of its own, as a user starts it; its console read as it goes. */
final class DeviceProcess implements AutoCloseable {
    final Process process;
    final List<String> out = new CopyOnWriteArrayList<>();
    private final Path err;

    DeviceProcess(Path err, Map<String, String> environment, String... args) throws Exception {
        this(err, environment, List.of("device", "run"), List.of(), args);
    }

    /** {@code localtrust COMMAND… ARGS…} in a JVM of its own with {@code jvmOptions} (e.g. a heap limit). */
    DeviceProcess(Path err, Map<String, String> environment, List<String> command, List<String> jvmOptions, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(command);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        pb.environment().putAll(environment);
        this.err = err;
        process = pb.start();
        BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofVirtual().start(() -> {
            try {
                for (String line; (line = r.readLine()) != null; ) {
                    out.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
    }

    /** Waits for a console line matching {@code regex}; returns its first group (or the line). */
    String await(String regex, Duration timeout) throws Exception {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        int from = 0;
        while (System.nanoTime() < deadline) {
            for (int i = from; i < out.size(); i++) {
                Matcher m = p.matcher(out.get(i));
                if (m.find()) {
                    return m.groupCount() > 0 ? m.group(1) : out.get(i);
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line matching " + regex + " in:\n" + String.join("\n", out) + "\n--- stderr:\n"
                + Files.readString(err));
    }

    /** SIGTERM, as a service manager stops it; returns the exit code. */
    int stop() throws Exception {
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor()).isZero();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
