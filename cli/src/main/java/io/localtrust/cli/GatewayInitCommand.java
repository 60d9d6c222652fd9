package io.localtrust.cli;

import io.localtrust.authority.CeremonySpec;
import io.localtrust.authority.GatewayConfig;
import io.localtrust.authority.KeyCeremony;
import io.localtrust.authority.KeyCustody;
import io.localtrust.authority.KeyCustodyException;
import io.localtrust.authority.LapsePolicy;
import io.localtrust.authority.NamePolicy;
import io.localtrust.gateway.console.ConsolePassword;
import io.localtrust.x509.KeyKind;
import io.localtrust.x509.Oids;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gateway init}: the key ceremony. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a gateway CA: the key ceremony.",
            "Makes a self-signed root and an issuing CA, both name-constrained (by default to home.arpa,",
            "local, internal and the private, link-local and ULA address ranges), an admin API token, and",
            "an empty store. The root key is written only encrypted (PKCS#12, PBES2 AES-256); after init it",
            "can be moved offline. With --pkcs11 both CA keys are instead generated inside a PKCS#11 token",
            "(an HSM, SoftHSM2) and never leave it. Refuses to overwrite an existing CA."},
        footer = {"", "The passphrase comes from --passphrase-file, or $" + Passphrases.ENV + ", or a prompt.",
            "With --pkcs11, the token PIN comes from --pin-file, or $" + KeyCustody.PIN_ENV + ", or a prompt;",
            "a --pin-file is recorded in gateway.json so that the gateway restarts unattended.",
            "CONFIG is a SunPKCS11 configuration file: see docs/pkcs11.md.",
            "", "Examples:", "  localtrust gateway init --dir /var/lib/localtrust --name \"Home gateway\"",
            "  localtrust gateway init --dir /var/lib/localtrust --pkcs11 /etc/localtrust/softhsm.cfg --pin-file /etc/localtrust/pin"})
