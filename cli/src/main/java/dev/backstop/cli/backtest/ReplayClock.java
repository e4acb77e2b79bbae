package dev.backstop.cli.backtest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The time of the event being replayed, which the breakers count by as if it were now. */
final class ReplayClock extends Clock {

    private Instant now = Instant.EPOCH;

    void set(Instant time) {
        now = time;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a replay runs in UTC");
    }
}
