package io.localtrust.cli;

import io.localtrust.scanner.ScanProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The scan's progress on a terminal: one line redrawn in place at most ten times a second —
 * {@code [#####.....] 512/1,000 probes  37 open  ETA 4 s}. Only on a terminal ({@link #onTerminal});
 * piped or redirected output stays clean.
 */
final class ScanProgressBar implements ScanProgress {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final PrintWriter err;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    ScanProgressBar(PrintWriter err) {
        this.err = err;
    }

    /**
     * Whether to draw: standard input and output are a terminal (the JVM's console; JDK 22+ says so
     * exactly, before a console means one) and standard error, where the bar goes, has not been
     * redirected away from one (on Linux, where {@code /proc/self/fd/2} names it). Piped or
     * redirected output gets no bar.
     */
    static boolean onTerminal() {
        return Terminal.console() && errorIsTerminal(java.nio.file.Path.of("/proc/self/fd/2"));
    }

    static boolean errorIsTerminal(java.nio.file.Path fd2) {
        try {
            String target = java.nio.file.Files.readSymbolicLink(fd2).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return true; // no /proc: the console's answer stands
        }
    }

    @Override
    public synchronized void probed(int done, int total, int open) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        double elapsed = (now - start) / 1e9;
        String eta = done == 0 || done == total ? "" : String.format(Locale.ROOT, "  ETA %.0f s", elapsed / done * (total - done));
        err.print(String.format(Locale.ROOT, "\r[%s%s] %,d/%,d probes  %,d open%s   ", "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, total, open, eta));
        err.flush();
        drawn = true;
    }

    /** Ends the line, if one was drawn. */
    synchronized void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
            err.flush();
        }
    }
}
