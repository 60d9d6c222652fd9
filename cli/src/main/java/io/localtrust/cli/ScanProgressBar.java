package io.localtrust.cli;

import io.localtrust.scanner.ScanProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The scan's progress on a terminal: one line redrawn in place at most ten times a second —
 * {@code [#####.....] 512/1,000 probes  37 open  ETA 4 s}. Only when standard error is a terminal
 * ({@link #onTerminal}); piped output stays clean.
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

    /** Whether this JVM's standard streams are a terminal (JDK 22+ says so exactly; before, a console means one). */
    static boolean onTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
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
