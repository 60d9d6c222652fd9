package io.localtrust.benchmarks.acme;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;

/**
 * N clients, each on its own thread, repeating {@link CertificateFlow} back to back (a closed
 * loop): a warm-up whose flows are thrown away, then the measured period, in which every flow that
 * ends counts with its latency. Flows still running when the period ends finish, uncounted.
 */
final class LoadRun {
    private static final int ERROR_SAMPLES = 5;

    private record Sample(long endNanos, long latencyNanos) {
    }

    private LoadRun() {
    }

    static LoadReport run(LoadOptions o, PrintStream progress) throws IOException, GeneralSecurityException, InterruptedException {
        LongAdder connections = new LongAdder();
        SSLContext tls = TrustingProvider.counting(TrustingProvider.trusting(o.trust()), connections);
        List<InetAddress> addresses = o.addresses();
        LongAdder requests = new LongAdder();
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        SecureRandom random = new SecureRandom();
        try (ChallengeServer challenges = ChallengeServer.start(addresses, o.challengePort())) {
            List<Thread> workers = new ArrayList<>();
            List<TrustingProvider> providers = new ArrayList<>();
            for (int i = 0; i < o.clients(); i++) {
                TrustingProvider provider = new TrustingProvider(tls, requests);
                providers.add(provider);
                CertificateFlow flow = new CertificateFlow(o.directory(), provider, challenges, addresses.get(i), o.poll(), random);
                workers.add(Thread.ofPlatform().name("acme-client-" + i).unstarted(() -> {
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        try {
                            flow.run();
                            long t1 = System.nanoTime();
                            samples.add(new Sample(t1, t1 - t0));
                        } catch (CertificateFlow.FlowFailed | RuntimeException e) {
                            if (errors.incrementAndGet() <= ERROR_SAMPLES) {
                                errorSamples.add(e instanceof CertificateFlow.FlowFailed ? e.getMessage() : e.toString());
                            }
                            if (!pause(o.poll())) { // a failing server must not turn the clients into a busy loop
                                return;
                            }
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            long start = System.nanoTime();
            workers.forEach(Thread::start);
            progress.printf("%s: %d clients, warm-up %d s%n", o.label(), o.clients(), o.warmup().toSeconds());
            sleepUntil(start + o.warmup().toNanos());
            long from = System.nanoTime();
            long requestsFrom = requests.sum();
            long connectionsFrom = connections.sum();
            long validationsFrom = challenges.served();
            var serverCpuFrom = CpuTime.of(o.serverPid());
            var serverWorkFrom = CpuTime.withoutJvmHousekeeping(o.serverPid());
            var clientCpuFrom = CpuTime.self();
            var clientWorkFrom = CpuTime.withoutJvmHousekeeping(ProcessHandle.current().pid());
            progress.printf("%s: measuring %d s%n", o.label(), o.measure().toSeconds());
            sleepUntil(from + o.measure().toNanos());
            long to = System.nanoTime();
            long requestsTo = requests.sum();
            long connectionsTo = connections.sum();
            long validationsTo = challenges.served();
            var serverCpu = CpuTime.between(serverCpuFrom, CpuTime.of(o.serverPid()));
            var serverWork = CpuTime.between(serverWorkFrom, CpuTime.withoutJvmHousekeeping(o.serverPid()));
            var clientCpu = CpuTime.between(clientCpuFrom, CpuTime.self());
            var clientWork = CpuTime.between(clientWorkFrom, CpuTime.withoutJvmHousekeeping(ProcessHandle.current().pid()));
            stop.set(true);
            for (Thread w : workers) {
                w.join(TimeUnit.SECONDS.toMillis(70));
                if (w.isAlive()) {
                    w.interrupt();
                    errors.incrementAndGet();
                    errorSamples.add(w.getName() + " did not finish its last flow within 70 s");
                }
            }
            providers.forEach(TrustingProvider::close);
            long[] latencies = samples.stream().filter(s -> s.endNanos() >= from && s.endNanos() < to)
                    .mapToLong(Sample::latencyNanos).sorted().toArray();
            return new LoadReport(o.label(), o.clients(), java.time.Duration.ofNanos(to - from), latencies, errors.get(),
                    new ArrayList<>(errorSamples), requestsTo - requestsFrom, connectionsTo - connectionsFrom, validationsTo - validationsFrom,
                    serverCpu, serverWork, clientCpu, clientWork);
        }
    }

    private static boolean pause(java.time.Duration d) {
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
