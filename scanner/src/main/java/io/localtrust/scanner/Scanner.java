package io.localtrust.scanner;

import io.localtrust.practice.Classifier;
import io.localtrust.practice.DeviceAssessment;
import io.localtrust.practice.FleetView;
import io.localtrust.practice.InMemoryFleet;
import io.localtrust.practice.context.TrustContext;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.practice.observe.EndpointObservation;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Scans targets × ports and classifies what answered.
 *
 * <p>Every probe runs on its own virtual thread, at most {@code concurrency} at once, paced by the
 * rate cap; each connection is bounded by the timeout and the whole scan by its deadline (probes
 * not started by then are counted as unprobed, connections still open are closed). The endpoints
 * are grouped by address into devices and classified with the one {@link Classifier} against the
 * fleet view of <em>everything this scan saw</em>: a key on two addresses is shared, and with two
 * or more devices a unique key is confirmed unique rather than assumed (DESIGN.md §2).
 */
public final class Scanner {
    private final ScanSettings settings;
    private final Classifier classifier;
    private final Clock clock;

    public Scanner(ScanSettings settings, Classifier classifier, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One address × port to probe. */
    private record Probe(Target target, int port) {
    }

    /** One endpoint seen, with the device it belongs to. */
    private record Seen(Target target, EndpointObservation endpoint) {
    }

    /**
     * Runs the scan.
     *
     * @param targets     parsed targets ({@link Targets})
     * @param typed       the targets as typed, for the report
     * @param context     anchors and compromised keys to classify against
     * @param progress    told after every probe
     */
    public ScanResult scan(List<Target> targets, List<String> typed, TrustContext context, ScanProgress progress)
            throws InterruptedException {
        return scan(targets, typed, () -> context, progress);
    }

    /**
     * Runs the scan, asking for the trust context only once probing is over — so that a caller can
     * load it (the JDK's roots, a fingerprint list) while the probes run.
     */
    public ScanResult scan(List<Target> targets, List<String> typed, Supplier<TrustContext> context, ScanProgress progress)
            throws InterruptedException {
        List<Probe> probes = plan(targets);
        Instant started = clock.instant();
        long deadline = System.nanoTime() + settings.deadlineFor(probes.size()).toNanos();
        ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger open = new AtomicInteger();
        int launched = 0;
        Semaphore slots = new Semaphore(settings.concurrency());
        RateLimit rate = new RateLimit(settings.rate().orElse(Double.MAX_VALUE / 4));
        try (Reaper reaper = new Reaper(); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            PortProbe prober = new PortProbe(new Connections(reaper, settings.timeout()), rate);
            for (Probe p : probes) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    break;
                }
                launched++;
                threads.submit(() -> {
                    try {
                        if (System.nanoTime() - deadline < 0) {
                            prober.probe(new InetSocketAddress(p.target().address(), p.port()), p.target().name(), deadline)
                                    .ifPresent(e -> {
                                        seen.add(new Seen(p.target(), e));
                                        open.incrementAndGet();
                                    });
                        }
                    } finally {
                        slots.release();
                        progress.probed(done.incrementAndGet(), probes.size(), open.get());
                    }
                });
            }
        }
        return classify(started, targets, typed, probes.size(), probes.size() - launched, seen, context.get());
    }

    private List<Probe> plan(List<Target> targets) {
        Set<String> planned = new LinkedHashSet<>();
        List<Probe> out = new ArrayList<>();
        for (Target t : targets) {
            List<Integer> ports = t.port().isPresent() ? List.of(t.port().getAsInt()) : settings.ports();
            for (int port : ports) {
                if (planned.add(t.host() + "|" + port)) {
                    out.add(new Probe(t, port));
                }
            }
        }
        return out;
    }

    private ScanResult classify(Instant started, List<Target> targets, List<String> typed, int probes, int unprobed,
                                ConcurrentLinkedQueue<Seen> seen, TrustContext context) {
        Map<String, List<Seen>> byAddress = new ConcurrentHashMap<>();
        seen.forEach(s -> byAddress.computeIfAbsent(s.target().host(), k -> new ArrayList<>()).add(s));
        Map<String, Target> order = new LinkedHashMap<>();
        targets.stream().sorted(Comparator.comparing(Target::address, Scanner::compareAddresses))
                .forEach(t -> order.putIfAbsent(t.host(), t));
        List<DeviceObservation> answered = new ArrayList<>();
        List<DeviceObservation> unanswered = new ArrayList<>();
        for (Map.Entry<String, Target> e : order.entrySet()) {
            List<Seen> s = byAddress.get(e.getKey());
            if (s == null) {
                continue;
            }
            List<EndpointObservation> endpoints = s.stream().map(Seen::endpoint)
                    .sorted(Comparator.comparingInt(x -> x.port().orElse(0))).toList();
            String source = s.stream().flatMap(x -> x.target().name().stream()).findFirst().orElse(e.getKey());
            DeviceObservation d = new DeviceObservation(Optional.of(e.getKey()), source, started, endpoints);
            (endpoints.stream().anyMatch(EndpointObservation::answered) ? answered : unanswered).add(d);
        }
        FleetView fleet = InMemoryFleet.of(answered);
        List<DeviceAssessment> devices = answered.parallelStream().map(d -> classifier.classify(d, context, fleet)).toList();
        return new ScanResult(started, clock.instant(), typed, settings.ports(), probes, unprobed, devices, unanswered);
    }

    static int compareAddresses(java.net.InetAddress a, java.net.InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        return java.util.Arrays.compareUnsigned(x, y);
    }
}
