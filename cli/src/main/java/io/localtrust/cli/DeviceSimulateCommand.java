package io.localtrust.cli;

import io.localtrust.login.PasswordHash;
import io.localtrust.fleet.AddressRange;
import io.localtrust.fleet.Fleet;
import io.localtrust.fleet.FleetSettings;
import io.localtrust.fleet.GatewayAllowances;
import io.localtrust.fleet.PracticeMix;
import io.localtrust.fleet.SimulatedDevice;
import io.localtrust.practice.Practice;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code device simulate}: a fleet of devices in one JVM on loopback addresses. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate a fleet: N devices in one JVM, each on its own loopback address with its own name.",
            "U-L/S devices are device agents (own key, onboarding through the gateway's ACME, HTTPS with OCSP stapling); "
                    + "--practice adds devices of the seed's other practices (plain HTTP; one shared self-signed certificate; "
                    + "one shared vendor-signed; unique self-signed; unique vendor-signed; public-CA-signed by --public-ca).",
            "Approval: with --admin-token-file the owner pre-authorises every agent's name and address through the "
                    + "gateway's admin API; without it each agent shows a pairing code to type with gateway approve --code.",
            "Prints each device's URL and practice once the agents are onboarded; stops on SIGTERM or Ctrl-C."},
        footer = {"", "Example:", "  localtrust device simulate --count 14 --addresses 127.0.10.1-254 --practice all \\",
            "      --gateway https://127.0.0.1:8443 --ca-bundle gw/root.pem --admin-token-file token.txt \\",
            "      --public-ca test-ca.pem --public-ca-key test-ca-key.pem --http-port 8080 --https-port 8443",
            "", "Exit codes: 0 stopped, 1 internal error, 2 bad input, an address or port in use, the gateway refusing."})
final class DeviceSimulateCommand implements Callable<Integer> {
    private final Env env;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--count", required = true, paramLabel = "N", description = "How many devices.")
    int count;

    @Option(names = "--addresses", paramLabel = "RANGE", defaultValue = "127.0.10.1-254",
            description = "Loopback addresses, one per device: 127.0.10.1-254 or 127.0.10.1-127.0.13.232 (default ${DEFAULT-VALUE}).")
    String addresses;

    @Option(names = "--practice", paramLabel = "MIX", defaultValue = "U_LS",
            description = "The practices, dealt round-robin: all, or a comma list (NONE,NU_SS,NU_US,U_SS,U_US,U_LS,U_CAS) (default ${DEFAULT-VALUE}).")
    String practice;

    @Option(names = "--gateway", paramLabel = "URL", description = "The gateway's HTTPS URL or ACME directory URL (for U-L/S devices).")
    String gateway;

