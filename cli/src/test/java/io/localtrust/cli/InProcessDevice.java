package io.localtrust.cli;

import io.localtrust.agent.AgentSettings;
import io.localtrust.agent.DeviceAgent;
import io.localtrust.agent.identity.DeviceIdentity;
import io.localtrust.agent.identity.KeyCustody;
import io.localtrust.agent.identity.StateDir;
import io.localtrust.agent.onboarding.GatewayTrust;
import io.localtrust.agent.onboarding.OnboardingStatus;
import io.localtrust.agent.onboarding.OnboardingStatus.Phase;
import io.localtrust.agent.AgentRuntime;
import io.localtrust.agent.web.AgentServer;
import io.localtrust.login.PasswordHash;
import io.localtrust.x509.BouncyCastle;
import io.localtrust.x509.Cert;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A device agent inside the test's JVM, composed as {@code device run} composes it (identity,
 * gateway root, admin password, {@link DeviceAgent}) — for the tests that are about what the
 * agent does, not about the process: no JVM start, its statuses read as values. Short intervals:
 * orders polled every 200 ms, OCSP checked every second, the first retry after 300 ms.
 */
final class InProcessDevice implements AutoCloseable {
    final String address;
    final DeviceIdentity identity;
    final DeviceAgent agent;
    private final AgentRuntime runtime;
    final List<OnboardingStatus> statuses = new CopyOnWriteArrayList<>();

    /** What to start. */
    record Options(String name, String address, Path state, URI directory, Cert root, int httpPort, Optional<KeyCustody> token,
                   Clock clock) {
        Options withDirectory(URI d) {
            return new Options(name, address, state, d, root, httpPort, token, clock);
        }

        Options withClock(Clock c) {
            return new Options(name, address, state, directory, root, httpPort, token, c);
        }

        Options withToken(KeyCustody t) {
            return new Options(name, address, state, directory, root, httpPort, Optional.of(t), clock);
        }
    }

    static Options at(SharedGateway.Running gw, String name, String address, Path state) throws Exception {
        return new Options(name, address, state, URI.create(gw.acmeDirectory()), GatewayTrust.fromBundle(gw.root()),
                gw.devicePort(), Optional.empty(), Clock.systemUTC());
    }

    private InProcessDevice(Options o, java.util.function.Consumer<OnboardingStatus> listener) throws Exception {
        address = o.address();
        SecureRandom random = new SecureRandom();
        identity = DeviceIdentity.open(new DeviceIdentity.Request(new StateDir(o.state()), o.name(), o.token(), false), o.clock(),
                random);
        if (Security.getProvider("BC") == null) {
            Security.addProvider(BouncyCastle.provider()); // acme4j asks for "BC" by name, as in device run
        }
        String hash = PasswordHash.hash("device admin password".toCharArray(), random);
        AgentSettings settings = new AgentSettings(o.directory(), new AgentServer.Listen(InetAddress.getByName(o.address()),
                o.httpPort(), 0), Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofMillis(300),
                "test firmware 1.0");
        // its own runtime, as `device run` has: closing the device closes its gateway clients
        runtime = AgentRuntime.start();
        try {
            agent = DeviceAgent.start(identity, new StateDir(o.state()), o.root(), hash, settings, runtime, List.of(), o.clock(),
                    random, s -> {
                        statuses.add(s);
                        listener.accept(s);
                    });
        } catch (Exception e) {
            runtime.close();
            throw e;
        }
    }

    static InProcessDevice start(Options o) throws Exception {
        return new InProcessDevice(o, s -> { });
    }

    /** As {@link #start(Options)}, telling {@code listener} each status as the agent reports it (on the agent's thread). */
    static InProcessDevice start(Options o, java.util.function.Consumer<OnboardingStatus> listener) throws Exception {
        return new InProcessDevice(o, listener);
    }

    /** Waits for a status matching {@code p}; fails with every status seen. */
    OnboardingStatus await(Predicate<OnboardingStatus> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (OnboardingStatus s : statuses) {
                if (p.test(s)) {
                    return s;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such status in time; seen:\n" + String.join("\n", statuses.stream().map(Object::toString).toList()));
    }

    OnboardingStatus await(Phase phase, Duration timeout) throws InterruptedException {
        return await(s -> s.phase() == phase, timeout);
    }

    String httpsBase() {
        return "https://" + address + ":" + agent.httpsPort().orElseThrow() + "/";
    }

    String httpBase() {
        return "http://" + address + ":" + agent.httpPort() + "/";
    }

    @Override
    public void close() {
        agent.close();
        runtime.close();
    }
}
