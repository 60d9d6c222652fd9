package io.localtrust.cli;

import io.localtrust.authority.Gateway;
import io.localtrust.authority.Identity;
import io.localtrust.authority.IssuanceRefused;
import io.localtrust.authority.IssuanceRequest;
import io.localtrust.authority.Issued;
import io.localtrust.authority.Refusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gateway issue}: a certificate from a CSR made anywhere (openssl, a phone app). */
@Command(name = "issue", mixinStandardHelpOptions = true,
        description = {"Issue a device certificate from a CSR made anywhere.",
            "The CSR may come from openssl req, a phone app, any device.",
            "The names come from --name/--ip, never from the CSR, and take the same checks as every",
            "other front end: key policy, device uniqueness, name constraints, approval.",
            "The DNS names are bound to the device's address in the local zone (the first --ip, or",
            "--bind), as after an ACME approval: `gateway run --dns-listen` answers them, and no other",
            "device may take them while this certificate is valid.",
            "Prints the PEM chain (device certificate, then the issuing CA)."},
        footer = {"", "Example:", "  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout nas.key \\",
            "      -subj /CN=nas -out nas.csr",
            "  localtrust gateway issue --dir DIR --csr nas.csr --name nas.home.arpa --ip 192.168.1.40 --approve",
            "", "Exit codes: 0 issued, 1 internal error, 2 bad input or options, 3 refused by policy."})
final class GatewayIssueCommand implements Callable<Integer> {
    private static final Set<Refusal> INPUT_ERRORS = Set.of(Refusal.BAD_CSR, Refusal.BAD_CSR_SIGNATURE, Refusal.BAD_IDENTITY);

    private final Env env;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Mixin
    GatewayDirOption gateway = new GatewayDirOption();

    @Option(names = "--csr", required = true, paramLabel = "FILE", description = "The PKCS#10 request, PEM or DER.")
    Path csr;

    @Option(names = "--name", paramLabel = "NAME", description = "A DNS name to certify; repeatable.")
    List<String> names = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "ADDR", description = "An IP address to certify; repeatable.")
    List<String> ips = new ArrayList<>();

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "The address the local zone answers the names with (default: the first --ip).")
    String bind;

    @Option(names = "--approve", description = "Approve this device now (you are the gateway's owner).")
    boolean approve;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the PEM chain to FILE instead of standard output.")
    Path out;

    GatewayIssueCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        byte[] der = readCsr(csr);
        List<String> identities = new ArrayList<>(names);
        identities.addAll(ips);
        if (identities.isEmpty()) {
            throw new UserError("give at least one --name or --ip to certify");
        }
        Optional<String> address = address();
        Issued issued;
        try (Gateway g = gateway.open(env)) {
            issued = g.authority().issue(new IssuanceRequest(der, identities, "cli:" + System.getProperty("user.name"), approve,
                    address));
        } catch (IssuanceRefused e) {
            if (INPUT_ERRORS.contains(e.refusal())) {
                throw new UserError(csr + ": " + e.getMessage());
            }
            throw new Refused(e.refusal().id() + ": " + e.getMessage());
        } catch (io.localtrust.store.StoreException e) {
            throw new UserError(e.getMessage());
        }
        StringBuilder pem = new StringBuilder();
        issued.chain().forEach(c -> pem.append(c.pem()));
        if (out != null) {
            try {
                Files.writeString(out, pem);
            } catch (IOException e) {
                throw new UserError(out + ": cannot write (" + e.getMessage() + ")");
            }
            env.err().println("issued serial " + issued.leaf().serial().toString(16) + " to device " + issued.devId()
                    + "; chain written to " + out);
        } else {
            env.out().print(pem);
        }
        env.out().flush();
        if (!names.isEmpty()) {
            env.err().println(address.map(a -> "bound in the local zone: " + String.join(", ", names) + " -> " + a)
                    .orElse("not bound in the local zone (no address: give --ip or --bind): " + String.join(", ", names)));
        }
        return 0;
    }

    /** Where the names are bound: {@code --bind}, else the first {@code --ip}; an IP address either way. */
    private Optional<String> address() {
        Optional<String> a = Optional.ofNullable(bind).or(() -> ips.stream().findFirst());
        if (a.isPresent()) {
            try {
                if (Identity.parse(a.get()).type() != Identity.Type.IP) {
                    throw new UserError("--bind: '" + a.get() + "' is not an IP address");
                }
            } catch (IssuanceRefused e) {
                throw new UserError((bind != null ? "--bind" : "--ip") + ": " + e.getMessage());
            }
        }
        return a;
    }

    static byte[] readCsr(Path file) {
        return DerFiles.read(file, "a certificate request", "(NEW )?CERTIFICATE REQUEST", 64 * 1024);
    }
}
