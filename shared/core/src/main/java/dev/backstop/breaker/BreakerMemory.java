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
 * of history by one thread. Nobody resets a breaker during a replay: a tripped one closes only
 * after its cool-down, as in a deployment.
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
    public Counted peek(BreakerScope scope, Duration window, Instant now) {
        Scope counts = scopes.get(scope);
        if (counts == null) {
            return new Counted(0, Optional.empty());
        }
        long count = counts.window == now.getEpochSecond() / window.toSeconds() ? counts.count : 0;
        return new Counted(count, Optional.ofNullable(counts.trip));
    }

    @Override
    public boolean closeAfterCoolDown(BreakerScope scope, Instant trippedAt, String by, Instant now) {
        Scope counts = scopes.get(scope);
        if (counts == null || counts.trip == null || !counts.trip.trippedAt().equals(trippedAt)) {
            return false;
        }
        counts.trip = null;
        counts.window = Long.MIN_VALUE;
        counts.count = 0;
        return true;
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
