package io.localtrust.cli;

import io.localtrust.x509.Cert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Today's browser over the demo's live fleet: Debian's Chromium, headless, with a fresh
 * {@code HOME} whose NSS database trusts the demo gateway's root (what a user does to install it)
 * and the demo's stand-in public CA (what a browser ships), opens each HTTPS device by its name —
 * mapped to the device's loopback address, every other name unresolvable, so Chromium reaches
 * nothing else — and reports what it showed: a certificate error, or the page with Chromium's
 * security state and {@code window.isSecureContext}. The U-L/S device must load with a padlock:
 * that is the seed's promise for a gateway-certified device, shown in a real browser beside the
 * decision ladder's verdict ({@link DemoBrowser}). Without {@code chromium} or {@code certutil}
 * the demo says so in one line and keeps the ladder's column.
 */
final class DemoChromium {
    /** What Chromium showed for each HTTPS device (by device name), or why it was not asked. */
    record Outcome(Map<String, Chromium.Visit> visits, Optional<String> skipped) {
        static Outcome skipped(String why) {
            return new Outcome(Map.of(), Optional.of(why));
        }
    }

    private DemoChromium() {
    }

    /**
     * Opens every HTTPS device of {@code rows} in one Chromium that trusts {@code roots}, the
     * tools found on {@code path} (as {@code $PATH}).
     */
    static Outcome visit(List<DemoFleet.Row> rows, List<Cert> roots, String path) throws InterruptedException {
        Optional<Path> executable = Chromium.onPath("chromium", path);
        if (executable.isEmpty()) {
            return Outcome.skipped("chromium is not installed (Debian: apt install chromium)");
        }
        if (Chromium.onPath("certutil", path).isEmpty()) {
            return Outcome.skipped("certutil is not installed to give Chromium the gateway root (Debian: apt install libnss3-tools)");
        }
        List<DemoFleet.Row> https = rows.stream().filter(r -> "https".equals(r.device().url().getScheme())).toList();
        List<String> rules = new ArrayList<>();
        for (DemoFleet.Row r : https) {
            rules.add("MAP " + r.device().name() + " " + r.device().address());
        }
        rules.add("MAP * ~NOTFOUND"); // no other name resolves: the demo's browser talks to the fleet only
        Path home = null;
        try {
            home = Files.createTempDirectory("localtrust-demo-chromium-");
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < roots.size(); i++) {
                files.add(Files.write(home.resolve("root-" + (i + 1) + ".der"), roots.get(i).der()));
            }
            Map<String, Chromium.Visit> visits = new LinkedHashMap<>();
            try (Chromium chromium = new Chromium(executable.get().toString(), NssHome.trusting(home, files),
                    home.resolve("chromium.log"), rules);
                 ExecutorService tabs = Executors.newVirtualThreadPerTaskExecutor()) {
                // a tab each, at once: Chromium takes seconds over some refusals, and the devices are independent
                Map<String, Future<Chromium.Visit>> open = new LinkedHashMap<>();
                for (DemoFleet.Row r : https) {
                    open.put(r.device().name(), tabs.submit(() -> chromium.open(browsedAs(r))));
                }
                for (Map.Entry<String, Future<Chromium.Visit>> e : open.entrySet()) {
                    visits.put(e.getKey(), result(e.getValue()));
                }
            }
            return new Outcome(Map.copyOf(visits), Optional.empty());
        } catch (IOException e) {
            return Outcome.skipped(String.valueOf(e.getMessage()).lines().findFirst().orElse("chromium failed").strip());
        } finally {
            delete(home);
        }
    }

    private static Chromium.Visit result(Future<Chromium.Visit> f) throws IOException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** The device by its name, as a user types it, on the port it serves HTTPS on. */
    static String browsedAs(DemoFleet.Row r) {
        return "https://" + r.device().name() + ":" + r.device().url().getPort() + "/";
    }

    /** The table cell: the padlock, or the certificate error Chromium showed, or how the page loaded otherwise. */
    static String cell(Optional<Chromium.Visit> visit) {
        if (visit.isEmpty()) {
            return "-";
        }
        Chromium.Visit v = visit.get();
        if (v.padlock()) {
            return "padlock, secure context";
        }
        if (v.error().isPresent()) {
            return "refused: " + v.error().get();
        }
        return "loaded, " + v.securityState() + (v.secureContext() ? ", secure context" : ", not a secure context");
    }

    /**
     * Deletes Chromium's temporary HOME. A few tries: a helper process of Chromium's may still
     * write a file there (its network service saves state as it exits) while the tree is walked.
     */
    static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        for (int attempt = 0; attempt < 5 && Files.exists(dir); attempt++) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return; // a temporary directory left behind is no reason to fail the demo; the OS sweeps /tmp
                }
            }
        }
    }
}
