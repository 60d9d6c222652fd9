package io.localtrust.trust.conformance;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the shared third-party test data lives ({@code ../shared/testdata} from the project
 * root, or the {@code localtrust.shared} property surefire sets), and where harness reports go.
 * Missing data fails the test; it never skips it.
 */
final class Shared {
    private static final CertificateReader READER = new CertificateReader();

    private Shared() {
    }

    static Path testdata(String sub) {
        List<Path> tried = new ArrayList<>();
        String property = System.getProperty("localtrust.shared");
        if (property != null && !property.isBlank()) {
            tried.add(Path.of(property));
        }
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        tried.add(module.resolve("../../shared"));
        tried.add(module.resolve("../shared"));
        for (Path candidate : tried) {
            Path p = candidate.resolve("testdata").resolve(sub).normalize().toAbsolutePath();
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("shared test data '" + sub + "' not found (tried " + tried
                + "); set -Dlocaltrust.shared=/path/to/shared");
    }

    /** {@code target/} of this module, for harness reports. */
    static Path target() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        return module.resolve("target");
    }

    static List<Cert> pem(String text) throws CertificateParseException {
        return READER.parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static List<Cert> read(Path file) throws CertificateParseException {
        return READER.read(file);
    }

    /**
     * Reads with the per-certificate and per-extension size limits raised (1 MiB), for suites
     * whose point is an oversized extension: the engine's own work budget must then hold.
     */
    static List<Cert> readLarge(Path file) throws CertificateParseException {
        return new CertificateReader(new CertificateReader.Limits(8L << 20, 1 << 20, 1 << 20, 4096)).read(file);
    }
}
