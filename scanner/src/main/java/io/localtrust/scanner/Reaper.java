package io.localtrust.scanner;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes connections whose deadline passed. A read timeout alone does not bound a connection: a
 * device that sends one byte a second never times out a read. One daemon thread serves a whole
 * scan; cancelled entries are removed at once, so a finished probe costs nothing here.
 */
final class Reaper implements AutoCloseable {
    private final ScheduledThreadPoolExecutor timer;

    Reaper() {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "scan-reaper");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Closes {@code c} at {@code deadlineNanos} (a {@link System#nanoTime()} value) unless the returned handle is closed first. */
    AutoCloseable closeAt(Closeable c, long deadlineNanos) {
        ScheduledFuture<?> f = timer.schedule(() -> {
            try {
                c.close();
            } catch (IOException e) {
                // closing to unblock a reader; nothing to report
            }
        }, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
