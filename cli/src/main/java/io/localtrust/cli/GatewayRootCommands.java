package io.localtrust.cli;

import io.localtrust.authority.KeyCeremony;
import io.localtrust.authority.KeyCustody;
import io.localtrust.authority.KeyCustodyException;
import io.localtrust.authority.RootOperations;
import io.localtrust.store.RevocationReason;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The root operations, the only commands that ask for the root key's passphrase:
 * {@code gateway new-intermediate} and {@code gateway revoke-intermediate}.
 */
final class GatewayRootCommands {
    private GatewayRootCommands() {
    }

    static void addTo(CommandLine gateway, Env env) {
        gateway.addSubcommand("new-intermediate", new NewIntermediate(env));
        gateway.addSubcommand("revoke-intermediate", new RevokeIntermediate(env));
    }

    /** --dir, --db and --passphrase-file. */
    static final class RootOptions {
        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The gateway directory (made by `gateway init`).")
        Path dir;

        @Option(names = "--db", paramLabel = "JDBC-URL",
                description = "The gateway's PostgreSQL database, for the audit entry (default: DIR/gateway.db).")
        String db;

        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Read the root key passphrase from the first line of FILE.")
        Path passphraseFile;

        @Option(names = "--pin-file", paramLabel = "FILE",
                description = "Keys in a PKCS#11 token: read the token's user PIN from the first line of FILE.")
        Path pinFile;

