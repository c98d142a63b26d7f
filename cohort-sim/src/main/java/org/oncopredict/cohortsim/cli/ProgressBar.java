package org.oncopredict.cohortsim.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * A progress bar on stderr with count, rate and ETA. On a terminal it redraws one line at most ten
 * times a second; otherwise (CI logs, redirected output) it prints a line every ten percent.
 * Thread-safe: loader workers report concurrently.
 */
final class ProgressBar implements LongConsumer {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final long total;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private long lastDecile = -1;
    private long done;

    ProgressBar(PrintStream out, long total, boolean interactive) {
        this.out = out;
        this.total = total;
        this.interactive = interactive;
    }

    @Override
    public synchronized void accept(long completed) {
        done = Math.max(done, completed);
        long now = System.nanoTime();
        if (interactive) {
            if (now - lastDrawNanos >= REDRAW_NANOS || done == total) {
                lastDrawNanos = now;
                out.print('\r' + line(now));
                out.flush();
            }
        } else {
            long decile = total == 0 ? 10 : done * 10 / total;
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(line(now));
            }
        }
    }

    /** Ends the bar's line. */
    synchronized void finish() {
        if (interactive) {
            out.print('\r' + line(System.nanoTime()) + System.lineSeparator());
            out.flush();
        }
    }

    private String line(long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = done / seconds;
        double fraction = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(fraction * WIDTH);
        String eta = rate > 0 ? duration((total - done) / rate) : "--:--";
        return String.format(Locale.ROOT, "[%s%s] %d/%d %3.0f%% %.0f/s ETA %s",
                "=".repeat(filled), " ".repeat(WIDTH - filled), done, total, 100 * fraction, rate, eta);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
