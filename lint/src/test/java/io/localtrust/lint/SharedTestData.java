package io.localtrust.lint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the shared third-party test data lives, and where agreement reports go. The data is
 * required: a missing directory fails the test, it never skips it.
 */
final class SharedTestData {
    private SharedTestData() {
    }

    /** {@code <shared>/testdata/lint}: the property {@code localtrust.shared}, else {@code ../../shared} and {@code ../shared}. */
    static Path lintData() {
        List<Path> tried = new ArrayList<>();
        String property = System.getProperty("localtrust.shared");
        if (property != null && !property.isBlank()) {
            tried.add(Path.of(property));
        }
        Path moduleDir = moduleDir();
        tried.add(moduleDir.resolve("../../shared"));
        tried.add(moduleDir.resolve("../shared"));
        for (Path candidate : tried) {
            Path lint = candidate.resolve("testdata/lint").normalize().toAbsolutePath();
            if (Files.isDirectory(lint.resolve("zlint-subset")) && Files.isDirectory(lint.resolve("pkilint-tls-br"))) {
                return lint;
            }
        }
        throw new IllegalStateException("shared lint test data not found (tried " + tried
                + " + /testdata/lint); set -Dlocaltrust.shared=/path/to/shared");
    }

    /** The lint module's directory: surefire's {@code basedir}, else the working directory. */
    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /** Writes a report under the module's {@code target/} and echoes it to stdout. */
    static Path writeReport(String fileName, String markdown) throws IOException {
        Path out = moduleDir().resolve("target").resolve(fileName);
        Files.createDirectories(out.getParent());
        Files.writeString(out, markdown, StandardCharsets.UTF_8);
        System.out.println(markdown);
        return out;
    }
}