    @Option(names = "--ca-bundle", paramLabel = "FILE", description = "The gateway's root certificate (root.pem) the agents trust.")
    Path caBundle;

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "The gateway's admin token (first line): pre-authorise every agent through the admin API.")
    Path adminToken;

    @Option(names = "--public-ca", paramLabel = "FILE", description = "The certificate of the CA standing in for a public one (U-CA/S).")
    Path publicCa;

    @Option(names = "--public-ca-key", paramLabel = "FILE", description = "Its private key (PEM, unencrypted).")
    Path publicCaKey;

    @Option(names = "--domain", paramLabel = "ZONE", defaultValue = "home.arpa",
            description = "Devices are named sim-1.ZONE, sim-2.ZONE, … (default ${DEFAULT-VALUE}).")
    String domain;

    @Option(names = "--http-port", paramLabel = "P", defaultValue = "80",
            description = "Every device's HTTP port — the gateway's --validation-http-port (default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--https-port", paramLabel = "P", defaultValue = "443", description = "Every device's HTTPS port (default ${DEFAULT-VALUE}).")
    int httpsPort;

    @Option(names = "--state", paramLabel = "DIR",
            description = "Keep the agents' identities in DIR/NAME (default: a temporary directory, deleted when stopped).")
    Path state;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "The agents' admin password (first line; one for the fleet). Default: a random one nobody knows.")
    Path passwordFile;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "5m",
            description = "How long to wait for the agents' onboarding before listing the fleet anyway (default ${DEFAULT-VALUE}).")
    String wait;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "1s",
            description = "How often an agent polls a waiting order (default ${DEFAULT-VALUE}).")
    String poll;

    DeviceSimulateCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        FleetSettings settings = settings();
        Optional<GatewayAllowances> allowances = Optional.empty();
        if (adminToken != null && settings.gateway().isPresent()) {
            allowances = Optional.of(new GatewayAllowances(settings.gateway().orElseThrow(), settings.gatewayRoot().orElseThrow(),
                    firstLine(adminToken, "admin token"), Duration.ofHours(1)));
        }
        if (Security.getProvider("BC") == null) {
            Security.addProvider(io.localtrust.x509.BouncyCastle.provider()); // acme4j asks for "BC" by name
        }
        boolean temporary = state == null;
        long started = System.nanoTime();
        Fleet fleet;
        try {
            fleet = Fleet.start(settings, allowances, env.clock(), env.random(), line -> {
                if (global.verbose || line.contains("pairing code") || line.contains("denied") || line.contains("failed")) {
                    synchronized (env.out()) {
                        env.out().println("  " + line);
                        env.out().flush();
                    }
                }
            });
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        } finally {
            allowances.ifPresent(GatewayAllowances::close);
        }
        UntilStopped until = UntilStopped.install("fleet", () -> stop(fleet, temporary, settings.state()));
        boolean onboarded = fleet.awaitOnboarded(DeviceRunCommand.duration("--wait", wait));
        long ms = (System.nanoTime() - started) / 1_000_000;
        Table t = new Table("DEVICE", "ADDRESS", "PRACTICE", "URL", "STATUS");
        for (SimulatedDevice d : fleet.devices()) {
            t.row(d.name(), d.address(), d.practice().seedLabel(), d.url().toString(), d.status());
        }
        env.out().print(t.render(120));
        env.out().println("Fleet of " + count + " devices (" + PracticeMix.parse(practice) + ") "
                + (onboarded ? "ready" : "started, some agents not yet onboarded") + " in " + ms + " ms. Stop with Ctrl-C.");
        env.out().flush();
        until.awaitThenStop(() -> env.out().println("Fleet stopped."));
        return 0;
    }

    private static void stop(Fleet fleet, boolean temporary, Path dir) {
        fleet.close();
        if (temporary) {
            deleteTemporary(dir);
        }
    }

    /**
     * Deletes the temporary state directory this command created — that directory and nothing
     * around it (its name is checked, so a mistake can never walk a shared directory).
     */
    static void deleteTemporary(Path dir) {
        if (!dir.getFileName().toString().startsWith(TEMP_PREFIX)) {
            throw new IllegalStateException("refusing to delete " + dir + ": not a temporary fleet directory");
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory holds only throwaway simulated identities
        }
    }

    static final String TEMP_PREFIX = "localtrust-fleet-";

    private FleetSettings settings() {
        if (count < 1) {
            throw new UserError("--count: must be at least 1");
        }
        AddressRange range;
        PracticeMix mix;
        try {
            range = AddressRange.parse(addresses);
            mix = PracticeMix.parse(practice);
        } catch (IllegalArgumentException e) {
            throw new UserError((e.getMessage().contains("practice") ? "--practice: " : "--addresses: ") + e.getMessage());
        }
        if (count > range.size()) {
            throw new UserError("--count: " + count + " devices need " + count + " addresses; --addresses " + addresses + " holds "
                    + range.size());
        }
        for (int p : new int[] {httpPort, httpsPort}) {
            if (p < 1 || p > 65535) {
                throw new UserError("--http-port/--https-port: " + p + " is not a port");
            }
        }
        boolean agents = java.util.stream.IntStream.range(0, count).anyMatch(i -> mix.practiceOf(i) == Practice.U_LS);
        boolean publicDevices = java.util.stream.IntStream.range(0, count).anyMatch(i -> mix.practiceOf(i) == Practice.U_CAS);
        if (agents && (gateway == null || caBundle == null)) {
            throw new UserError("U-L/S devices onboard through a gateway: give --gateway URL and --ca-bundle root.pem");
        }
        if (publicDevices && (publicCa == null || publicCaKey == null)) {
            throw new UserError("U-CA/S devices need the CA that certifies them: give --public-ca FILE and --public-ca-key FILE");
        }
        if (!domain.matches("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
            throw new UserError("--domain: '" + domain + "' is not a DNS name");
        }
        Optional<URI> directory = Optional.ofNullable(gateway).map(DeviceRunCommand::directory);
        Optional<Cert> root = Optional.ofNullable(caBundle).map(DeviceSimulateCommand::root);
        String hash = PasswordHash.hash(password(), env.random());
        Path dir = state != null ? state : temporaryState();
        return new FleetSettings(count, range, mix, domain, directory, root, dir, httpPort,
                httpsPort, hash, DeviceRunCommand.duration("--poll", poll),
                publicDevices ? Optional.of(PublicCaFiles.read(publicCa, publicCaKey)) : Optional.empty());
    }

    private char[] password() {
        if (passwordFile == null) {
            byte[] b = new byte[24];
            env.random().nextBytes(b);
            return java.util.HexFormat.of().formatHex(b).toCharArray();
        }
        char[] pw = firstLine(passwordFile, "password").toCharArray();
        if (pw.length < PasswordHash.MIN_LENGTH) {
            throw new UserError(passwordFile + ": the admin password needs at least " + PasswordHash.MIN_LENGTH + " characters");
        }
        return pw;
    }

    private static String firstLine(Path file, String what) {
        try {
            String line = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").trim();
            if (line.isEmpty()) {
                throw new UserError(file + ": the " + what + " file is empty");
            }
            return line;
        } catch (IOException e) {
            throw new UserError(file + ": cannot read the " + what + " file (" + e.getMessage() + ")");
        }
    }

    private static Cert root(Path file) {
        try {
            return new CertificateReader().read(file).get(0);
        } catch (CertificateParseException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static Path temporaryState() {
        try {
            return Files.createTempDirectory(TEMP_PREFIX);
        } catch (IOException e) {
            throw new UserError("cannot create a temporary directory for the fleet: " + e.getMessage());
        }
    }
}
