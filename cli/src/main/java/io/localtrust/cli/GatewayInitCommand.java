package io.localtrust.cli;

import io.localtrust.authority.CeremonySpec;
import io.localtrust.authority.KeyCeremony;
import io.localtrust.authority.KeyCustodyException;
import io.localtrust.authority.NamePolicy;
import io.localtrust.x509.KeyKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
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
            "can be moved offline. Refuses to overwrite an existing CA."},
        footer = {"", "The passphrase comes from --passphrase-file, or $" + Passphrases.ENV + ", or a prompt.",
            "", "Example:", "  localtrust gateway init --dir /var/lib/localtrust --name \"Home gateway\""})
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
        CeremonySpec spec;
        try {
            spec = new CeremonySpec(dir, name, names, kind, Duration.ofDays(lifetimeDays), url);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        char[] passphrase = Passphrases.obtain(passphraseFile, System.getenv(), System.console(), true);
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
        out.println("  Root key:          " + r.files().rootKey() + " (encrypted; move it offline - issuing uses only the issuing CA)");
        out.println("  Issuing key:       " + r.files().intermediateKey() + " (0600, for unattended restarts)");
        out.println("  Admin API token:   " + r.adminToken());
        out.println("                     shown once, stored only as a hash: keep it for the console and admin API");
        out.flush();
        return 0;
    }
}