        /** The root key's passphrase, or for keys in a token the token PIN. */
        char[] secret() {
            KeyCustody custody;
            try {
                custody = RootOperations.custody(dir);
            } catch (KeyCustodyException e) {
                throw new UserError(e.getMessage());
            }
            if (!custody.inToken()) {
                if (pinFile != null) {
                    throw new UserError("--pin-file is for keys in a PKCS#11 token: this gateway's root key is root-key.p12 (--passphrase-file)");
                }
                return Passphrases.obtain(passphraseFile, System.getenv(), System.console(), false);
            }
            if (passphraseFile != null) {
                throw new UserError("--passphrase-file is for keys in files: this gateway's keys are in a PKCS#11 token (--pin-file or $"
                        + KeyCustody.PIN_ENV + ")");
            }
            try {
                if (pinFile != null) {
                    return KeyCustody.readPin(pinFile);
                }
                String env = System.getenv(KeyCustody.PIN_ENV);
                if (env != null && !env.isEmpty()) {
                    return env.toCharArray();
                }
                if (custody.pinFile() != null) {
                    return KeyCustody.readPin(custody.pinFile());
                }
            } catch (KeyCustodyException e) {
                throw new UserError(e.getMessage());
            }
            java.io.Console console = System.console();
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

    @Command(mixinStandardHelpOptions = true, description = {
        "Replace the issuing CA (needs the root key: its passphrase, or the token PIN).",
        "Makes a new issuing key and certificate, signed by the root, with the same",
        "profile and name constraints, and switches DIR to it atomically. The replaced",
        "CA is kept as intermediate-SERIAL.pem (certificates it issued still verify",
        "with it), its key as intermediate-SERIAL-key.pem (or in the token) until",
        "`gateway revoke-intermediate`. A running `gateway run` keeps issuing with the",
        "old CA until it is restarted; after that it issues with the new one and still",
        "answers OCSP and serves a CRL for the replaced CA's certificates."},
            footer = {"", "The passphrase comes from --passphrase-file, or $" + Passphrases.ENV + ", or a prompt.",
                "Keys in a PKCS#11 token: the token PIN, from --pin-file, $" + KeyCustody.PIN_ENV + ",",
                "the PIN file recorded at init, or a prompt; the new key is made in the token",
                "under the label localtrust-issuing-SERIAL."})
    static final class NewIntermediate implements Callable<Integer> {
        private final Env env;
        @Mixin GlobalOptions global = new GlobalOptions();
        @Mixin RootOptions root = new RootOptions();

        NewIntermediate(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            char[] passphrase = root.secret();
            RootOperations.NewIntermediate r;
            try {
                r = new RootOperations(env.clock(), env.random()).newIntermediate(root.dir, root.db, passphrase,
                        GatewayShellCommands.actor());
            } catch (KeyCustodyException e) {
                throw new UserError(e.getMessage());
            } finally {
                Arrays.fill(passphrase, '\0');
            }
            var out = env.out();
            out.println("New issuing CA " + r.current().serial().toString(16) + " is now " + root.dir.resolve("intermediate.pem"));
            out.println("  SHA-256:           " + KeyCeremony.colonFingerprint(r.current()));
            out.println("  Valid until:       " + r.current().notAfter());
            out.println("  Previous CA:       " + r.previous().serial().toString(16) + " kept as " + r.previousKept()
                    + " (its certificates still verify with it, and get OCSP and their CRL from `gateway run`)");
            out.println("  Next:              restart `gateway run`; then `gateway revoke-intermediate --dir " + root.dir
                    + "` if the previous CA must no longer be trusted");
            out.flush();
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, description = {
        "Revoke a replaced issuing CA in the root CRL (needs the root key).",
        "Adds the CA to DIR/root.crl, signed by the root key and valid a year (the root",
        "is offline), which `gateway run` serves at /crl/root.crl, and deletes the CA's",
        "kept key (file or token). The current issuing CA cannot be revoked (the gateway",
        "would stop): run `gateway new-intermediate` first."},
            footer = {"", "Without --serial: the only replaced CA not yet revoked.",
                "The passphrase comes from --passphrase-file, or $" + Passphrases.ENV + ", or a prompt;",
                "keys in a PKCS#11 token: the token PIN, as for new-intermediate."})
    static final class RevokeIntermediate implements Callable<Integer> {
        private final Env env;
        @Mixin GlobalOptions global = new GlobalOptions();
        @Mixin RootOptions root = new RootOptions();

        @Option(names = "--serial", paramLabel = "HEX", description = "The replaced CA's serial (hex), as intermediate-SERIAL.pem names it.")
        String serial;

        @Option(names = "--reason", paramLabel = "REASON", defaultValue = "superseded",
                description = "superseded, keyCompromise, cACompromise, affiliationChanged, cessationOfOperation or unspecified (default: ${DEFAULT-VALUE}).")
        String reason;

        RevokeIntermediate(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            RevocationReason why = RevocationReason.parse(reason).orElseThrow(() -> new UserError("--reason: '" + reason
                    + "' is not a revocation reason (superseded, keyCompromise, cACompromise, affiliationChanged, cessationOfOperation, unspecified)"));
            BigInteger which = null;
            if (serial != null) {
                try {
                    which = new BigInteger(serial.toLowerCase(Locale.ROOT).replace(":", ""), 16);
                } catch (NumberFormatException e) {
                    throw new UserError("--serial: '" + serial + "' is not a hexadecimal serial");
                }
            }
            char[] passphrase = root.secret();
            RootOperations.RevokedIntermediate r;
            try {
                r = new RootOperations(env.clock(), env.random()).revokeIntermediate(root.dir, root.db, passphrase, which, why,
                        GatewayShellCommands.actor());
            } catch (KeyCustodyException e) {
                throw new UserError(e.getMessage());
            } finally {
                Arrays.fill(passphrase, '\0');
            }
            var out = env.out();
            out.println("Revoked issuing CA " + r.revoked().serial().toString(16) + " (" + r.reason().rfcName() + ")");
            out.println("  Root CRL:          " + r.rootCrl() + " (number " + r.crlNumber() + ", next update " + r.nextUpdate().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + "; served at /crl/root.crl)");
            out.println("  Certificates it issued no longer verify for clients that check the root CRL;");
            out.println("  a running `gateway run` stops answering OCSP and serving a CRL for them.");
            out.flush();
            return 0;
        }
    }
}
