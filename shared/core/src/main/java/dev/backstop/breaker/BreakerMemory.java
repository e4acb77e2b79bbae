package dev.backstop.breaker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Breaker counts kept in memory, window by window as the audit table keeps them, for one replay
 * of history by one thread. Nobody resets a breaker during a replay: once tripped, it stays so.
 */
public final class BreakerMemory implements BreakerCounts {

    private static final class Scope {
        private long window = Long.MIN_VALUE;
        private long count;
        private BreakerState trip;
    }

    private final Map<BreakerScope, Scope> scopes = new HashMap<>();
    private final List<BreakerState> trips = new ArrayList<>();

    @Override
    public Counted count(BreakerScope scope, Duration window, Instant now) {
        Scope counts = scopes.computeIfAbsent(scope, key -> new Scope());
        long current = now.getEpochSecond() / window.toSeconds();
        if (current != counts.window) {
            counts.window = current;
            counts.count = 0;
        }
        counts.count++;
        return new Counted(counts.count, Optional.ofNullable(counts.trip));
    }

    @Override
    public boolean trip(BreakerScope scope, String cause, Instant now) {
        Scope counts = scopes.computeIfAbsent(scope, key -> new Scope());
        if (counts.trip != null) {
            return false;
        }
        counts.trip = new BreakerState(scope, now, cause, null, null);
        trips.add(counts.trip);
        return true;
    }

    /** Every breaker that tripped, in the order it did. */
    public List<BreakerState> tripped() {
        return List.copyOf(trips);
    }
}
