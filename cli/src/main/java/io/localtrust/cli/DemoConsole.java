package io.localtrust.cli;

import io.localtrust.authority.Gateway;
import io.localtrust.authority.IssuanceRefused;
import io.localtrust.authority.IssuanceRequest;
import io.localtrust.gateway.GatewayServer;
import io.localtrust.gateway.ServerSettings;
import io.localtrust.gateway.StartupRefused;
import io.localtrust.gateway.console.ConsolePassword;
import io.localtrust.store.StoreException;
import io.localtrust.x509.CertificateRequests;
import io.localtrust.x509.KeyKind;
import java.io.IOException;
import java.util.List;

/**
 * {@code demo --console}: after the demo, the same gateway keeps running with its console on
 * loopback — the simulated fleet in the devices list, one more device waiting for approval (a
 * doorbell that asked with a fresh key and was left pending), and a console password made for
 * the occasion, printed once. Stops on Ctrl-C.
 */
final class DemoConsole {
    static final String WAITING = "doorbell.home.arpa";

    private DemoConsole() {
    }

    /** Without {@code --console}: one line saying how to see this in the console; returns {@code outcome}. */
    static int hint(Env env, int outcome) {
        env.out().println("See it in the gateway's web console: localtrust demo --console (prints its URL and password).");
        env.out().flush();
        return outcome;
    }

    /** Starts the console over {@code gateway} and blocks until the process is stopped. */
    static int serve(Gateway gateway, Env env) {
        char[] password = ConsolePassword.generate(env.random());
        try {
            ConsolePassword.set(gateway.files().dir(), password, env.random());
            askForApproval(gateway, env.random());
            GatewayServer server = GatewayServer.start(gateway, ServerSettings.loopback(0, DemoGateway.httpPort(gateway)), env.clock(), env.random());
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "demo-console-stop"));
            String url = "https://127.0.0.1:" + server.httpsPort() + "/console/";
            env.out().println();
            env.out().println("Console of the demo gateway: " + url);
            env.out().println("  password:     " + new String(password) + "  (this demo's only; nothing else uses it)");
            env.out().println("  waiting:      " + WAITING + " asks for approval: Approvals → Approve or Deny");
            env.out().println("  browser:      the demo root is new to your browser (" + gateway.files().rootPem()
                    + "): accept the warning, or see the console's Trust page");
            env.out().println("Ctrl-C stops it.");
            env.out().flush();
            server.join();
            return 0;
        } catch (StartupRefused | StoreException e) {
            throw new UserError("demo console: " + e.getMessage());
        } catch (IOException e) {
            throw new UserError("demo console: cannot store its password: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    /** A new device asks for a certificate and, as every new device, waits for the owner. */
    private static void askForApproval(Gateway gateway, java.security.SecureRandom random) throws StoreException {
        byte[] csr = CertificateRequests.create(KeyKind.EC_P256.generate(random), WAITING);
        try {
            gateway.authority().issue(new IssuanceRequest(csr, List.of(WAITING), "demo", false));
            throw new IllegalStateException("the demo gateway certified a new device without approval");
        } catch (IssuanceRefused e) {
            if (e.refusal() != io.localtrust.authority.Refusal.PENDING_APPROVAL) {
                throw new UserError("demo console: the waiting device was refused: " + e.getMessage());
            }
        }
    }
}
