package dev.backstop.breaker;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Where the breakers count: the audit table in a deployment, memory in a replay of history. */
interface BreakerCounts {

    /** What one count found: the count in the current window, and the trip if the breaker is open. */
    record Counted(long count, Optional<BreakerState> tripped) {
    }

    /** Counts one more action in the scope's current fixed window ({@code now} divided by the window). */
    Counted count(BreakerScope scope, Duration window, Instant now);

    /** What {@link #count} would find, without counting. */
    Counted peek(BreakerScope scope, Duration window, Instant now);

    /** Opens the breaker; false when it was open already. */
    boolean trip(BreakerScope scope, String cause, Instant now);

    /**
     * Closes the breaker after its cool-down, if it is still the trip that was counted (not one
     * tripped anew meanwhile), and starts its counts afresh; false when another closed it first.
     */
    boolean closeAfterCoolDown(BreakerScope scope, Instant trippedAt, String by, Instant now);
}
