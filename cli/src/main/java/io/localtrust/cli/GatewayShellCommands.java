package io.localtrust.cli;

import io.localtrust.authority.Approvals;
import io.localtrust.authority.Gateway;
import io.localtrust.authority.IssuanceRefused;
import io.localtrust.authority.Refusal;
import io.localtrust.store.AuditEvent;
import io.localtrust.store.DeviceRecord;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.RevocationReason;
import io.localtrust.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The owner's shell operations on a gateway: approve, deny, allow, pair, revoke, list, audit. They
 * work whether or not the gateway is running (both write the same store).
 */
final class GatewayShellCommands {
    private GatewayShellCommands() {
    }

    static void addTo(CommandLine gateway, Env env) {
        gateway.addSubcommand("approve", new Decide(env, true));
        gateway.addSubcommand("deny", new Decide(env, false));
        gateway.getSubcommands().get("deny").getCommandSpec().usageMessage().description(
                "Deny a pending device by its dev-id; the denial is remembered.");
        gateway.addSubcommand("allow", new Allow(env));
        gateway.addSubcommand("pair", new Pair(env));
        gateway.addSubcommand("revoke", new Revoke(env));
        gateway.addSubcommand("list", new ListDevices(env));
        gateway.addSubcommand("audit", new Audit(env));
    }

    static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    /** Runs a store operation, mapping its failures to the CLI's error model. */
    interface Op<T> {
        T run(Gateway g, Approvals approvals) throws StoreException, IssuanceRefused;
    }

    static <T> T withGateway(Env env, GatewayDirOption dir, Op<T> op) {
        try (Gateway g = dir.open(env)) {
            return op.run(g, new Approvals(g.store(), g.config().names(), env.clock()));
        } catch (IssuanceRefused e) {
            if (e.refusal() == Refusal.BAD_IDENTITY || e.refusal() == Refusal.NAME_NOT_PERMITTED) {
                throw new UserError(e.getMessage());
            }
            throw new Refused(e.getMessage());
        } catch (StoreException e) {
            throw new UserError(e.getMessage());
        }
    }

    @Command(mixinStandardHelpOptions = true, description = {"Approve a pending device by its dev-id or its pairing code.",
        "Give the dev-id (or its first 6+ characters), or --code with the code the device shows."})
    static final class Decide implements Callable<Integer> {
        private final Env env;
        private final boolean approve;
        @Mixin GlobalOptions global = new GlobalOptions();
        @Mixin GatewayDirOption dir = new GatewayDirOption();
        @Parameters(arity = "0..1", paramLabel = "DEV-ID", description = "The device's dev-id (or its first 6+ characters), as `gateway list` shows.")
        String devId;
        @Option(names = "--code", paramLabel = "CODE", description = "approve only: the pairing code the device shows (single use; 5 wrong codes pause typing for 15 minutes).")
        String code;

        Decide(Env env, boolean approve) {
            this.env = env;
            this.approve = approve;
        }

        @Override
        public Integer call() {
            if ((devId == null) == (code == null) || (code != null && !approve)) {
                throw new UserError(approve ? "give a DEV-ID or --code CODE (one of them)" : "give the DEV-ID to deny");
            }
            DeviceRecord d = withGateway(env, dir, (g, a) -> code != null ? a.approveByCode(code, actor() + " (pairing code)")
                    : approve ? a.approve(devId, actor()) : a.deny(devId, actor()));
            env.out().println((approve ? "approved " : "denied ") + d.devId() + " (" + String.join(", ", d.identities()) + ")");
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, description = {"Pre-authorise names or addresses for a while (allow printer.home.arpa --for 10m).",
        "Until the window closes, a new device asking only for allowed names and addresses is approved without you.",
        "Several at once: a device's name and its address, or a batch of devices; all are checked before any is stored."})
    static final class Allow implements Callable<Integer> {
        private final Env env;
        @Mixin GlobalOptions global = new GlobalOptions();
        @Mixin GatewayDirOption dir = new GatewayDirOption();
        @Parameters(paramLabel = "NAME", arity = "1..*", description = "DNS names or IP addresses inside the gateway's constraints.")
        List<String> names = new ArrayList<>();
        @Option(names = "--for", paramLabel = "DURATION", defaultValue = "10m", description = "How long: 30s, 10m, 2h, 1d (at most 7d; default ${DEFAULT-VALUE}).")
        String window;

        Allow(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Duration d = parseDuration(window);
            var allowed = withGateway(env, dir, (g, ap) -> ap.allow(names, d, actor()));
            allowed.forEach(a -> env.out().println("allowed " + a.identity() + " until " + a.until()));
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, description = {
        "Make a pairing key for an ACME client (External Account Binding): its devices are approved at once.",
        "The account the client creates with it has its devices approved for the names given (none: any",
        "name) until the key ends. Single use; the HMAC key is printed only now.",
        "certbot: --eab-kid=KID --eab-hmac-key=KEY; lego: --eab --kid=KID --hmac=KEY. See docs/acme.md."})
    static final class Pair implements Callable<Integer> {
        private final Env env;
        @Mixin GlobalOptions global = new GlobalOptions();
        @Mixin GatewayDirOption dir = new GatewayDirOption();
        @Option(names = "--name", paramLabel = "NAME", description = "A DNS name or IP address the device may get; repeatable (default: any the gateway may certify).")
        List<String> names = new java.util.ArrayList<>();
        @Option(names = "--for", paramLabel = "DURATION", defaultValue = "10m", description = "How long the key can be used and approves: 30s, 10m, 2h, 1d (at most 7d; default ${DEFAULT-VALUE}).")
        String window;

