package dev.backstop.cli.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Puts the decided events back in time order. Sources read files in the order their names'
 * times give, but a file holds minutes of events and trails in other regions and accounts deliver
 * their own: each event waits here until its source says its time is settled, then leaves in
 * time order, so the breakers count history as it happened. Only events some rule acted on wait,
 * so memory holds the decisions of the last stretch of time, not its events.
 *
 * <p>An event id seen again while its first copy is within reach (waiting, or left within the
 * lateness) is a redelivery, decided once as the handlers' claim on the event id decides it.
 */
final class TimeOrder {

    /** One event's decisions, one list per pack. */
    record Pending(Instant time, long sequence, String eventId, List<List<Decision>> decisions) {
    }

    private final Duration lateness;
    private final PriorityQueue<Pending> waiting = new PriorityQueue<>(
            Comparator.comparing(Pending::time).thenComparingLong(Pending::sequence));
    private final Set<String> seen = new HashSet<>();
    private final ArrayDeque<Pending> left = new ArrayDeque<>();
    private Instant settled = Instant.MIN;
    private long sequence;
    private long late;
    private long duplicates;

    TimeOrder(Duration lateness) {
        this.lateness = lateness;
    }

    /** Holds the event's decisions; false for a redelivery of an event already held or released. */
    boolean offer(Instant time, String eventId, List<List<Decision>> decisions) {
        if (!seen.add(eventId)) {
            duplicates++;
            return false;
        }
        if (time.isBefore(settled)) {
            late++;
        }
        waiting.add(new Pending(time, sequence++, eventId, decisions));
        return true;
    }

    /** Releases, in time order, every event older than {@code before}. */
    void settle(Instant before, Consumer<Pending> release) {
        while (!waiting.isEmpty() && waiting.peek().time().isBefore(before)) {
            release(release);
        }
        if (before.isAfter(settled)) {
            settled = before;
        }
        Instant forgotten = settled.minus(lateness);
        while (!left.isEmpty() && left.peekFirst().time().isBefore(forgotten)) {
            seen.remove(left.removeFirst().eventId());
        }
    }

    /** Releases everything still waiting, at the end of the source. */
    void drain(Consumer<Pending> release) {
        while (!waiting.isEmpty()) {
            release(release);
        }
    }

    /** Events that came after their time was settled, decided late (still counted, out of order). */
    long late() {
        return late;
    }

    long duplicates() {
        return duplicates;
    }

    int waiting() {
        return waiting.size();
    }

    private void release(Consumer<Pending> release) {
        Pending next = waiting.poll();
        left.addLast(next);
        release.accept(next);
    }
}
