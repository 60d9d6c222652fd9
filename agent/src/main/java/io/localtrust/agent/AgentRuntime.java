package io.localtrust.agent;

import io.localtrust.agent.onboarding.GatewayAcmeProvider;
import io.localtrust.agent.stapling.LocalStapleResponder;
import io.localtrust.x509.Cert;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * What the device agents of one JVM share: the web servers' threads, timer and buffers, the HTTP
 * clients that talk to the gateway, the loopback OCSP staple responder. A simulated fleet runs a
 * thousand agents in one process (issue 5: within a 512 MB heap); each agent making its own
 * (a Jetty thread pool, scheduler and buffer pool, two {@code HttpClient}s with a selector thread
 * and a worker pool each) cost about eight platform threads and a few hundred KB per device.
 * What stays each device's own is what makes it a device: its key, identity, certificate, TLS
 * context ({@code SslContextFactory}), listening sockets, login and status-token signer.
 *
 * <p><b>Threads.</b> On Java 25 and later the servers run entirely on virtual threads
 * ({@link VirtualThreadPool}), selector loops included: there a virtual thread blocked in
 * {@code Selector.select} releases its carrier (checked with 500 selectors on two carriers).
 * On earlier runtimes a selector loop would pin its carrier, so the selectors take platform
 * threads of one shared {@link QueuedThreadPool} (requests still run on virtual threads). The
 * shared pieces are started here, before any server, so Jetty treats them as unmanaged beans:
 * stopping one device's server leaves them running for the others; {@link #close()} stops them.
 *
 * <p>Sharing the gateway clients is safe: they carry no per-device state (no cookies, no
 * credentials; ACME requests are signed by each device's account key), and every agent of a
 * runtime trusts the gateway root it was given.
 */
public final class AgentRuntime implements AutoCloseable {
    /** The first runtime with non-pinning virtual-thread selectors that the agent was measured on. */
    static final int VIRTUAL_SELECTORS_FROM = 25;
    /**
     * How many enrolment attempts of this JVM's agents may begin per second. A thousand agents sharing
     * one client would otherwise open a thousand TLS connections to the gateway at once (the first
     * 1,000-device run: the gateway's accept queue overflowed, connections timed out, and every agent
     * backed off). An enrolment is 8–10 ACME requests, and the gateway answers at most 100 per second and
     * client address with 429 (the second run: paced at 10 per second, the fleet still met it); 4 per second
     * stays well below. One device alone never waits.
     */
    static final int ENROLMENTS_PER_SECOND = 4;

    private final ThreadPool threads;
    private final Scheduler scheduler;
    private final ByteBufferPool buffers;
    private final ExecutorService virtual;
    private final HttpClient ocsp;
    private final LocalStapleResponder staples;
    private final Map<Gateway, GatewayAcmeProvider> gateways = new ConcurrentHashMap<>();
    private final long enrolmentInterval = TimeUnit.SECONDS.toNanos(1) / ENROLMENTS_PER_SECOND;
    private long nextEnrolment = System.nanoTime();

    /** One gateway as the agents see it: its root, each handshake judged at {@code clock}. */
    private record Gateway(Cert root, Clock clock) {
    }

    private AgentRuntime(ThreadPool threads, Scheduler scheduler, ByteBufferPool buffers, ExecutorService virtual, HttpClient ocsp,
                         LocalStapleResponder staples) {
        this.threads = threads;
        this.scheduler = scheduler;
        this.buffers = buffers;
        this.virtual = virtual;
        this.ocsp = ocsp;
        this.staples = staples;
    }

    /**
     * Starts the shared pieces.
     *
     * @throws IOException the loopback staple responder could not listen
     */
    public static AgentRuntime start() throws IOException {
        ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
        ThreadPool threads = threadPool(Runtime.version().feature(), virtual);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("device-timer", true, 1);
        // Bounded retention: a thousand idle servers must not each keep buffers of a past burst.
        ArrayByteBufferPool buffers = new ArrayByteBufferPool(0, 4096, 65536, 64, 8L << 20, 8L << 20);
        try {
            LifeCycle.start(threads);
            LifeCycle.start(scheduler);
        } catch (RuntimeException e) {
            LifeCycle.stop(threads);
            virtual.shutdownNow();
            throw new IOException("the shared web server threads did not start: " + e.getMessage(), e);
        }
        HttpClient ocsp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(virtual)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        LocalStapleResponder staples;
        try {
            staples = LocalStapleResponder.start();
        } catch (IOException e) {
            ocsp.close();
            LifeCycle.stop(scheduler);
            LifeCycle.stop(threads);
            virtual.shutdownNow();
            throw e;
        }
        return new AgentRuntime(threads, scheduler, buffers, virtual, ocsp, staples);
    }

    static ThreadPool threadPool(int javaFeature, ExecutorService virtual) {
        if (javaFeature >= VIRTUAL_SELECTORS_FROM) {
            VirtualThreadPool v = new VirtualThreadPool();
            v.setName("device-web");
            // Unbounded: Jetty's default (200 concurrent tasks) is a semaphore every task acquires, and each
            // connector's selector loop holds one for good — the 101st device's selectors would wait forever
            // (found by the 1,000-device run: http-01 answers stopped after ~100 agents).
            v.setMaxConcurrentTasks(0);
            return v;
        }
        // Selector loops stay on platform threads here (two per device: HTTP and HTTPS connectors);
        // there is no reserve and requests go to virtual threads.
        QueuedThreadPool q = new QueuedThreadPool(Integer.MAX_VALUE, 2);
        q.setReservedThreads(0);
        q.setName("device-web");
        q.setVirtualThreadsExecutor(virtual);
        return q;
    }

    /**
     * Waits for this runtime's next enrolment slot (at most {@value #ENROLMENTS_PER_SECOND} attempts begin per
     * second, in the order asked). Elapsed time, not the injected clock: this paces work, it judges nothing.
     */
    public void awaitEnrolmentSlot() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(nextEnrolment, now);
            nextEnrolment = slot + enrolmentInterval;
            wait = slot - now;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** The web servers' thread pool (a Jetty bean every device's server shares, not stopped with it). */
    public ThreadPool threads() {
        return threads;
    }

    /** The web servers' timer (idle timeouts). */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The web servers' buffers. */
    public ByteBufferPool buffers() {
        return buffers;
    }

    /** Runs blocking work (enrolment, fetches) on virtual threads. */
    public ExecutorService virtualThreads() {
        return virtual;
    }

    /** The client that fetches OCSP responses from the gateway (plain HTTP, RFC 6960 A.1). */
    public HttpClient ocspClient() {
        return ocsp;
    }

    /** The loopback responder JSSE asks for staples. */
    public LocalStapleResponder staples() {
        return staples;
    }

    /** The ACME provider for the gateway with this root, made once per root and clock and shared. */
    public GatewayAcmeProvider gateway(Cert root, Clock clock) {
        return gateways.computeIfAbsent(new Gateway(root, clock), g -> new GatewayAcmeProvider(g.root(), g.clock(), virtual));
    }

    @Override
    public void close() {
        gateways.values().forEach(GatewayAcmeProvider::close);
        ocsp.close();
        staples.close();
        LifeCycle.stop(scheduler);
        LifeCycle.stop(threads);
        virtual.shutdownNow(); // the agents are closed first; what is left is interrupted, not waited for
    }
}
