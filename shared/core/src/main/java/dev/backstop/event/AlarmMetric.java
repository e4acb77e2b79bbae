package dev.backstop.event;

import java.util.Map;
import java.util.Objects;

/**
 * One metric an alarm watches.
 *
 * @param id the metric query's id in a metric-math alarm, else null
 * @param statistic the statistic or extended statistic (Average, p99, ...), or null for an expression
 * @param period the period in seconds, or null
 * @param expression a metric-math expression, else null (then namespace and name are null)
 */
public record AlarmMetric(
        String id,
        String namespace,
        String name,
        Map<String, String> dimensions,
        String statistic,
        Integer period,
        String expression) {

    public AlarmMetric {
        dimensions = Map.copyOf(Objects.requireNonNull(dimensions, "dimensions"));
    }
}
