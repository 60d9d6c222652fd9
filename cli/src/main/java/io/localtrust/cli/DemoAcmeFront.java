package io.localtrust.cli;

import io.localtrust.acme.AcmeSettings;
import io.localtrust.agent.onboarding.GatewayAcmeProvider;
import io.localtrust.authority.Approvals;
import io.localtrust.authority.Gateway;
import io.localtrust.gateway.GatewayServer;
import io.localtrust.gateway.ServerSettings;
import io.localtrust.gateway.StartupRefused;
import io.localtrust.store.StoreException;
import java.io.IOException;
import java.net.URI;
import java.security.Security;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The demo gateway served for real: {@link GatewayServer} on 127.0.0.1 with free ports, its ACME
 * front end validating http-01 at the demo devices' {@link ChallengeResponder} (also on 127.0.0.1).
 */
final class DemoAcmeFront implements AutoCloseable {
    private final GatewayServer server;
    private final ChallengeResponder responder;
    private final GatewayAcmeProvider provider;

    private DemoAcmeFront(GatewayServer server, ChallengeResponder responder, GatewayAcmeProvider provider) {
        this.server = server;
        this.responder = responder;
        this.provider = provider;
    }

    static DemoAcmeFront start(Gateway gateway, Env env) {
        // acme4j (the devices' client) asks for the "BC" provider by name. Registered here, for the
        // demo only: the gateway itself keeps Bouncy Castle behind io.localtrust.x509.
        if (Security.getProvider("BC") == null) {
            Security.addProvider(io.localtrust.x509.BouncyCastle.provider());
        }
        GatewayAcmeProvider provider = new GatewayAcmeProvider(gateway.root(), Optional.of(env.clock().instant()));
        ChallengeResponder responder;
        try {
            responder = ChallengeResponder.start();
        } catch (IOException e) {
            throw new UserError("demo: cannot listen on 127.0.0.1 for the devices' http-01 answers: " + e.getMessage());
        }
        ServerSettings loopback = ServerSettings.loopback(0, DemoGateway.httpPort(gateway));
        ServerSettings settings = new ServerSettings(loopback.httpsListen(), loopback.httpListen(), loopback.tlsNames(),
                loopback.pollInterval(), new ServerSettings.Acme(responder.port(),
                        ServerSettings.Acme.defaults().validationTlsPort(), AcmeSettings.defaults()));
        try {
            return new DemoAcmeFront(GatewayServer.start(gateway, settings, env.clock(), env.random()), responder, provider);
        } catch (StartupRefused | StoreException e) {
            responder.close();
            throw new UserError("demo: the gateway server did not start: " + e.getMessage());
        }
    }

    URI directory() {
        return server.httpsUrl().resolve("acme/directory");
    }

    /** A device's ACME client against this server, trusting the gateway's root only. */
    DemoAcmeClient client(Approvals approvals, Env env, Consumer<String> story) {
        return new DemoAcmeClient(directory(), provider, responder, approvals, env.random(), story);
    }

    @Override
    public void close() {
        provider.close();
        server.close();
        responder.close();
    }
}
