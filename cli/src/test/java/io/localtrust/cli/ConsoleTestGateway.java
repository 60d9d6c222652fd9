package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code gateway run} for the console tests, made by {@code gateway init} with a console
 * password from a file, name-constrained to home.arpa and 127.0.0.0/8, on loopback. Its console
 * is opened by name ({@link #NAME}, mapped to 127.0.0.1 in the browser) so the certificate
 * matches; devices validate on {@link #devicePort} at addresses of their own.
 */
final class ConsoleTestGateway implements AutoCloseable {
    static final String NAME = "gateway.home.arpa";
    static final String PASSWORD = "console password for the test";

    final GatewayProcess process;
    final Path dir;
    final int httpPort;
    final int httpsPort;
    final int devicePort;

    ConsoleTestGateway(Path tmp) throws Exception {
        dir = tmp.resolve("gw");
        Files.writeString(tmp.resolve("pass.txt"), "a long enough passphrase\n");
        Files.writeString(tmp.resolve("console.txt"), PASSWORD + "\n");
        httpPort = GatewayProcess.freePort();
        Cli.Result init = Cli.run("gateway", "init", "--dir", dir.toString(), "--name", "Console test", "--permit",
                "home.arpa,127.0.0.0/8", "--passphrase-file", tmp.resolve("pass.txt").toString(), "--url",
                "http://127.0.0.1:" + httpPort, "--console-password-file", tmp.resolve("console.txt").toString());
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).contains("Console password:  from").doesNotContain(PASSWORD);
        assertThat(Files.readString(dir.resolve("console-password"))).startsWith("$argon2id$").doesNotContain(PASSWORD);
        devicePort = GatewayProcess.freePort();
        process = GatewayProcess.withHttpListen(dir, tmp.resolve("gw.log"), "127.0.0.1:" + httpPort, "--validation-http-port",
                Integer.toString(devicePort));
        Matcher m = Pattern.compile("Console:\\s+https://gateway\\.home\\.arpa:(\\d+)/console/").matcher(String.join("\n", process.banner));
        assertThat(m.find()).as(String.join("\n", process.banner)).isTrue();
        httpsPort = Integer.parseInt(m.group(1));
    }

    String console(String path) {
        return "https://" + NAME + ":" + httpsPort + "/console/" + path;
    }

    String plain(String path) {
        return "http://" + NAME + ":" + httpPort + "/console/" + path;
    }

    /** What {@link InProcessDevice} needs to reach this gateway. */
    SharedGateway.Running running() {
        return new SharedGateway.Running(process, dir, dir.resolve("root.pem"), dir.resolve("unused"), devicePort,
                "http://127.0.0.1:" + httpPort);
    }

    @Override
    public void close() {
        process.close();
    }
}
