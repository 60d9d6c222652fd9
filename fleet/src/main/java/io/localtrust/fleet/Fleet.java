package io.localtrust.fleet;

import io.localtrust.agent.AgentSettings;
import io.localtrust.agent.DeviceAgent;
import io.localtrust.agent.identity.DeviceIdentity;
import io.localtrust.agent.identity.StateDir;
import io.localtrust.agent.onboarding.OnboardingStatus;
import io.localtrust.agent.AgentRuntime;
import io.localtrust.agent.web.AgentServer;
import io.localtrust.practice.Practice;
import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A simulated fleet in one JVM: {@code count} devices, each on its own loopback address with its
 * own name. Devices of practice U-L/S are real device agents ({@link DeviceAgent}: own key made at
 * first boot, onboarding through the gateway's ACME, HTTPS with a stapled OCSP response) sharing one
 * {@link AgentRuntime} (web server threads, timer and buffers, the gateway clients, the loopback
 * staple responder: a thousand agents must fit a 512 MB heap and a few dozen platform threads); the others serve what their practice gives them
 * ({@link PracticeMaterial}) from Jetty servers on the same runtime. Everything starts on virtual threads; {@link #awaitOnboarded} waits
 * until every agent is certified.
 */
public final class Fleet implements AutoCloseable {
    /** One device's live parts. */
    private record Member(int index, String name, InetAddress address, Practice practice, Optional<DeviceAgent> agent,
                          Optional<StaticDevice> server) {
    }

    private static final int STARTING_AT_ONCE = 8;

    /** What a simulated agent's status tokens say its firmware is. */
    static final String FIRMWARE = "localtrust-simulated";

    private final FleetSettings settings;
    private final List<Member> members;
    private final AgentRuntime runtime;
    private final Clock clock;

    private Fleet(FleetSettings settings, List<Member> members, AgentRuntime runtime, Clock clock) {
        this.settings = settings;
        this.members = List.copyOf(members);
        this.runtime = runtime;
        this.clock = clock;
    }

    /**
     * Starts every device. With {@code allowances} the owner pre-authorises each agent's name and
     * address first; without, each agent waits for approval (its pairing code goes to {@code progress}).
     *
     * @throws Exception the first device that could not start (an address or port in use, the gateway
     *                   refusing an allowance); the devices already started are stopped
     */
    public static Fleet start(FleetSettings s, Optional<? extends Preauthorisation> allowances, Clock clock, SecureRandom random,
                              Consumer<String> progress) throws Exception {
        for (int i = 0; i < s.count(); i++) {
            Practice p = s.mix().practiceOf(i);
            if (p == Practice.U_CAS && s.publicCa().isEmpty()) {
                throw new IllegalArgumentException("the practice mix has U_CAS devices: they need a public CA to certify them");
            }
        }
        PracticeMaterial material = new PracticeMaterial(s.publicCa(), clock, random);
        AgentRuntime runtime = AgentRuntime.start();
        List<Future<Member>> started = new ArrayList<>();
        // A bounded number of devices start at once: a thousand simultaneous admin-API calls and first
        // boots would time out against a gateway on the same two cores. Onboarding itself runs unbounded.
        java.util.concurrent.Semaphore starting = new java.util.concurrent.Semaphore(STARTING_AT_ONCE);
        try (ExecutorService starts = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < s.count(); i++) {
                int index = i;
                started.add(starts.submit(() -> {
                    starting.acquire();
                    try {
                        return member(s, index, material, runtime, allowances, clock, random, progress);
                    } finally {
                        starting.release();
                    }
                }));
            }
        }
        List<Member> members = new ArrayList<>();
        Exception first = null;
        for (Future<Member> f : started) {
            try {
                members.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
                }
            }
        }
        Fleet fleet = new Fleet(s, members, runtime, clock);
        if (first != null) {
            fleet.close();
            throw first;
        }
        return fleet;
    }

    private static Member member(FleetSettings s, int i, PracticeMaterial material, AgentRuntime runtime,
                                 Optional<? extends Preauthorisation> allowances, Clock clock, SecureRandom random, Consumer<String> progress)
            throws Exception {
        Practice p = s.mix().practiceOf(i);
        String name = s.name(i);
        InetAddress address = s.addresses().addresses().get(i);
        String a = address.getHostAddress();
        return switch (p) {
            case NONE -> new Member(i, name, address, p, Optional.empty(), Optional.of(StaticDevice.http(runtime, name, address, s.httpPort())));
            case U_LS -> {
                if (allowances.isPresent()) {
                    allowances.get().allow(name);
                    allowances.get().allow(a);
                }
                StateDir dir = new StateDir(s.state().resolve(name));
                DeviceIdentity id = DeviceIdentity.open(new DeviceIdentity.Request(dir, name, Optional.empty(), false), clock, random);
                DeviceAgent agent = DeviceAgent.start(id, dir, s.gatewayRoot().orElseThrow(), s.passwordHash(), new AgentSettings(s.gateway().orElseThrow(),
                                new AgentServer.Listen(address, s.httpPort(), s.httpsPort()), s.poll(), Duration.ofHours(1),
                                Duration.ofSeconds(30), AgentSettings.DEFAULT_FIRST_RETRY, FIRMWARE), runtime, List.of(), clock, random,
                        st -> progress.accept(name + ": " + describe(st)));
                yield new Member(i, name, address, p, Optional.of(agent), Optional.empty());
            }
            default -> {
                String shown = p == Practice.U_CAS ? PracticeMaterial.deviceDnsName(a) : name;
                yield new Member(i, shown, address, p, Optional.empty(),
                        Optional.of(StaticDevice.https(runtime, shown, p, address, s.httpsPort(), material.forDevice(p, name, a))));
            }
        };
    }

    private static String describe(OnboardingStatus st) {
        return st.phase().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + st.detail()
                + st.pairing().map(pc -> " (pairing code " + pc.code() + ": localtrust gateway approve --code " + pc.code() + ")")
                .orElse("");
    }

    /**
     * Waits until every device agent serves a certificate.
     *
     * @return false when {@code timeout} passed first
     */
    public boolean awaitOnboarded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos(); // elapsed time, whatever the clock says
        while (members.stream().flatMap(m -> m.agent().stream()).anyMatch(a -> !a.certified())) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** The devices, in address order, as they are now. */
    public List<SimulatedDevice> devices() {
        List<SimulatedDevice> out = new ArrayList<>();
        for (Member m : members) {
            String a = m.address().getHostAddress();
            if (m.agent().isPresent()) {
                DeviceAgent agent = m.agent().get();
                String status = agent.certified() ? "serving" : agent.onboarding().phase().name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' ');
                out.add(new SimulatedDevice(m.name(), a, m.practice(), url("https", a, settings.httpsPort()), Optional.of(agent.devId()),
                        status));
            } else if (m.practice() == Practice.NONE) {
                out.add(new SimulatedDevice(m.name(), a, m.practice(), url("http", a, m.server().orElseThrow().port()),
                        Optional.empty(), "serving"));
            } else {
                out.add(new SimulatedDevice(m.name(), a, m.practice(), url("https", a, m.server().orElseThrow().port()),
                        Optional.empty(), "serving"));
            }
        }
        return out;
    }

    private static URI url(String scheme, String address, int port) {
        boolean standard = scheme.equals("https") ? port == 443 : port == 80;
        return URI.create(scheme + "://" + address + (standard ? "" : ":" + port) + "/");
    }

    @Override
    public void close() {
        try (ExecutorService stops = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Member m : members) {
                stops.submit(() -> {
                    m.agent().ifPresent(DeviceAgent::close);
                    m.server().ifPresent(StaticDevice::close);
                });
            }
        }
        runtime.close();
    }
}
