package dev.backstop.cli.backtest;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts by name with a cap on how many names it keeps, so a month of callers cannot fill memory:
 * past the cap, new names are counted together as {@link #OTHERS}.
 */
final class TopCounts {

    static final String OTHERS = "(others)";

    record Count(String name, long count) {
    }

    private final int cap;
    private final Map<String, Long> counts = new HashMap<>();

    TopCounts(int cap) {
        this.cap = cap;
    }

    void add(String name) {
        String key = counts.containsKey(name) || counts.size() < cap ? name : OTHERS;
        counts.merge(key, 1L, Long::sum);
    }

    /** The most counted names, most first, ties by name. */
    List<Count> top(int how) {
        return counts.entrySet().stream()
                .map(entry -> new Count(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingLong(Count::count).reversed().thenComparing(Count::name))
                .limit(how)
                .toList();
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }
}
