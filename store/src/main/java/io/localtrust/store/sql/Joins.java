package io.localtrust.store.sql;

/** Waiting for the store's own threads to end. */
final class Joins {
    private Joins() {
    }

    /**
     * Waits until {@code t} has ended (at once when it is null or the caller itself); an interrupt
     * does not end the wait — the thread is finishing what it was handed — and is kept for the caller.
     */
    static void uninterruptibly(Thread t) {
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
