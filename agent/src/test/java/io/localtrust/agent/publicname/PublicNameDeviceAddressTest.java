package io.localtrust.agent.publicname;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.agent.AgentRuntime;
import io.localtrust.agent.identity.DeviceIdentity;
import io.localtrust.agent.identity.StateDir;
import io.localtrust.agent.onboarding.GatewayAcmeProvider;
import io.localtrust.agent.web.AgentServer;
import io.localtrust.localdns.Dig;
import io.localtrust.localdns.DnsLimits;
import io.localtrust.login.PasswordHash;
import io.localtrust.names.NamesService;
import io.localtrust.names.NamesSettings;
import io.localtrust.names.NamesZone;
import io.localtrust.names.Pebble;
import io.localtrust.names.api.ApiLimits;
import io.localtrust.names.api.ApiTls;
import io.localtrust.names.store.NamesStore;
import io.localtrust.names.store.NamesStores;
import io.localtrust.x509.CertificateReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certified public-name device follows its address: when {@link DeviceAddress} reports a new one
 * (DHCP moved it), the device registers it and {@code <dev-id>.<zone>} answers the new address —
 * against the real names service and pebble, asked with dig.
 */
class PublicNameDeviceAddressTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aCertifiedDeviceRegistersItsNewAddressWhenItMoves() throws Exception {
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        InetAddress lo = InetAddress.getLoopbackAddress();
        InetAddress first = InetAddress.getByName("127.0.0.1");
        InetAddress moved = InetAddress.getByName("127.0.0.2");
        ApiTls tls = ApiTls.selfSigned(List.of("localhost"), List.of("127.0.0.1"), clock.instant(), random);
        AtomicReference<InetAddress> where = new AtomicReference<>(first);
        try (NamesStore store = NamesStores.sqlite(dir.resolve("names.db"));
             NamesService names = NamesService.start(new NamesSettings(NamesZone.of("devices.example.net", List.of(), Optional.empty()),
                     new InetSocketAddress(lo, 0), new InetSocketAddress(lo, 0), DnsLimits.defaults(), ApiLimits.defaults()),
                     store, tls, clock, random);
             Pebble pebble = new Pebble(dir.resolve("pebble"), names.dnsAddress());
             AgentRuntime runtime = AgentRuntime.start()) {
            NameServiceClient client = new NameServiceClient(URI.create("https://127.0.0.1:" + names.apiAddress().getPort()),
                    PublicNameEnrolmentTest.trusting(tls.chainPem()));
            StateDir state = new StateDir(dir.resolve("device"));
            DeviceIdentity identity = DeviceIdentity.open(new DeviceIdentity.Request(state, "device", Optional.empty(), false), clock,
                    random);
            PublicNameEnrolment enrolment = new PublicNameEnrolment(URI.create(pebble.directory()),
                    new GatewayAcmeProvider(new CertificateReader().read(pebble.wfeCert).getFirst(), clock), client,
                    Duration.ofMillis(200), Duration.ofSeconds(60), clock, step -> { });
            try (PublicNameDevice device = PublicNameDevice.start(identity, state, client, enrolment, runtime,
                    new AgentServer.Listen(lo, 0, freePort()), () -> Optional.of(where.get()), Duration.ofMillis(200),
                    PasswordHash.hash("device admin password".toCharArray(), random), Duration.ofSeconds(1), clock, random, s -> { })) {
                await(device::certified, "the device was never certified: " + device.onboarding().detail());
                String name = device.fulldomain().orElseThrow();
                Dig dig = new Dig(names.dnsAddress());
                assertThat(dig.answers(name, "A")).containsExactly("127.0.0.1");

                where.set(moved); // DHCP gave the device another address
                await(() -> device.onboarding().detail().startsWith("address changed: registered 127.0.0.2"),
                        "the device never registered its new address: " + device.onboarding().detail());
                assertThat(dig.answers(name, "A")).containsExactly("127.0.0.2");
                assertThat(device.certified()).as("the same certificate serves on").isTrue();
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier done, String why) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(why);
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
