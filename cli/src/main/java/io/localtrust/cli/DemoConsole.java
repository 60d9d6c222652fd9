package io.localtrust.cli;

import io.localtrust.agent.onboarding.PairingCode;
import io.localtrust.authority.Approvals;
import io.localtrust.authority.Gateway;
import io.localtrust.authority.IssuanceRefused;
import io.localtrust.authority.IssuanceRequest;
import io.localtrust.gateway.GatewayServer;
import io.localtrust.gateway.ServerSettings;
import io.localtrust.gateway.StartupRefused;
import io.localtrust.gateway.console.ConsolePassword;
import io.localtrust.gateway.scans.ConsoleScanner;
import io.localtrust.scanner.ScanResult;
import io.localtrust.store.StoreException;
import io.localtrust.x509.CertificateRequests;
import io.localtrust.x509.KeyKind;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The demo's console: after the demo, the same gateway is served with its web console on
 * loopback — the simulated fleet among the devices (the gateway's own and the scan of the live
 * fleet, kept in the console's scan history), one more device waiting for approval (a doorbell
 * that asked with a fresh key and was left pending, showing a pairing code), and a console password made for the
 * occasion, printed once. It stays open until Ctrl-C when the demo runs on a terminal or with
 * {@code --console}; otherwise (a script, CI) the demo prints the same lines and exits.
 */
final class DemoConsole {
    static final String WAITING = "doorbell.home.arpa";

    private DemoConsole() {
    }

    /**
     * Opens the console over {@code gateway}, prints its URL, the password and the waiting device.
     *
     * @param scan the demo's scan of its live fleet, kept in the console's history
     */
    static GatewayServer open(Gateway gateway, Env env, Optional<ScanResult> scan) {
        char[] password = ConsolePassword.generate(env.random());
        try {
            ConsolePassword.set(gateway.files().dir(), password, env.random());
            String code = askForApproval(gateway, env);
            if (scan.isPresent()) {
                ConsoleScanner.record(gateway.store(), scan.get(), "demo", "the demo's scan of its simulated fleet", env.random());
            }
            GatewayServer server = GatewayServer.start(gateway, ServerSettings.loopback(0, DemoGateway.httpPort(gateway)), env.clock(),
                    env.random());
            String url = "https://127.0.0.1:" + server.httpsPort() + "/console/";
            env.out().println();
            env.out().println("Console of the demo gateway: " + url);
            env.out().println("  password:     " + new String(password) + "  (this demo's only; nothing else uses it)");
            env.out().println("  waiting:      " + WAITING + " asks for approval, showing pairing code " + code
                    + ": Approvals shows the same code beside it → Approve or Deny");
            env.out().println("  fleet:        Devices lists the simulated fleet as the demo's scan found it; Scans opens its report");
            env.out().println("  browser:      the demo root is new to your browser (" + gateway.files().rootPem()
                    + "): accept the warning, or see the console's Trust page");
            env.out().flush();
            return server;
        } catch (StartupRefused | StoreException e) {
            throw new UserError("demo console: " + e.getMessage());
        } catch (IOException e) {
            throw new UserError("demo console: cannot store its password: " + e.getMessage());
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    /**
     * Keeps {@code server} open until the process is stopped when {@code stay} (a terminal, or
     * {@code --console}); else says so and stops it. Returns {@code outcome}.
     *
     * @param afterStop run once the server stopped at Ctrl-C (the demo's temporary gateway directory is deleted)
     */
    static int keepOrClose(GatewayServer server, Env env, boolean stay, int outcome, Runnable afterStop) {
        if (!stay) {
            env.out().println("Not on a terminal: the console stops as the demo ends (run it in a terminal, or with --console, "
                    + "to keep it open).");
            env.out().flush();
            server.close();
            return outcome;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            afterStop.run();
        }, "demo-console-stop"));
        env.out().println("Ctrl-C stops it (the console is open at https://127.0.0.1:" + server.httpsPort() + "/console/).");
        env.out().flush();
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return outcome;
    }

    /**
     * A new device asks for a certificate and, as every new device, waits for the owner, offering
     * the pairing code it shows (as a device agent does with its CSR); returns that code.
     */
    private static String askForApproval(Gateway gateway, Env env) throws StoreException {
        java.security.KeyPair key = KeyKind.EC_P256.generate(env.random());
        byte[] csr = CertificateRequests.create(key, WAITING);
        try {
            gateway.authority().issue(new IssuanceRequest(csr, List.of(WAITING), "demo", false));
            throw new IllegalStateException("the demo gateway certified a new device without approval");
        } catch (IssuanceRefused e) {
            if (e.refusal() != io.localtrust.authority.Refusal.PENDING_APPROVAL) {
                throw new UserError("demo console: the waiting device was refused: " + e.getMessage());
            }
        }
        String devId = io.localtrust.x509.Digests.devId(key.getPublic().getEncoded());
        PairingCode code = PairingCode.fresh(devId, env.clock().instant(), env.random());
        try {
            new Approvals(gateway.store(), gateway.config().names(), env.clock()).offerPairingCode(devId, code.code());
        } catch (IssuanceRefused e) {
            throw new UserError("demo console: the waiting device's pairing code was refused: " + e.getMessage());
        }
        return code.code();
    }
}
