package io.localtrust.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * How a long-running command ({@code gateway run}, {@code device run}, {@code names run},
 * {@code device simulate}) stops. SIGTERM and Ctrl-C end {@link #await()}, so the command closes
 * what it runs and exits 0 ("stopped", as the exit codes say); left to the JVM's default they
 * would run the shutdown hooks and exit with 128 + signal (143, 130), which service managers
 * count as a failure. A shutdown the JVM starts otherwise ({@code System.exit}, a signal it does
 * not let us handle, e.g. under {@code -Xrs}) runs {@code stop} from a shutdown hook. Either way
 * {@code stop} runs once.
 */
final class UntilStopped {
    private final CountDownLatch signalled = new CountDownLatch(1);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Runnable stop;
    private final Thread hook;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private UntilStopped(String name, Runnable stop) {
        this.stop = stop;
        this.hook = new Thread(this::stopOnce, name + "-shutdown");
    }

    /** Adds the shutdown hook and takes SIGTERM and SIGINT; {@code stop} closes what the command runs. */
    static UntilStopped install(String name, Runnable stop) {
        UntilStopped u = new UntilStopped(name, stop);
        Runtime.getRuntime().addShutdownHook(u.hook);
        for (String sig : List.of("TERM", "INT")) {
            Signal signal = new Signal(sig);
            try {
                u.previous.put(signal, Signal.handle(signal, s -> u.signalled.countDown()));
            } catch (IllegalArgumentException notHandleable) {
                // the JVM's default stays: the shutdown hook still stops everything
            }
        }
        return u;
    }

    /**
     * Waits for SIGTERM or SIGINT, then {@link #finish()}es; {@code stopped} (the command's last
     * words) runs only when this stopped what runs, not while the JVM shuts down.
     */
    void awaitThenStop(Runnable stopped) throws InterruptedException {
        try {
            signalled.await();
        } finally {
            if (finish()) {
                stopped.run();
            }
        }
    }

    /**
     * Puts the signal handlers back and stops what runs, unless the JVM is already shutting down
     * (then the hook does, and this returns false: print nothing more).
     */
    private boolean finish() {
        previous.forEach(Signal::handle);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
        stopOnce();
        return true;
    }

    private void stopOnce() {
        if (stopped.compareAndSet(false, true)) {
            stop.run();
        }
    }
}
