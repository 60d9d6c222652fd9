package io.localtrust.cli;

import io.localtrust.ladder.Decision;
import io.localtrust.ladder.HostResolver;
import io.localtrust.ladder.Ladder;
import io.localtrust.ladder.Prober;
import io.localtrust.ladder.TrustConfig;
import io.localtrust.practice.Practice;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's new browser over the demo's live fleet: each HTTPS device probed as
 * {@code localtrust probe} would ({@link Prober}, the decision ladder with the demo's public CA
 * and the gateway root as anchors). A U-L/S device gets a padlock ({@code TRUSTED_LOCAL}) only
 * with a good OCSP response stapled: its agent fetches one from the gateway after enrolment, so
 * that device is probed again, for a bounded time, until the staple is there.
 */
final class DemoBrowser {
    /** How long a U-L/S device is given to staple its first OCSP response. */
    private static final Duration STAPLE_WAIT = Duration.ofSeconds(15);

    private DemoBrowser() {
    }

    static List<DemoFleet.Row> decide(List<DemoFleet.Row> rows, TrustConfig config, Env env)
            throws InterruptedException, UnknownHostException {
        Map<String, InetAddress> names = new HashMap<>();
        for (DemoFleet.Row r : rows) {
            names.put(r.device().name(), InetAddress.getByName(r.device().address())); // an IP literal: no lookup
        }
        HostResolver fleetFirst = host -> names.containsKey(host) ? List.of(names.get(host)) : HostResolver.system().resolve(host);
        Prober prober = new Prober(new Ladder(config.withDeadline(Duration.ofSeconds(5)), env.clock()), env.clock(), env.random(),
                fleetFirst);
        List<DemoFleet.Row> out = new ArrayList<>();
        for (DemoFleet.Row r : rows) {
            if (!"https".equals(r.device().url().getScheme())) {
                out.add(r);
                continue;
            }
            URI url = browsedAs(r);
            Decision d = prober.probe(url, false).decision();
            long end = System.nanoTime() + STAPLE_WAIT.toNanos();
            while (r.device().practice() == Practice.U_LS && !d.has("OCSP_GOOD") && System.nanoTime() < end) {
                Thread.sleep(250);
                d = prober.probe(url, false).decision();
            }
            out.add(new DemoFleet.Row(r.device(), r.seen(), Optional.of(d), r.chromium()));
        }
        return out;
    }

    /**
     * A publicly certified device is browsed by its public name (its certificate names no
     * address); the others by the address the table shows.
     */
    private static URI browsedAs(DemoFleet.Row r) {
        URI u = r.device().url();
        return r.device().practice() == Practice.U_CAS ? URI.create("https://" + r.device().name() + ":" + u.getPort() + "/") : u;
    }

    /** The table cell: the verdict, "padlock" when the browser would show one, and whether a good OCSP response was stapled. */
    static String cell(Optional<Decision> browser) {
        if (browser.isEmpty()) {
            return "no HTTPS (not secure)";
        }
        Decision d = browser.get();
        String v = d.verdict().name();
        if (d.verdict().accepted()) {
            return "padlock: " + v + (d.has("OCSP_GOOD") ? ", OCSP stapled" : "");
        }
        return v;
    }
}
