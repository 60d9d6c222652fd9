package io.localtrust.gateway;

import io.localtrust.authority.Gateway;
import io.localtrust.authority.IssuanceRequest;
import io.localtrust.authority.KeyCeremony;
import io.localtrust.x509.Cert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A ceremony-made gateway in a temp dir, one issued device certificate, and the server on free loopback ports. */
final class RunningGateway implements AutoCloseable {
    final Path tmp;
    final Path dir;
    final KeyCeremony.Result ceremony;
    Gateway gateway;
    GatewayServer server;
    final Cert leaf;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RunningGateway(Path tmp) throws Exception {
        this.tmp = tmp;
        this.dir = tmp.resolve("gw");
        this.ceremony = TestGateways.init(dir);
        this.gateway = TestGateways.open(dir);
        this.leaf = gateway.authority().issue(new IssuanceRequest(TestGateways.csr("printer"), List.of("printer.home.arpa"),
                "test", true)).leaf();
        TestGateways.writePem(tmp.resolve("leaf.pem"), leaf.der());
        this.server = GatewayServer.start(gateway, ServerSettings.loopback(0, 0), TestGateways.CLOCK, TestGateways.RANDOM);
    }

    /** Stops the server and closes the gateway, then opens DIR again and starts anew: what restarting `gateway run` does. */
    void restart() throws Exception {
        close();
        gateway = TestGateways.open(dir);
        server = GatewayServer.start(gateway, ServerSettings.loopback(0, 0), TestGateways.CLOCK, TestGateways.RANDOM);
    }

    String ocspUrl() {
        return server.httpUrl() + "ocsp";
    }

    HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.httpUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@code openssl ocsp} against the running responder; its output. */
    String opensslOcsp() throws Exception {
        return opensslOcsp(dir.resolve("intermediate.pem"), "leaf.pem");
    }

    /** {@code openssl ocsp} about CERT (a file in tmp) of ISSUER, with extra options (e.g. {@code -sha256}); its output. */
    String opensslOcsp(Path issuer, String cert, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("ocsp"));
        args.addAll(List.of(options)); // a digest option must come before -cert
        args.addAll(List.of("-issuer", issuer.toString(), "-cert", cert,
                "-url", ocspUrl(), "-CAfile", dir.resolve("root.pem").toString(), "-timeout", "10"));
        return TestGateways.openssl(tmp, args.toArray(String[]::new)).output();
    }

    /** Polls {@code check} until true or the deadline. */
    static boolean eventually(Duration within, Check check) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            if (check.ok()) {
                return true;
            }
            Thread.sleep(100);
        }
        return check.ok();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    @Override
    public void close() throws Exception {
        server.close();
        gateway.close();
    }
}
