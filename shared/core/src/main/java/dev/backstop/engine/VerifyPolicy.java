package dev.backstop.engine;

import java.time.Duration;

/**
 * How patiently an action's read-back waits for the change to show, since some AWS APIs are
 * eventually consistent.
 */
public record VerifyPolicy(int attempts, Duration delay) {

    public VerifyPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
    }
}
