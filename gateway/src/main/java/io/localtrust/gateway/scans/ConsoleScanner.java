package io.localtrust.gateway.scans;

import io.localtrust.lint.keys.CompromisedKeyFiles;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.lint.keys.KeyListException;
import io.localtrust.practice.Classifier;
import io.localtrust.practice.Practice;
import io.localtrust.practice.context.AnchorSet;
import io.localtrust.practice.context.Anchors;
import io.localtrust.practice.context.ContextException;
import io.localtrust.practice.context.TrustContext;
import io.localtrust.scanner.ScanResult;
import io.localtrust.scanner.ScanSettings;
import io.localtrust.scanner.Scanner;
import io.localtrust.scanner.Target;
import io.localtrust.scanner.TargetException;
import io.localtrust.scanner.Targets;
import io.localtrust.scanner.report.ScanHtml;
import io.localtrust.scanner.report.ScanJson;
import io.localtrust.store.ScanStore;
import io.localtrust.store.ScanStore.ScanRecord;
import io.localtrust.store.StoreException;
import io.localtrust.store.StoreLocks;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateReader;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the console's network scans: the scanner module's engine (the same as {@code localtrust
 * scan}: its target syntax, its refusal of public addresses, its default ports) on a background
 * virtual thread, <b>one at a time</b> — in this process, and across every gateway on the same
 * store (a store lock, {@value #LOCK}, is held while a scan runs, and the store refuses a second
 * running scan). Devices are classified against the gateway's own root as the local anchor (a
 * device it certified is U-L/S), the JDK's public roots, and nmap's published keys when nmap is
 * installed. The outcome — counts per practice, the {@code localtrust.scan/1} JSON and the HTML
 * report — is kept in the store, so the history survives a restart.
 */
