package dev.backstop.cli.backtest;

import java.util.function.LongSupplier;

/**
 * Spaces calls to an API with a low account-wide rate limit (LookupEvents allows two a second per
 * account and region, shared with everyone else's tools), so a long backtest leaves room for them;
 * the SDK's retries back off further on throttling.
 */
final class Pacer {

    /** Waits; the command's sleeper is {@link Thread#sleep}, a test's records the waits. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long interval;
    private final LongSupplier nanos;
    private final Sleeper sleeper;
    private long next = Long.MIN_VALUE;

    Pacer(double perSecond, LongSupplier nanos, Sleeper sleeper) {
        if (!(perSecond > 0) || perSecond > 100) {
            throw new IllegalArgumentException("a call rate must be more than 0 and at most 100 a second, was " + perSecond);
        }
        this.interval = (long) (1e9 / perSecond);
        this.nanos = nanos;
        this.sleeper = sleeper;
    }

    /** Returns when the next call may be made. */
    void await() {
        long now = nanos.getAsLong();
        if (next != Long.MIN_VALUE && now < next) {
            try {
                sleeper.sleep(next - now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing calls", e);
            }
            now = next;
        }
        next = now + interval;
    }
}
