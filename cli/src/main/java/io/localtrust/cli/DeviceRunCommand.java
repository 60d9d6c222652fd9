package io.localtrust.cli;

import io.localtrust.agent.AgentSettings;
import io.localtrust.agent.DeviceAgent;
import io.localtrust.agent.identity.DeviceIdentity;
import io.localtrust.agent.identity.IdentityException;
import io.localtrust.agent.identity.KeyCustody;
import io.localtrust.agent.identity.Pkcs11Custody;
import io.localtrust.agent.identity.StateDir;
import io.localtrust.agent.onboarding.OnboardingStatus;
import io.localtrust.agent.onboarding.OnboardingStatus.Phase;
import io.localtrust.agent.onboarding.QrText;
import io.localtrust.agent.AgentRuntime;
import io.localtrust.agent.web.AttestationRoute;
import io.localtrust.agent.web.Route;
import io.localtrust.agent.web.AgentServer;
import io.localtrust.x509.Cert;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code device run}: the device agent. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the device agent: its own key, onboarding, an HTTPS admin page, renewal.",
            "Makes the device's key at first boot, onboards through the gateway's ACME (approved by the pairing code it "
                    + "shows), serves the admin page over HTTPS with a stapled OCSP response and signed status tokens at "
                    + "/.well-known/local-device/status, and renews before expiry. Until it has a certificate, the HTTP port shows "
                    + "the onboarding status; afterwards it only redirects to HTTPS. Stops cleanly on SIGTERM or Ctrl-C. "
                    + "See docs/agent.md."},
        footer = {"", "Example:", "  localtrust device run --gateway https://192.168.1.1:8443 --name printer.home.arpa --bind 192.168.1.20 \\",
            "      --ca-bundle root.pem --state /var/lib/localtrust-device",
            "", "Exit codes: 0 stopped, 1 internal error, 2 bad input, damaged or lost identity, port in use."})