final class GatewayInitCommand implements Callable<Integer> {
    private final Env env;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "New (or empty) directory for the CA.")
    Path dir;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "Home gateway", description = "The CA's name, as users see it (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--permit", paramLabel = "LIST",
            description = "What the CA may certify: DNS subtrees and IP ranges, comma-separated (default: home.arpa,local,internal,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,169.254.0.0/16,fc00::/7,fe80::/10).")
    String permit;

    @Option(names = "--key", paramLabel = "TYPE", defaultValue = "ec-p256", description = "CA key type: ec-p256, ec-p384 or ed25519 (default: ${DEFAULT-VALUE}).")
    String key;

    @Option(names = "--lifetime", paramLabel = "DAYS", defaultValue = "90", description = "Device certificate lifetime in days, 1-398 (default: ${DEFAULT-VALUE}).")
    int lifetimeDays;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://gateway.home.arpa",
            description = "Plain-HTTP URL where the gateway serves OCSP, CRLs and CA certificates; written into every certificate (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Read the root key passphrase from the first line of FILE.")
    Path passphraseFile;

    @Option(names = "--pkcs11", paramLabel = "CONFIG",
            description = "Generate the root and issuing keys inside the PKCS#11 token this SunPKCS11 configuration file names (ec-p256 or ec-p384); no key is written to DIR.")
    Path pkcs11;

    @Option(names = "--pin-file", paramLabel = "FILE",
            description = "With --pkcs11: read the token's user PIN from the first line of FILE (its path is recorded for unattended restarts).")
    Path pinFile;

    @Option(names = "--local-device-eku", paramLabel = "OID|none", defaultValue = Oids.KP_LOCAL_DEVICE,
            description = {"The id-kp-localDevice EKU the CAs and device certificates carry, or 'none' (default: ${DEFAULT-VALUE}).",
                "The default's 128-bit arc (a UUID, needing no registration) cannot be parsed by Go's crypto/x509 (lego, Caddy,"
                        + " Traefik) or Python's cryptography: for such clients give an OID whose arcs fit in 31 bits, or none."})
    String localDeviceEku;

    @Option(names = "--lapsed-devices", paramLabel = "POLICY", defaultValue = "reapprove",
            description = {"An approved device that asks again after all its certificates expired (offline past expiry):"
                    + " 'reapprove' puts it back to pending, to be approved again like a new device; 'accept-old-key' issues"
                    + " at once on the CSR's proof of the same key, with an audit entry (default: ${DEFAULT-VALUE}).",
                "Renewal before expiry is always issued at once. Kept as lapsedDevices in DIR/gateway.json."})
    String lapsedDevices;

    @Option(names = "--console-password-file", paramLabel = "FILE",
            description = "Read the web console's admin password from the first line of FILE (default: a random one, printed once).")
    Path consolePasswordFile;

    GatewayInitCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        KeyKind kind = switch (key.toLowerCase(Locale.ROOT)) {
            case "ec-p256" -> KeyKind.EC_P256;
            case "ec-p384" -> KeyKind.EC_P384;
            case "ed25519" -> KeyKind.ED25519;
            default -> throw new UserError("--key: '" + key + "' is not one of ec-p256, ec-p384, ed25519");
        };
        if (lifetimeDays < 1 || lifetimeDays > 398) {
            throw new UserError("--lifetime: " + lifetimeDays + " days is outside 1-398");
        }
        NamePolicy names;
        try {
            names = permit == null ? NamePolicy.defaults() : NamePolicy.parse(permit);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().startsWith("--permit") ? e.getMessage() : "--permit: " + e.getMessage());
        }
        if (pkcs11 == null && pinFile != null) {
            throw new UserError("--pin-file is for --pkcs11: keys in files are protected by a passphrase (--passphrase-file)");
        }
        if (pkcs11 != null && passphraseFile != null) {
            throw new UserError("--passphrase-file is for keys in files: with --pkcs11 the token PIN comes from --pin-file or $"
                    + KeyCustody.PIN_ENV);
        }
        CeremonySpec spec;
        try {
            spec = new CeremonySpec(dir, name, names, kind, Duration.ofDays(lifetimeDays), url,
                    pkcs11 == null ? KeyCustody.files() : KeyCustody.pkcs11(pkcs11, pinFile),
                    "none".equalsIgnoreCase(localDeviceEku) ? Optional.empty() : Optional.of(localDeviceEku(localDeviceEku)),
                    lapsePolicy(lapsedDevices));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        // Read (and check) the console password before the ceremony, so a bad one makes nothing.
        char[] console = consolePasswordFile == null ? ConsolePassword.generate(env.random())
                : GatewayConsolePasswordCommand.obtain(consolePasswordFile);
        if (console.length < ConsolePassword.MIN_LENGTH) {
            throw new UserError("--console-password-file: the console password needs at least " + ConsolePassword.MIN_LENGTH
                    + " characters");
        }
        char[] passphrase = pkcs11 == null ? Passphrases.obtain(passphraseFile, System.getenv(), System.console(), true)
                : pin(System.getenv(), System.console());
        KeyCeremony.Result r;
        try {
            r = new KeyCeremony(env.clock(), env.random()).perform(spec, passphrase);
        } catch (KeyCustodyException e) {
            throw new UserError(e.getMessage());
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        var out = env.out();
        out.println("Created gateway CA '" + r.config().name() + "' in " + r.files().dir());
        out.println("  Root certificate:  " + r.files().rootPem() + " (and root.der): install it in browsers and trust stores");
        out.println("  Root SHA-256:      " + KeyCeremony.colonFingerprint(r.root()));
        out.println("  May certify:       " + r.config().names().describe());
        out.println("  Local-device EKU:  " + r.config().localDeviceEku().map(o -> o + (GatewayConfig.widelyParseable(o) ? ""
                : " (Go and Python TLS clients cannot parse it: see --local-device-eku)")).orElse("none"));
        out.println("  Lapsed devices:    " + (r.config().lapsedDevices() == LapsePolicy.REAPPROVE
                ? "reapprove (a device back after its certificates expired needs approval again)"
                : "accept-old-key (a device back after its certificates expired is issued on proof of its key)"));
        if (pkcs11 == null) {
            out.println("  Root key:          " + r.files().rootKey() + " (encrypted; move it offline - issuing uses only the issuing CA)");
            out.println("  Issuing key:       " + r.files().intermediateKey() + " (0600, for unattended restarts)");
        } else {
            KeyCustody c = spec.custody();
            out.println("  Root key:          in the PKCS#11 token of " + c.pkcs11Config() + ", label " + c.rootLabel()
                    + " (not extractable, never on disk)");
            out.println("  Issuing key:       in the same token, label " + c.issuingLabel() + "; the gateway logs in with "
                    + (c.pinFile() != null ? "the PIN in " + c.pinFile() + " or $" + KeyCustody.PIN_ENV : "$" + KeyCustody.PIN_ENV));
        }
        out.println("  Admin API token:   " + r.adminToken());
        out.println("                     shown once, stored only as a hash: keep it for the admin API");
        try {
            GatewayConsolePasswordCommand.set(env, r.files().dir(), console);
            out.println("  Console password:  " + (consolePasswordFile == null ? new String(console)
                    + "  (shown once, stored only as a hash; reset it with gateway console-password)" : "from " + consolePasswordFile
                    + " (stored only as a hash)"));
        } finally {
            Arrays.fill(console, '\0');
        }
        out.flush();
        return 0;
    }

    private static LapsePolicy lapsePolicy(String text) {
        try {
            return LapsePolicy.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError("--lapsed-devices: " + e.getMessage());
        }
    }

    private static String localDeviceEku(String oid) {
        try {
            return GatewayConfig.checkEku(oid.trim());
        } catch (IllegalArgumentException e) {
            throw new UserError("--local-device-eku: " + e.getMessage() + ", or 'none'");
        }
    }

    /** The token PIN: --pin-file, $LOCALTRUST_PKCS11_PIN, or a prompt. Never a command-line value. */
    private char[] pin(java.util.Map<String, String> environment, java.io.Console console) {
        if (pinFile != null) {
            try {
                return KeyCustody.readPin(pinFile);
            } catch (KeyCustodyException e) {
                throw new UserError(e.getMessage());
            }
        }
        String env = environment.get(KeyCustody.PIN_ENV);
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        if (console == null) {
            throw new UserError("no PKCS#11 PIN: give --pin-file FILE, set " + KeyCustody.PIN_ENV + ", or run on a terminal");
        }
        char[] typed = console.readPassword("Token user PIN: ");
        if (typed == null || typed.length == 0) {
            throw new UserError("no PIN entered");
        }
        return typed;
    }
}
