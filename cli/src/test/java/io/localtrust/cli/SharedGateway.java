package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@code gateway run} process for every device test of the JVM (made by {@code gateway init},
 * name-constrained to home.arpa and 127.0.0.0/8): starting a gateway costs a JVM and a key
 * ceremony, and the device tests only need one that is up. Injected as a parameter; stopped when
 * the test run ends. Its http-01 validation goes to {@link #devicePort}, the HTTP port every test
 * device listens on, each on an address of its own (127.0.41.x).
 */
final class SharedGateway implements ParameterResolver {
    /** The running gateway and what a device needs to reach it. */
    record Running(GatewayProcess process, Path dir, Path root, Path adminPassword, int devicePort, String httpBase)
            implements AutoCloseable {
        String acmeDirectory() {
            return process.acmeDirectory;
        }

        @Override
        public void close() {
            process.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Running.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(SharedGateway.class, k -> start(), Running.class);
    }

    private static Running start() {
        try {
            // under target/, not /tmp: the gateway lives as long as the test JVM, and a shared machine's /tmp gets swept
            Path tmp = Files.createTempDirectory(Files.createDirectories(Path.of("target", "device-tests")).toAbsolutePath(), "gw");
            Path dir = tmp.resolve("gw");
            Files.writeString(tmp.resolve("pass.txt"), "a long enough passphrase\n");
            Files.writeString(tmp.resolve("admin.txt"), "device admin password\n");
            int http = GatewayProcess.freePort();
            Cli.Result r = Cli.run("gateway", "init", "--dir", dir.toString(), "--name", "Device test", "--permit",
                    "home.arpa,127.0.0.0/8", "--passphrase-file", tmp.resolve("pass.txt").toString(), "--url",
                    "http://127.0.0.1:" + http);
            assertThat(r.exit()).as(r.err()).isZero();
            int devicePort = GatewayProcess.freePort();
            GatewayProcess gw = GatewayProcess.withHttpListen(dir, tmp.resolve("gw.log"), "127.0.0.1:" + http,
                    "--validation-http-port", Integer.toString(devicePort));
            return new Running(gw, dir, dir.resolve("root.pem"), tmp.resolve("admin.txt"), devicePort, "http://127.0.0.1:" + http);
        } catch (Exception e) {
            throw new AssertionError("cannot start the shared gateway: " + e.getMessage(), e);
        }
    }
}