final class DeviceRunCommand implements java.util.concurrent.Callable<Integer> {
    private final Env env;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--gateway", paramLabel = "URL",
            description = "The gateway's HTTPS URL (https://192.168.1.1:8443) or its ACME directory URL.")
    String gateway;

    @Option(names = "--name", paramLabel = "NAME", description = "The device's DNS name, e.g. printer.home.arpa (with --gateway).")
    String name;

    @Option(names = "--public-name-service", paramLabel = "URL",
            description = "Instead of a gateway: a names service's API (https://names.example.net:8444; docs/names.md). The "
                    + "device registers by proof of its key and gets *.<dev-id>.<zone> from --acme-directory by DNS-01.")
    String publicNameService;

    @Option(names = "--acme-directory", paramLabel = "URL", description = "The public ACME CA's directory (with --public-name-service).")
    String acmeDirectory;

    @Option(names = "--public-ca-bundle", paramLabel = "FILE",
            description = "Trust this certificate for the ACME CA's HTTPS instead of the JVM's roots (a test CA).")
    Path publicCaBundle;

    @Option(names = "--name-service-bundle", paramLabel = "FILE",
            description = "Trust this certificate for the names service's HTTPS instead of the JVM's roots (a self-signed API).")
    Path nameServiceBundle;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "The address to listen on; a specific one is also certified (RFC 8738 ip identifier) (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--https-port", paramLabel = "P", defaultValue = "443", description = "HTTPS port (default ${DEFAULT-VALUE}).")
    int httpsPort;

    @Option(names = "--http-port", paramLabel = "P", defaultValue = "80",
            description = "HTTP port: onboarding status, redirect, ACME http-01 — the gateway's --validation-http-port (default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--state", paramLabel = "DIR", defaultValue = "/var/lib/localtrust-device",
            description = "The device's state directory (default ${DEFAULT-VALUE}).")
    Path state;

    @Option(names = "--ca-bundle", paramLabel = "FILE", description = "The gateway's root certificate (root.pem) to trust.")
    Path caBundle;

    @Option(names = "--gateway-fingerprint", paramLabel = "SHA256",
            description = "Fetch the gateway's root over its plain-HTTP CA URL and trust it only if its SHA-256 is this.")
    String fingerprint;

    @Option(names = "--pkcs11", paramLabel = "CONFIG", description = "Keep the device key in this PKCS#11 token (SunPKCS11 configuration).")
    Path pkcs11;

    @Option(names = "--pin-file", paramLabel = "FILE", description = "The token's user PIN (else $LOCALTRUST_PKCS11_PIN).")
    Path pinFile;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "The admin page's password (first line); without it the terminal asks at onboarding.")
    Path passwordFile;

    @Option(names = "--reset-identity", description = "Throw the device's key and certificate away and start as a new device.")
    boolean resetIdentity;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "3s",
            description = "How often a waiting order is polled (default ${DEFAULT-VALUE}).")
    String poll;

    @Option(names = "--status-check", paramLabel = "DURATION", defaultValue = "1h",
            description = "Fetch the OCSP response at least this often, besides at half its validity (default ${DEFAULT-VALUE}).")
    String statusCheck;

    @Option(names = "--first-retry", paramLabel = "DURATION", defaultValue = "10s",
            description = {"The wait after the first failed attempt to reach the gateway; later waits grow by the backoff",
                "table's ratios (10s, 30s, 1m, 5m, 15m, 1h at the default) (default ${DEFAULT-VALUE})."})
    String firstRetry;

    @Option(names = "--firmware-version", paramLabel = "TEXT",
            description = "The firmware version the status tokens state (default: this localtrust's version).")
    String firmwareVersion;

    @Option(names = "--attestation", paramLabel = "FILE",
            description = "An attestation token (JWT) an authority signed for this device's key, served at "
                    + "/.well-known/local-device/attestation; it must bind this device's key.")
    Path attestation;

    DeviceRunCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        if (publicNameService != null) {
            return new DevicePublicNameRun(env, this).call();
        }
        if (gateway == null || name == null) {
            throw new UserError("device run needs --gateway and --name (or --public-name-service and --acme-directory)");
        }
        String deviceName = name.trim().toLowerCase(Locale.ROOT);
        if (!deviceName.matches("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?") || deviceName.length() > 253) {
            throw new UserError("--name: '" + name + "' is not a DNS name");
        }
        URI directory = directory(gateway);
        InetAddress address = address(bind);
        Duration pollEvery = duration("--poll", poll);
        Duration check = duration("--status-check", statusCheck);
        Duration retry = duration("--first-retry", firstRetry);
        String firmware = firmware();
        for (int p : new int[] {httpPort, httpsPort}) {
            if (p < 0 || p > 65535) {
                throw new UserError("--http-port/--https-port: " + p + " is not a port");
            }
        }
        if (passwordFile != null && !Files.isRegularFile(passwordFile)) {
            throw new UserError(passwordFile + ": no such password file");
        }
        if (caBundle != null && !Files.isRegularFile(caBundle)) {
            throw new UserError(caBundle + ": no such file");
        }
        if (attestation != null) {
            try {
                io.localtrust.tokens.AttestationVerifier.unverifiedBinding(Files.readAllBytes(attestation));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new UserError("--attestation: " + attestation + ": no such file");
            } catch (IOException | IllegalArgumentException e) {
                throw new UserError("--attestation: " + attestation + ": " + e.getMessage());
            }
        }
        StateDir dir = new StateDir(state);
        Cert root = DeviceTrust.resolve(dir, directory, caBundle, fingerprint);
        Optional<KeyCustody> token = pkcs11 == null ? Optional.empty() : Optional.of(new Pkcs11Custody(pkcs11, pin()));
        DeviceIdentity identity;
        try {
            identity = DeviceIdentity.open(new DeviceIdentity.Request(dir, deviceName, token, resetIdentity), env.clock(), env.random());
        } catch (IdentityException e) {
            throw new UserError(e.getMessage());
        }
        DeviceTrust.keep(dir, root);
        String hash = DevicePassword.obtain(dir, passwordFile, System.console(), env.random());
        if (Security.getProvider("BC") == null) {
            Security.addProvider(io.localtrust.x509.BouncyCastle.provider()); // acme4j asks for "BC" by name
        }
        env.out().println((identity.created() ? "New device " : "Device ") + deviceName + " (dev-id " + identity.devId() + ")");
        env.out().println("  key: " + identity.key().custody());
        env.out().println("  gateway: " + directory + " (root SHA-256 " + io.localtrust.x509.Digests.sha256Hex(root.der()) + ")");
        List<Route> routes = new ArrayList<>();
        if (attestation != null) {
            try {
                routes.add(AttestationRoute.fromFile(attestation, identity.key().publicKey()));
            } catch (IllegalArgumentException e) {
                throw new UserError("--attestation: " + e.getMessage());
            }
        }
        AgentRuntime runtime = AgentRuntime.start();
        DeviceAgent agent;
        try {
            agent = DeviceAgent.start(identity, dir, root, hash, new AgentSettings(directory,
                    new AgentServer.Listen(address, httpPort, httpsPort), pollEvery, check, Duration.ofSeconds(30),
                    retry, firmware),
                    runtime, routes, env.clock(), env.random(), this::show);
        } catch (IOException e) {
            runtime.close();
            throw new UserError(e.getMessage());
        }
        env.out().println("  HTTP: http://" + hostText(address) + ":" + agent.httpPort() + "/  (HTTPS on port " + httpsPort
                + " once certified)");
        env.out().flush();
        UntilStopped until = UntilStopped.install("device", () -> {
            agent.close();
            runtime.close();
        });
        until.awaitThenStop(() -> env.out().println("Device stopped."));
        return 0;
    }

    private synchronized void show(OnboardingStatus s) {
        env.out().println("[" + s.at() + "] " + s.phase().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + s.detail()
                + s.retryAt().map(t -> " (next attempt at " + t + ")").orElse(""));
        if (s.phase() == Phase.WAITING_FOR_APPROVAL && s.pairing().isPresent()) {
            var p = s.pairing().get();
            env.out().println("  Pairing code: " + p.code() + "   (on the gateway: localtrust gateway approve --code " + p.code() + ")");
            String link = p.link(URI.create(gateway)).toString();
            env.out().println("  Pairing link: " + link);
            if (Terminal.console()) {
                env.out().print(QrText.render(link));
            }
        }
        env.out().flush();
    }

    private String firmware() {
        String v = firmwareVersion != null ? firmwareVersion
                : "localtrust " + Optional.ofNullable(DeviceRunCommand.class.getPackage().getImplementationVersion()).orElse("dev");
        if (v.isEmpty() || v.length() > 64 || !v.matches("[\\x20-\\x7E]+") || !v.equals(v.strip())) {
            throw new UserError("--firmware-version: 1 to 64 printable ASCII characters without leading or trailing spaces");
        }
        return v;
    }

    private char[] pin() {
        if (pinFile != null) {
            try {
                return Files.readString(pinFile, StandardCharsets.UTF_8).lines().findFirst().orElse("").toCharArray();
            } catch (IOException e) {
                throw new UserError(pinFile + ": cannot read the PIN file (" + e.getMessage() + ")");
            }
        }
        String env = System.getenv("LOCALTRUST_PKCS11_PIN");
        if (env == null || env.isEmpty()) {
            throw new UserError("--pkcs11 needs the token's PIN: --pin-file FILE or $LOCALTRUST_PKCS11_PIN");
        }
        return env.toCharArray();
    }

    static URI directory(String text) {
        URI u;
        try {
            u = new URI(text.trim());
        } catch (java.net.URISyntaxException e) {
            throw new UserError("--gateway: '" + text + "' is not a URL");
        }
        if (!"https".equals(u.getScheme()) || u.getHost() == null) {
            throw new UserError("--gateway: '" + text + "' is not an https:// URL (the gateway's HTTPS address)");
        }
        String path = u.getPath() == null ? "" : u.getPath();
        return path.endsWith("/acme/directory") ? u : u.resolve((path.endsWith("/") ? "" : path.isEmpty() ? "/" : path + "/") + "acme/directory");
    }

    static InetAddress address(String text) {
        String t = text.trim();
        if (!t.matches("[0-9.]+|[0-9a-fA-F:]+|\\[[0-9a-fA-F:]+]")) {
            throw new UserError("--bind: '" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(t.replace("[", "").replace("]", ""));
        } catch (UnknownHostException e) {
            throw new UserError("--bind: '" + text + "' is not an IP address");
        }
    }

    static Duration duration(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (!t.matches("[0-9]{1,6}(ms|s|m|h)")) {
            throw new UserError(option + ": '" + text + "' is not a duration like 500ms, 3s, 10m or 1h");
        }
        long n = Long.parseLong(t.replaceAll("[a-z]+$", ""));
        Duration d = t.endsWith("ms") ? Duration.ofMillis(n) : t.endsWith("s") ? Duration.ofSeconds(n)
                : t.endsWith("m") ? Duration.ofMinutes(n) : Duration.ofHours(n);
        if (d.isZero()) {
            throw new UserError(option + ": must be more than 0");
        }
        return d;
    }

    static String hostText(InetAddress a) {
        String h = a.getHostAddress();
        return h.contains(":") ? "[" + h + "]" : h;
    }
}
