package io.localtrust.cli;

import io.localtrust.authority.CeremonySpec;
import io.localtrust.authority.Gateway;
import io.localtrust.authority.KeyCeremony;
import io.localtrust.authority.KeyCustodyException;
import io.localtrust.authority.NamePolicy;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.locality.Cidr;
import io.localtrust.x509.KeyKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo's gateway: a real key ceremony in a directory, with a random passphrase nobody needs
 * again. Its certificates name the plain-HTTP address the demo really serves OCSP, CRLs and CA
 * certificates on ({@code http://127.0.0.1:PORT}, a port free at the ceremony), so the simulated
 * device agent fetches and staples its OCSP response as a real one would.
 */
final class DemoGateway {
    private DemoGateway() {
    }

    static Gateway create(Path dir, Env env) {
        byte[] secret = new byte[24];
        env.random().nextBytes(secret);
        char[] passphrase = Base64.getEncoder().encodeToString(secret).toCharArray();
        String baseUrl = "http://127.0.0.1:" + freeLoopbackPort();
        try {
            new KeyCeremony(env.clock(), env.random()).perform(new CeremonySpec(dir, "Demo home gateway",
                    names(), KeyKind.EC_P256, Duration.ofDays(90), baseUrl), passphrase);
            return Gateway.open(dir, CompromisedKeys.none(), env.clock(), env.random());
        } catch (KeyCustodyException e) {
            throw new UserError("demo gateway: " + e.getMessage());
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
    }

    /** The port of the gateway's plain-HTTP URL: where every demo server of this gateway serves OCSP and CRLs. */
    static int httpPort(Gateway gateway) {
        int port = URI.create(gateway.config().baseUrl()).getPort();
        return port < 0 ? 80 : port;
    }

    private static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UserError("demo gateway: cannot listen on 127.0.0.1 (" + e.getMessage() + ")");
        }
    }

    /**
     * The default constraints plus loopback: the demo's gateway and devices really talk over
     * 127.0.0.1 (the gateway's HTTPS certificate names it, and devices order it as an {@code ip}).
     */
    static NamePolicy names() {
        List<Cidr> ips = new ArrayList<>(NamePolicy.defaults().ipRanges());
        ips.add(Cidr.parse("127.0.0.0/8"));
        return new NamePolicy(NamePolicy.defaults().dnsSubtrees(), ips);
    }

    /**
     * Removes the temporary gateway and the temporary directory made around it
     * ({@code localtrust-demo-*}). Refuses any other layout: a wrong argument must never walk a
     * parent such as {@code /tmp}.
     */
    static void delete(Path dir) {
        Path top = dir.getParent();
        if (top == null || !dir.getFileName().toString().equals("gateway")
                || !top.getFileName().toString().startsWith("localtrust-demo-")) {
            throw new IllegalArgumentException("not a demo gateway directory: " + dir);
        }
        try (Stream<Path> s = Files.walk(top)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory holds only a throwaway demo CA
        }
    }
}
