package io.localtrust.benchmarks.acme;

import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * End-to-end ACME load (issue 4, "Benchmarks"; results in BENCHMARKS.md): N concurrent acme4j
 * clients, each repeating the whole flow — account, order, http-01, finalize, download — against
 * one ACME server, reporting certificates per second, latency percentiles and errors. The same
 * harness, options and client code run against the gateway and against pebble;
 * {@code benchmarks/load/acme-load.sh} sets both up and alternates them.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.localtrust.benchmarks.acme.AcmeLoad
 * --directory https://127.0.0.1:PORT/acme/directory --trust root.pem [--label gateway] [--clients 8]
 * [--warmup 10] [--seconds 30] [--challenge-port 5002] [--first-address 127.0.1.1] [--poll-ms 10]}
 *
 * <p>Exit codes: 0 measured without errors, 1 some flow failed (the report says which), 2 bad options.
 */
public final class AcmeLoad {
    private AcmeLoad() {
    }

    public static void main(String[] args) throws InterruptedException {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("AcmeLoad: " + e.getMessage());
            System.exit(2);
            return;
        }
        LoadReport report;
        try {
            report = LoadRun.run(options, System.err);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            System.err.println("AcmeLoad: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.print(report.format());
        System.out.flush();
        System.exit(report.errors() == 0 && report.certificates() > 0 ? 0 : 1);
    }
}