        Pair(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Duration d = parseDuration(window);
            var p = withGateway(env, dir, (g, a) -> g.pairings().create(names, d, actor()));
            env.out().println("pairing key for " + (p.names().isEmpty() ? "any name" : String.join(", ", p.names()))
                    + ", single use, until " + p.until());
            env.out().println("  kid:      " + p.kid());
            env.out().println("  hmac key: " + p.hmacKey() + "   (shown only now)");
            // "=" joins each value to its option: a base64url kid or key may start with "-", which certbot and lego would
            // take for an option of its own
            env.out().println("  certbot:  --eab-kid=" + p.kid() + " --eab-hmac-key=" + p.hmacKey());
            env.out().println("  lego:     --eab --kid=" + p.kid() + " --hmac=" + p.hmacKey());
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, description = "Revoke a certificate by serial (hex, as openssl x509 -serial prints it).")
    static final class Revoke implements Callable<Integer> {
        private final Env env;
        @Mixin GlobalOptions global = new GlobalOptions();
        @Mixin GatewayDirOption dir = new GatewayDirOption();
        @Parameters(paramLabel = "SERIAL", description = "The serial: hex, any case, colons allowed.")
        String serial;
        @Option(names = "--reason", paramLabel = "REASON", defaultValue = "unspecified",
                description = "keyCompromise, superseded, cessationOfOperation, affiliationChanged, privilegeWithdrawn, unspecified (default).")
        String reason;

        Revoke(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            RevocationReason r = RevocationReason.parse(reason)
                    .filter(x -> x != RevocationReason.REMOVE_FROM_CRL && x != RevocationReason.CERTIFICATE_HOLD)
                    .orElseThrow(() -> new UserError("--reason: '" + reason + "' is not a revocation reason"));
            boolean changed = withGateway(env, dir, (g, a) -> a.revoke(serial, r, actor()));
            env.out().println(changed ? "revoked " + serial + " (" + r.rfcName() + ")" : serial + " was already revoked");
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, description = {"List devices: dev-id, state, names, latest certificate, and for a"
        + " pending device the pairing code it offered (compare it with the code the device shows before approving)."})
    static final class ListDevices implements Callable<Integer> {
        private final Env env;
        @Mixin GlobalOptions global = new GlobalOptions();
        @Mixin GatewayDirOption dir = new GatewayDirOption();
        @Option(names = "--pending", description = "Only devices waiting for approval.")
        boolean pending;

        ListDevices(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Table t = new Table("DEV-ID", "STATE", "NAMES", "LATEST CERTIFICATE", "PAIRING CODE");
            int shown = withGateway(env, dir, (g, a) -> {
                java.util.Map<String, String> codes = a.shownPairingCodes();
                int n = 0;
                for (DeviceRecord d : g.store().devices()) {
                    if (pending && d.state() != io.localtrust.store.ApprovalState.PENDING) {
                        continue;
                    }
                    List<IssuedCertificate> certs = g.store().certificatesOf(d.devId());
                    String latest = certs.isEmpty() ? "-" : "serial " + certs.get(certs.size() - 1).serialHex()
                            + ", until " + certs.get(certs.size() - 1).notAfter();
                    t.row(d.devId(), d.state().name().toLowerCase(Locale.ROOT), String.join(", ", d.identities()), latest,
                            codes.getOrDefault(d.devId(), "-"));
                    n++;
                }
                return n;
            });
            env.out().print(shown == 0 ? (pending ? "no pending devices\n" : "no devices yet\n") : t.render(120));
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, description = {"Show the audit log, or check its hash chain with `verify`.",
        "Exit code 3 when the chain is broken (an entry edited or deleted)."})
    static final class Audit implements Callable<Integer> {
        private final Env env;
        @Mixin GlobalOptions global = new GlobalOptions();
        @Mixin GatewayDirOption dir = new GatewayDirOption();
        @Parameters(arity = "0..1", paramLabel = "verify", description = "Verify the hash chain instead of listing.")
        String action;

        Audit(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            if (action != null && !action.equals("verify")) {
                throw new UserError("audit: unknown action '" + action + "' (only 'verify')");
            }
            if (action != null) {
                Optional<String> broken = withGateway(env, dir, (g, a) -> g.store().verify());
                if (broken.isPresent()) {
                    throw new Refused("audit log broken: " + broken.get());
                }
                env.out().println("audit log intact");
                return 0;
            }
            List<AuditEvent> events = withGateway(env, dir, (g, a) -> g.store().events(1, Integer.MAX_VALUE));
            Table t = new Table("SEQ", "TIME", "ACTOR", "ACTION", "SUBJECT", "DETAIL");
            events.forEach(e -> t.row(String.valueOf(e.seq()), e.at().toString(), e.actor(), e.action(), e.subject(), e.detail()));
            env.out().print(t.render(80));
            return 0;
        }
    }

    static Duration parseDuration(String text) {
        return Approvals.parseWindow(text).orElseThrow(() ->
                new UserError("--for: '" + text + "' is not a duration such as 30s, 10m, 2h or 1d"));
    }
}
