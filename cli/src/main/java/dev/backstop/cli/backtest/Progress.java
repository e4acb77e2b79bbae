package dev.backstop.cli.backtest;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One line on a terminal, rewritten at most twice a second: files and events read, events per
 * second, and the time left when the source knows how much there is. Silent when the output is no
 * terminal, so scripts and logs get only the report.
 */
final class Progress {

    private static final long HALF_SECOND = 500_000_000L;

    private final PrintWriter terminal;
    private final LongSupplier nanos;
    private final long start;
    private long lastShown;
    private long files;
    private long events;
    private double done;
    private int width;

    /** @param terminal where to draw, or null when not a terminal */
    Progress(PrintWriter terminal, LongSupplier nanos) {
        this.terminal = terminal;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
        this.lastShown = start;
    }

    /** One more file read, {@code events} in it; {@code fraction} of the source is done, or -1 if unknown. */
    void file(long eventsInFile, double fraction) {
        files++;
        events += eventsInFile;
        done = fraction;
        long now = nanos.getAsLong();
        if (terminal != null && now - lastShown >= HALF_SECOND) {
            lastShown = now;
            show(line(now));
        }
    }

    /** Clears the line before the report is written. */
    void finish() {
        if (terminal != null && width > 0) {
            show("");
        }
    }

    String line(long now) {
        double seconds = Math.max((now - start) / 1e9, 1e-9);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%,d files, %,d events, %,.0f events/s",
                files, events, events / seconds));
        if (done > 0 && done < 1) {
            long left = Math.round(seconds * (1 - done) / done);
            line.append(String.format(Locale.ROOT, ", about %d:%02d left", left / 60, left % 60));
        }
        return line.toString();
    }

    private void show(String line) {
        terminal.print("\r" + line + " ".repeat(Math.max(0, width - line.length())) + "\r");
        terminal.flush();
        width = line.length();
    }
}
