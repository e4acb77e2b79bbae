package dev.backstop.breaker;

import java.time.Instant;
import java.util.Objects;

/**
 * A breaker as its item in the audit table shows it.
 *
 * @param trippedAt when it tripped, null while it is closed
 * @param cause why it tripped, in words, null while it is closed
 * @param resetAt when an operator last reset it, or null
 * @param resetBy who reset it, or null
 */
public record BreakerState(BreakerScope scope, Instant trippedAt, String cause, Instant resetAt, String resetBy) {

    public BreakerState {
        Objects.requireNonNull(scope, "scope");
    }

    public boolean tripped() {
        return trippedAt != null;
    }
}
