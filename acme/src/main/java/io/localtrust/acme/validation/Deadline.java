package io.localtrust.acme.validation;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/**
 * A total time limit on one validation. Socket timeouts bound each read, not a device that
 * drips one byte a second; so a watchdog (a virtual thread) closes the socket being used when
 * the time is up, which ends any blocked connect, handshake or read with an exception.
 */
final class Deadline implements AutoCloseable {
    private final long endNanos;
    private final Thread watchdog;
    private volatile Socket watched;
    private volatile boolean expired;

    private Deadline(Duration limit) {
        this.endNanos = System.nanoTime() + limit.toNanos();
        this.watchdog = Thread.ofVirtual().name("acme-validation-deadline").start(this::watch);
    }

    static Deadline after(Duration limit) {
        return new Deadline(limit);
    }

    /** Closes {@code socket} when the time is up (at once if it already is). */
    void watch(Socket socket) {
        watched = socket;
        if (expired) {
            closeQuietly(socket);
        }
    }

    boolean expired() {
        return expired || System.nanoTime() - endNanos >= 0;
    }

    /** The time left, never negative. */
    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    private void watch() {
        try {
            long left;
            while ((left = endNanos - System.nanoTime()) > 0) {
                Thread.sleep(Duration.ofNanos(left));
            }
            expired = true;
            Socket s = watched;
            if (s != null) {
                closeQuietly(s);
            }
        } catch (InterruptedException done) {
            // the validation finished first
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing to abort; nothing to report
        }
    }

    @Override
    public void close() {
        watchdog.interrupt();
    }
}