public final class ConsoleScanner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleScanner.class);
    /** The store lock held while a scan runs. */
    public static final String LOCK = "console-scan";
    static final String ABANDONED = "the gateway stopped before this scan finished";
    static final String STOPPED = "stopped: the gateway was shut down during the scan";

    private final ScanStore store;
    private final StoreLocks locks;
    private final Cert root;
    private final Targets.Resolver resolver;
    private final Duration timeout;
    private final Clock clock;
    private final SecureRandom random;
    private TrustContext context;
    private Running running;

    /** The scan in progress: its record, its thread, its lock and its counters. */
    private static final class Running {
        final ScanRecord record;
        final StoreLocks.HeldLock lock;
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger total = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();
        Thread thread;

        Running(ScanRecord record, StoreLocks.HeldLock lock) {
            this.record = record;
            this.lock = lock;
        }

        ScanProgressView view() {
            return new ScanProgressView(record.id(), record.targets(), record.started(), done.get(), total.get(), open.get());
        }
    }

    /**
     * @param root     the gateway's root: the local anchor devices are classified against
     * @param resolver resolves host names typed as targets
     * @param timeout  per connection (the scanner's default: {@link ScanSettings#DEFAULT_TIMEOUT})
     */
    public ConsoleScanner(ScanStore store, StoreLocks locks, Cert root, Targets.Resolver resolver, Duration timeout, Clock clock,
                          SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.root = Objects.requireNonNull(root, "root");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Marks scans left running by a gateway that stopped mid-scan as failed — only when no
     * process holds the scan lock, so a scan another gateway on the same store runs is left alone.
     */
    public void recover() throws StoreException {
        Optional<StoreLocks.HeldLock> lock = locks.tryLock(LOCK);
        if (lock.isEmpty()) {
            return;
        }
        try (StoreLocks.HeldLock held = lock.get()) {
            int n = store.abandonScans(clock.instant(), ABANDONED);
            if (n > 0) {
                LOG.info("marked {} scan(s) left running by a stopped gateway as failed", n);
            }
        }
    }

    /** The default ports, as the form shows them. */
    public static String defaultPorts() {
        return String.join(",", ScanSettings.DEFAULT_PORTS.stream().map(String::valueOf).toList());
    }

    /**
     * Starts a scan in the background, or refuses with the reason and starts nothing.
     *
     * @param targets what the owner typed, split on white space and commas
     * @param ports   a comma-separated port list ({@link #defaultPorts()} when blank)
     * @param actor   who starts it, for the store and its audit entry
     * @param detail  one line for the audit entry (where the request came from)
     */
    public synchronized ScanProgressView start(String targets, String ports, String actor, String detail)
            throws ScanRefused, StoreException {
        List<String> typed = List.of(targets.trim().split("[\\s,]+")).stream().filter(s -> !s.isBlank()).toList();
        if (typed.isEmpty()) {
            throw new ScanRefused("No target: give an address, a range (192.168.1.1-40), a CIDR (192.168.1.0/24) or host:port.");
        }
        List<Integer> portList = ports(ports);
        List<Target> parsed;
        try {
            parsed = new Targets(false, resolver).parse(typed);
        } catch (TargetException e) {
            throw new ScanRefused("Target " + e.getMessage() + ".");
        }
        if (running != null) {
            throw new ScanRefused("A scan is running already (started " + running.record.started() + "): one at a time.");
        }
        StoreLocks.HeldLock lock = locks.tryLock(LOCK)
                .orElseThrow(() -> new ScanRefused("A scan is running on another gateway that uses this store: one at a time."));
        try {
            store.abandonScans(clock.instant(), ABANDONED);
            byte[] id = new byte[8];
            random.nextBytes(id);
            ScanRecord record = store.startScan(HexFormat.of().formatHex(id), typed, clock.instant(), actor, detail);
            Running r = new Running(record, lock);
            ScanSettings settings = new ScanSettings(portList, timeout, ScanSettings.DEFAULT_CONCURRENCY, OptionalDouble.empty(),
                    Optional.empty());
            running = r;
            r.thread = Thread.ofVirtual().name("console-scan-" + record.id()).start(() -> run(r, parsed, settings));
            LOG.info("scan {} started by {} on {}", record.id(), actor, String.join(" ", typed));
            return r.view();
        } catch (StoreException | RuntimeException e) {
            lock.close();
            if (e instanceof StoreException s && s.kind() == StoreException.Kind.CONFLICT) {
                throw new ScanRefused("A scan is running already: one at a time.");
            }
            throw e;
        }
    }

    /** The scan in progress, if any. */
    public synchronized Optional<ScanProgressView> progress() {
        return Optional.ofNullable(running).map(Running::view);
    }

    private void run(Running r, List<Target> targets, ScanSettings settings) {
        String id = r.record.id();
        try {
            ScanResult result = new Scanner(settings, Classifier.standard(), clock).scan(targets, r.record.targets(), context(),
                    (done, total, open) -> {
                        r.total.set(total);
                        r.done.set(done);
                        r.open.set(open);
                    });
            if (Thread.interrupted()) { // stopped while its probes were being waited for: what it saw is partial
                fail(id, STOPPED);
                return;
            }
            finish(store, id, clock.instant(), result);
            LOG.info("scan {} finished: {} devices", id, result.devices().size());
        } catch (InterruptedException e) {
            fail(id, STOPPED);
        } catch (Exception e) {
            LOG.warn("scan {} failed: {}", id, e.toString());
            fail(id, "the scan failed: " + oneLine(String.valueOf(e.getMessage())));
        } finally {
            synchronized (this) {
                running = null;
            }
            r.lock.close();
        }
    }

    private static void finish(ScanStore store, String id, java.time.Instant at, ScanResult result) throws StoreException {
        Map<String, Integer> summary = new LinkedHashMap<>();
        result.summary().forEach((Practice p, Integer n) -> summary.put(p.name(), n));
        store.finishScan(id, at, summary, result.devices().size(),
                new ScanStore.ScanReport(ScanJson.document(result), ScanHtml.document(result)));
    }

    /**
     * Keeps a scan run elsewhere (the demo's scan of its fleet) in the history, as if the console
     * had run it: started and finished at the scan's own times, with its audit entry.
     *
     * @return its id
     */
    public static String record(ScanStore store, ScanResult result, String actor, String detail, SecureRandom random)
            throws StoreException {
        byte[] id = new byte[8];
        random.nextBytes(id);
        String hex = HexFormat.of().formatHex(id);
        store.startScan(hex, result.targets(), result.started(), actor, detail);
        finish(store, hex, result.finished(), result);
        return hex;
    }

    private void fail(String id, String why) {
        try {
            store.failScan(id, clock.instant(), why);
        } catch (StoreException e) {
            LOG.warn("scan {}: cannot record its failure ({})", id, e.getMessage());
        }
    }

    private synchronized TrustContext context() throws ContextException, KeyListException {
        if (context == null) {
            CertificateReader reader = new CertificateReader();
            CompromisedKeys.Builder keys = new CompromisedKeys.Builder();
            Optional<java.nio.file.Path> nmap = CompromisedKeyFiles.nmapFingerprints();
            if (nmap.isPresent()) {
                keys.addAll(CompromisedKeyFiles.load(nmap.get()));
            }
            context = new TrustContext(Anchors.jdkCacerts(reader), new AnchorSet(AnchorSet.Kind.LOCAL, "this gateway's root", List.of(root)),
                    AnchorSet.empty(AnchorSet.Kind.VENDOR), keys.build());
        }
        return context;
    }

    private static List<Integer> ports(String text) throws ScanRefused {
        String t = text == null || text.isBlank() ? defaultPorts() : text.trim();
        List<Integer> out = new ArrayList<>();
        for (String p : t.split("[\\s,]+")) {
            if (!p.matches("[0-9]{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65_535) {
                throw new ScanRefused("Ports: '" + p + "' is not a port from 1 to 65535 (give a list like " + defaultPorts() + ").");
            }
            if (!out.contains(Integer.parseInt(p))) {
                out.add(Integer.parseInt(p));
            }
        }
        if (out.size() > 64) {
            throw new ScanRefused("Ports: at most 64 ports per scan.");
        }
        return out;
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }

    /** Stops a running scan (it is recorded as failed) and waits for it briefly. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = running == null ? null : running.thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
