package io.localtrust.authority;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The victim of {@link KillNineTest}, run in its own JVM: opens the gateway in {@code args[0]} and
 * issues certificates on {@code args[1]} threads until killed, printing each returned serial (hex)
 * on its own line, flushed, only after {@code issue} returned — what a front end would hand out.
 */
public final class KillNineIssuer {
    private KillNineIssuer() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.US_ASCII);
        Gateway gateway = TestGateway.open(dir); // never closed: the process dies under it
        AtomicLong next = new AtomicLong();
        synchronized (out) {
            out.println("READY");
            out.flush();
        }
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().start(() -> {
                while (true) {
                    long n = next.getAndIncrement();
                    try {
                        Issued issued = gateway.authority().issue(new IssuanceRequest(
                                TestGateway.csr(TestGateway.key(), "x"), List.of("k" + n + ".home.arpa"), "burst", true));
                        String line = issued.leaf().serial().toString(16);
                        synchronized (out) {
                            out.println(line);
                            out.flush();
                        }
                    } catch (IssuanceRefused e) {
                        synchronized (out) {
                            out.println("REFUSED " + e.refusal() + " " + e.getMessage());
                            out.flush();
                        }
                    }
                }
            });
        }
    }
}
