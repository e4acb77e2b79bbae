package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One CloudWatch alarm state change, whichever way it was delivered (the EventBridge "CloudWatch
 * Alarm State Change" event, an SNS-delivered alarm notification, or the Lambda alarm action).
 *
 * @param id stable across delivery paths (the alarm ARN and the state change's time), so the same
 *     state change delivered by EventBridge and by SNS is decided once
 * @param state the new state: ALARM, OK or INSUFFICIENT_DATA
 * @param previousState the state before, or null when the payload does not say
 * @param reasonData the alarm's reason data as delivered (JSON text), or null
 * @param metrics the metrics the alarm watches; empty for a composite alarm
 * @param alarmRule a composite alarm's rule expression, else null
 * @param threshold the alarm's threshold, or null (composite and anomaly-detection alarms)
 * @param comparison the comparison operator (GreaterThanThreshold, ...), or null
 * @param tree the alarm in the EventBridge "CloudWatch Alarm State Change" shape, whatever the
 *     delivery: the form alarm rules are matched against; read it, never change it
 */
public record AlarmEvent(
        String id,
        String alarmName,
        String alarmArn,
        String account,
        String region,
        String state,
        String previousState,
        String reason,
        String reasonData,
        Instant time,
        List<AlarmMetric> metrics,
        String alarmRule,
        Double threshold,
        String comparison,
        JsonNode tree) implements Trigger {

    public AlarmEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(alarmName, "alarmName");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(tree, "tree");
        metrics = List.copyOf(metrics);
    }

    /** An alarm has no caller: principal exemptions never apply to it. */
    @Override
    public Optional<UserIdentity> caller() {
        return Optional.empty();
    }

    /** The alarm's name and its new state. */
    @Override
    public String summary() {
        return "alarm \"" + alarmName + "\" " + state;
    }

    public boolean composite() {
        return alarmRule != null;
    }

    /** The first value of a dimension across the alarm's metrics ({@code FunctionName}, {@code InstanceId}, ...). */
    public Optional<String> dimension(String name) {
        return metrics.stream()
                .map(metric -> metric.dimensions().get(name))
                .filter(Objects::nonNull)
                .findFirst();
    }
}
