package dev.backstop.cli.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rule's decisions over time as bars: the hours of the tally merged into at most {@link #BARS}
 * bars of a whole number of hours, on one time axis shared by every rule and pack.
 */
final class Timeline {

    static final int BARS = 120;
    private static final List<Integer> STEPS = List.of(1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 720);

    private final long firstHour;
    private final int hoursPerBar;
    private final int bars;

    /** The axis for the hours {@code firstHour} to {@code lastHour}, both included. */
    Timeline(long firstHour, long lastHour) {
        long span = lastHour - firstHour + 1;
        int step = STEPS.stream().filter(hours -> span <= (long) hours * BARS).findFirst()
                .orElse((int) ((span + BARS - 1) / BARS));
        this.firstHour = firstHour;
        this.hoursPerBar = step;
        this.bars = (int) ((span + step - 1) / step);
    }

    /** The axis that holds every hour of these timelines (of every pack), or null when there is none. */
    static Timeline spanning(List<Map<String, Map<Long, long[]>>> timelines) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Map<String, Map<Long, long[]>> rules : timelines) {
            for (Map<Long, long[]> hours : rules.values()) {
                for (long hour : hours.keySet()) {
                    first = Math.min(first, hour);
                    last = Math.max(last, hour);
                }
            }
        }
        return first == Long.MAX_VALUE ? null : new Timeline(first, last);
    }

    /** Counts per bar and verdict ({@code [bar][verdict ordinal]}) of one rule's hours. */
    long[][] bars(Map<Long, long[]> hours) {
        long[][] counts = new long[bars][Verdict.values().length];
        hours.forEach((hour, byVerdict) -> {
            int bar = (int) ((hour - firstHour) / hoursPerBar);
            for (int v = 0; v < byVerdict.length; v++) {
                counts[bar][v] += byVerdict[v];
            }
        });
        return counts;
    }

    int bars() {
        return bars;
    }

    Instant start(int bar) {
        return Instant.ofEpochSecond((firstHour + (long) bar * hoursPerBar) * Tally.BUCKET.toSeconds());
    }

    Instant end() {
        return start(bars);
    }

    Duration perBar() {
        return Tally.BUCKET.multipliedBy(hoursPerBar);
    }
}
