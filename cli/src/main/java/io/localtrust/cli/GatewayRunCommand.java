package io.localtrust.cli;

import io.localtrust.acme.AcmeSettings;
import io.localtrust.authority.Gateway;
import io.localtrust.authority.KeyCeremony;
import io.localtrust.gateway.GatewayServer;
import io.localtrust.gateway.ServerSettings;
import io.localtrust.gateway.StartupRefused;
import io.localtrust.gateway.console.ConsolePassword;
import io.localtrust.localdns.DnsLimits;
import io.localtrust.localdns.LocalZone;
import io.localtrust.store.StoreException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gateway run}: serve OCSP, the CRL and the CA certificates over HTTP, and the admin API over HTTPS. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the gateway: OCSP, CRL and CA certificates over HTTP, the admin API over HTTPS.",
            "Plain HTTP serves OCSP (pre-signed responses), the CRL and the CA",
            "certificates (what AIA and CRL DP point at); HTTPS, with the gateway's own certificate, serves",
            "the same plus the JSON admin API (Authorization: Bearer <admin token>).",
            "Changes made meanwhile with the shell commands show in OCSP and the CRL within a second.",
            "Stops cleanly on SIGTERM or Ctrl-C. See docs/gateway-run.md."},
        footer = {"", "Example:", "  localtrust gateway run --dir /var/lib/localtrust --listen 192.168.1.1:8443 --http-listen 192.168.1.1:8080",
            "", "Exit codes: 0 stopped, 1 internal error, 2 bad input, missing or damaged DIR, port in use."})
final class GatewayRunCommand implements Callable<Integer> {
    private final Env env;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Mixin
    GatewayDirOption gateway = new GatewayDirOption();

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8443",
            description = "HTTPS address: admin API, OCSP, CRL, CA certificates (default ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--http-listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            description = "Plain-HTTP address: OCSP, CRL, CA certificates (default ${DEFAULT-VALUE}).")
    String httpListen;

    @Option(names = "--tls-name", paramLabel = "NAME",
            description = "A DNS name for the gateway's own certificate; repeatable (default gateway.home.arpa)."
                    + " The --listen address is added when the CA may certify it.")
    List<String> tlsNames = new ArrayList<>();

    @Option(names = "--validation-http-port", paramLabel = "PORT", defaultValue = "80",
            description = "Port ACME http-01 challenges are validated on, at the device (default ${DEFAULT-VALUE}).")
    int validationHttpPort;

    @Option(names = "--validation-tls-port", paramLabel = "PORT", defaultValue = "443",
            description = "Port ACME tls-alpn-01 challenges are validated on, at the device (default ${DEFAULT-VALUE}).")
    int validationTlsPort;

    @Option(names = "--acme-rate", paramLabel = "N/s|N/min|N/h", defaultValue = "100/s",
            description = "ACME requests allowed per source address (default ${DEFAULT-VALUE}).")
    String acmeRate;

    @Option(names = "--acme-orders", paramLabel = "N/s|N/min|N/h", defaultValue = "300/h",
            description = "ACME new orders allowed per account (default ${DEFAULT-VALUE}).")
    String acmeOrders;

    @Option(names = "--dns-listen", paramLabel = "HOST:PORT",
            description = "Answer DNS (UDP and TCP) for the local zone at this address, e.g. 192.168.1.1:53 (port 53"
                    + " needs root); off unless given.")
    String dnsListen;

    @Option(names = "--dns-zone", paramLabel = "NAME", defaultValue = "home.arpa",
            description = "The local zone the gateway is authoritative for (default ${DEFAULT-VALUE}).")
    String dnsZone;

    @Option(names = "--dns-rate", paramLabel = "N/s|N/min|N/h", defaultValue = "100/s",
            description = "DNS queries answered per source address; beyond it REFUSED (default ${DEFAULT-VALUE}).")
    String dnsRate;

    @Option(names = "--mdns", paramLabel = "ADDRESS",
            description = "Announce the gateway (its console, _https._tcp) and list devices announcing _https._tcp or _http._tcp"
                    + " over mDNS/DNS-SD on the interface with this address, e.g. 192.168.1.1; off unless given.")
    String mdns;

    GatewayRunCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        InetSocketAddress https = address("--listen", listen);
        InetSocketAddress http = address("--http-listen", httpListen);
        ServerSettings plain = new ServerSettings(https, http,
                tlsNames.isEmpty() ? List.of(ServerSettings.DEFAULT_NAME) : tlsNames, ServerSettings.DEFAULT_POLL, acme(), dns());
        ServerSettings settings = mdns == null ? plain : plain.withMdns(mdnsAddress(mdns));
        Gateway g = gateway.open(env);
        GatewayServer server;
        try {
            server = GatewayServer.start(g, settings, env.clock(), env.random());
        } catch (StartupRefused | StoreException e) {
            closeQuietly(g);
            throw new UserError(e.getMessage());
        } catch (RuntimeException e) {
            closeQuietly(g);
            throw e;
        }
        UntilStopped until = UntilStopped.install("gateway", () -> {
            server.close();
            closeQuietly(g);
        });
        env.out().println("Gateway '" + g.config().name() + "' running (store: " + g.store().describe() + ")");
        env.out().println("  HTTP  (OCSP, CRL, CA):    " + server.httpUrl() + "  e.g. " + server.httpUrl() + "ocsp");
        env.out().println("  HTTPS (admin API + same): " + server.httpsUrl() + "  certificate for "
                + String.join(", ", server.tlsIdentities()));
        env.out().println("  ACME directory:           " + server.httpsUrl() + "acme/directory  (validates on ports "
                + validationHttpPort + " http-01, " + validationTlsPort + " tls-alpn-01)");
        env.out().println("  Console:                  " + server.consoleUrl() + (Files.exists(ConsolePassword.file(g.files().dir()))
                ? "" : "  (no console password: set one with gateway console-password)"));
        server.mdns().ifPresent(m -> env.out().println("  mDNS  (DNS-SD):           announcing '" + m.ownInstance()
                + "' (_https._tcp) on " + mdns + ", listing _https._tcp and _http._tcp"));
        server.dnsAddress().ifPresent(a -> env.out().println("  DNS   (local zone):       " + settings.dns().orElseThrow().zone().text()
                + " on " + ServerSettings.describe(a) + " UDP and TCP"));
        env.out().println("  Root SHA-256: " + KeyCeremony.colonFingerprint(g.root()));
        env.out().println("  Published URLs (AIA, CRL DP): " + g.config().ocspUrl() + ", "
                + g.config().crlUrl(g.intermediate().serial()));
        env.out().flush();
        until.awaitThenStop(() -> env.out().println("Gateway stopped."));
        return 0;
    }

    private ServerSettings.Acme acme() {
        AcmeSettings d = AcmeSettings.defaults();
        try {
            AcmeSettings s = new AcmeSettings(d.orderLifetime(), d.nonceLifetime(), d.nonceCapacity(),
                    rate("--acme-rate", acmeRate), rate("--acme-orders", acmeOrders), d.pendingRetryAfter(), d.website());
            return new ServerSettings.Acme(validationHttpPort, validationTlsPort, s);
        } catch (IllegalArgumentException e) {
            throw new UserError("--validation-http-port/--validation-tls-port: " + e.getMessage());
        }
    }

    private Optional<ServerSettings.Dns> dns() {
        AcmeSettings.RateLimit r = rate("--dns-rate", dnsRate);
        if (dnsListen == null) {
            return Optional.empty();
        }
        InetSocketAddress at = address("--dns-listen", dnsListen);
        try {
            return Optional.of(new ServerSettings.Dns(at, LocalZone.of(dnsZone), DnsLimits.withRate(r.count(), r.per())));
        } catch (IllegalArgumentException e) {
            throw new UserError("--dns-zone: " + e.getMessage());
        }
    }

    private static AcmeSettings.RateLimit rate(String option, String text) {
        try {
            return AcmeSettings.RateLimit.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }

    /** An IP literal only: the interface to announce on is named by its address, never looked up. */
    private static java.net.InetAddress mdnsAddress(String text) {
        String t = text.trim();
        if (!t.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            throw new UserError("--mdns: '" + text + "' is not an IP address (give the address of the LAN interface, e.g. 192.168.1.1)");
        }
        try {
            return java.net.InetAddress.getByName(t);
        } catch (java.net.UnknownHostException e) {
            throw new UserError("--mdns: '" + text + "' is not an IP address");
        }
    }

    private static InetSocketAddress address(String option, String text) {
        try {
            return ServerSettings.parseListen(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(Gateway g) {
        try {
            g.close();
        } catch (StoreException e) {
            // closing after a failure or at shutdown: nothing more to do
        }
    }
}
