package dev.backstop.correlate;

import dev.backstop.audit.RecentChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The changes CloudTrail recorded to an alarm's resources before it, newest first.
 *
 * @param resources what was looked up
 * @param note why the changes may be incomplete or could not be looked up at all, else null
 */
public record Correlated(List<String> resources, List<RecentChange> changes, String note) {

    public Correlated {
        resources = List.copyOf(resources);
        changes = List.copyOf(changes);
    }

    /** The changes of the {@code window} before {@code alarmTime}. */
    public List<RecentChange> within(Duration window, Instant alarmTime) {
        Instant from = alarmTime.minus(window);
        return changes.stream().filter(change -> !change.time().isBefore(from) && !change.time().isAfter(alarmTime)).toList();
    }

    /** The changes of the window that are one of the named API calls, made by anyone but Backstop's own or protected principals. */
    public List<RecentChange> requiredWithin(Duration window, Instant alarmTime, List<String> eventNames) {
        Objects.requireNonNull(eventNames, "eventNames");
        return within(window, alarmTime).stream().filter(change -> !change.byOwnPrincipal() && eventNames.contains(change.eventName())).toList();
    }
}
