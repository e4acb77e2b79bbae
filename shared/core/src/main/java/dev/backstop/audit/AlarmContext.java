package dev.backstop.audit;

import java.util.List;
import java.util.Objects;

/**
 * What an audit record of an alarm decision says about the alarm, and the changes CloudTrail
 * recorded to its resources before it.
 *
 * @param resources the resources the changes were looked up for (function names, instance ids)
 * @param correlation how the lookup went when it did not simply work: why nothing could be looked
 *     up, or that the lookup failed; null when it ran
 */
public record AlarmContext(String alarmName, String alarmArn, String state, String previousState, String reason,
        List<String> resources, List<RecentChange> changes, String correlation) {

    public AlarmContext {
        Objects.requireNonNull(alarmName, "alarmName");
        Objects.requireNonNull(state, "state");
        resources = List.copyOf(resources);
        changes = List.copyOf(changes);
    }
}
