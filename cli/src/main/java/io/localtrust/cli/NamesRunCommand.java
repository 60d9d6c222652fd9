package io.localtrust.cli;

import io.localtrust.gateway.ServerSettings;
import io.localtrust.localdns.DnsLimits;
import io.localtrust.names.NamesService;
import io.localtrust.names.NamesSettings;
import io.localtrust.names.NamesZone;
import io.localtrust.names.api.ApiLimits;
import io.localtrust.names.api.ApiTls;
import io.localtrust.names.store.NamesStore;
import io.localtrust.names.store.NamesStores;
import io.localtrust.store.StoreException;
import io.localtrust.acme.AcmeSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code names run}: the zone over DNS and the HTTPS API, until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Serve a zone of device names over DNS (UDP and TCP) and the registration API over HTTPS.",
            "DNS answers <hex-address>.<dev-id>.<zone> with the embedded address (private, ULA, link-local",
            "only), <dev-id>.<zone> with the address the device registered, and _acme-challenge.<dev-id>.<zone>",
            "with the DNS-01 values it set. The API speaks acme-dns (POST /register, /update, GET /health),",
            "lego's httpreq (POST /present, /cleanup) and registration by proof of a device key",
            "(POST /device/register, /device/address). Stops cleanly on SIGTERM or Ctrl-C."},
        footer = {"", "Example:", "  localtrust names run --zone devices.example.net --dns 0.0.0.0:53 --api 0.0.0.0:8444 \\",
            "      --ns-name ns1.example.net --soa-email hostmaster@example.net --tls-cert api.pem --tls-key api-key.pem",
            "", "Exit codes: 0 stopped, 1 internal error, 2 bad input, store unusable, port in use."})
final class NamesRunCommand implements Callable<Integer> {
    private final Env env;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--zone", required = true, paramLabel = "NAME", description = "The zone served, e.g. devices.example.net.")
    String zone;

    @Option(names = "--dns", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:5353",
            description = "DNS address, UDP and TCP (default ${DEFAULT-VALUE}; port 53 needs root).")
    String dns;

    @Option(names = "--api", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8444",
            description = "HTTPS API address (default ${DEFAULT-VALUE}).")
    String api;

    @Option(names = "--db", paramLabel = "FILE|JDBC-URL", defaultValue = "names.db",
            description = "The store: a SQLite file (default ${DEFAULT-VALUE}) or jdbc:postgresql://host:port/db for several"
                    + " responders (credentials from the URL or PGUSER/PGPASSWORD).")
    String db;

    @Option(names = "--ns-name", paramLabel = "NAME", description = "A name server of the zone's NS set; repeatable (default ns.<zone>).")
    List<String> nsNames = new ArrayList<>();

    @Option(names = "--soa-email", paramLabel = "EMAIL", description = "The SOA's contact (default hostmaster@<zone>).")
    String soaEmail;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "The API's certificate chain, leaf first.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The API's private key (PKCS#8 or SEC1, unencrypted).")
    Path tlsKey;

    @Option(names = "--self-signed-out", paramLabel = "FILE", defaultValue = "names-api.pem",
            description = "Without --tls-cert: where the self-signed API certificate is written, for clients to trust"
                    + " (default ${DEFAULT-VALUE}).")
    Path selfSignedOut;

    @Option(names = "--dns-rate", paramLabel = "N/s|N/min|N/h", defaultValue = "200/s",
            description = "DNS queries answered per source address; beyond it REFUSED (default ${DEFAULT-VALUE}).")
    String dnsRate;

    NamesRunCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        NamesSettings settings = settings();
        Optional<ApiTls> given = givenTls(); // a mistake in them is found before the store is created
        NamesStore store;
        try {
            store = NamesStores.open(db, System.getenv());
        } catch (StoreException e) {
            throw new UserError("--db: " + e.getMessage());
        }
        NamesService service;
        ApiTls tls;
        try {
            tls = given.isPresent() ? given.get() : selfSigned(settings.api());
            service = NamesService.start(settings, store, tls, env.clock(), env.random());
        } catch (IOException | UserError | IllegalArgumentException e) {
            store.close();
            throw e instanceof UserError u ? u : new UserError(e.getMessage());
        }
        UntilStopped until = UntilStopped.install("names", () -> {
            service.close();
            store.close();
        });
        env.out().println("Names service for " + settings.zone().text() + " running (store: " + store.describe() + ")");
        env.out().println("  DNS:  " + ServerSettings.describe(service.dnsAddress()) + " UDP and TCP");
        env.out().println("  API:  https://" + ServerSettings.describe(service.apiAddress()) + "/  (acme-dns: /register /update /health;"
                + " httpreq: /present /cleanup; devices: /device/register /device/address)");
        if (tlsCert == null) {
            env.out().println("  API certificate (self-signed): " + selfSignedOut.toAbsolutePath());
        }
        env.out().flush();
        until.awaitThenStop(() -> env.out().println("Names service stopped."));
        return 0;
    }

    private NamesSettings settings() {
        NamesZone z;
        try {
            z = NamesZone.of(zone, nsNames, Optional.ofNullable(soaEmail));
        } catch (IllegalArgumentException e) {
            throw new UserError("--zone/--ns-name/--soa-email: " + e.getMessage());
        }
        AcmeSettings.RateLimit rate;
        try {
            rate = AcmeSettings.RateLimit.parse(dnsRate);
        } catch (IllegalArgumentException e) {
            throw new UserError("--dns-rate: " + e.getMessage());
        }
        return new NamesSettings(z, address("--dns", dns), address("--api", api), DnsLimits.withRate(rate.count(), rate.per()),
                ApiLimits.defaults());
    }

    /** The API's certificate and key given by --tls-cert and --tls-key, read now; empty without them. */
    private Optional<ApiTls> givenTls() {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new UserError("--tls-cert and --tls-key go together");
        }
        if (tlsCert == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ApiTls.fromPem(tlsCert, tlsKey, env.random()));
        } catch (IllegalArgumentException e) {
            throw new UserError("--tls-cert/--tls-key: " + e.getMessage());
        }
    }

    /** Without --tls-cert: a self-signed certificate for the API address, written for clients to trust. */
    private ApiTls selfSigned(InetSocketAddress at) throws IOException {
        String host = at.getAddress().isAnyLocalAddress() ? "127.0.0.1" : at.getAddress().getHostAddress();
        ApiTls tls = ApiTls.selfSigned(List.of("localhost"), List.of(host), env.clock().instant(), env.random());
        Files.writeString(selfSignedOut, tls.chainPem());
        return tls;
    }

    private static InetSocketAddress address(String option, String text) {
        try {
            return ServerSettings.parseListen(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }
}
