package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.text.Shown;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the alarm notification CloudWatch publishes to SNS (PascalCase keys, dimensions as a
 * {@code [{name, value}]} list, the statistic in capitals, the region as a display name) and
 * writes it in EventBridge's shape for the rules.
 */
final class SnsAlarmMessages {

    private static final Map<String, String> STATISTICS = Map.of("SUM", "Sum", "AVERAGE", "Average", "MAXIMUM", "Maximum",
            "MINIMUM", "Minimum", "SAMPLE_COUNT", "SampleCount");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,64}(\\.[0-9]{1,64})?([eE][-+]?[0-9]{1,3})?");

    private SnsAlarmMessages() {
    }

    static AlarmEvent read(String where, JsonNode message) {
        JsonFields alarm = JsonFields.requireObject(message, where + ".Sns.Message");
        String name = alarm.requiredText("AlarmName");
        AlarmArn arn = AlarmArn.parse(alarm.text("AlarmArn"), alarm.at("AlarmArn"));
        String account = arn.sameAccount(alarm.requiredAccountId("AWSAccountId"), alarm.at("AWSAccountId"));
        String state = AlarmStates.state(alarm, "NewStateValue");
        String previous = alarm.text("OldStateValue") == null ? null : AlarmStates.state(alarm, "OldStateValue");
        Instant time = alarm.requiredTime("StateChangeTime");
        String alarmRule = alarm.text("AlarmRule");

        ObjectNode tree = AlarmDetails.envelope(arn, account, time);
        tree.put("id", AlarmStates.id(arn, time));
        ObjectNode detail = tree.putObject("detail");
        detail.put("alarmName", name);
        ObjectNode stateNode = detail.putObject("state").put("value", state);
        putIfPresent(stateNode, "reason", alarm.text("NewStateReason"));
        stateNode.put("timestamp", alarm.text("StateChangeTime"));
        if (previous != null) {
            detail.putObject("previousState").put("value", previous);
        }
        ObjectNode configuration = detail.putObject("configuration");
        putIfPresent(configuration, "description", alarm.text("AlarmDescription"));

        List<AlarmMetric> metrics = List.of();
        Double threshold = null;
        String comparison = null;
        if (alarmRule != null) {
            configuration.put("alarmRule", alarmRule);
        } else {
            JsonFields trigger = alarm.object("Trigger");
            if (!trigger.isPresent()) {
                throw new MalformedEventException(alarm.at("Trigger"), "is missing (a composite alarm has AlarmRule instead)");
            }
            metrics = metrics(trigger);
            configuration.set("metrics", canonical(metrics));
            String thresholdText = trigger.text("Threshold");
            threshold = thresholdText == null ? null : number(trigger, "Threshold", thresholdText);
            comparison = trigger.text("ComparisonOperator");
        }
        return new AlarmEvent(AlarmStates.id(arn, time), name, arn.arn(), account, arn.region(), state, previous,
                alarm.text("NewStateReason"), null, time, metrics, alarmRule, threshold, comparison, tree);
    }

    private static List<AlarmMetric> metrics(JsonFields trigger) {
        JsonNode queries = trigger.tree("Metrics");
        if (!queries.isArray() || queries.isEmpty()) {
            String statistic = trigger.text("ExtendedStatistic") != null ? trigger.text("ExtendedStatistic")
                    : statistic(trigger.text("Statistic"));
            return List.of(new AlarmMetric(null, trigger.requiredText("Namespace"), trigger.requiredText("MetricName"),
                    dimensions(trigger), statistic, AlarmDetails.integer(trigger, "Period"), null));
        }
        List<AlarmMetric> metrics = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            JsonFields query = JsonFields.requireObject(queries.get(i), trigger.at("Metrics") + "[" + i + "]");
            String expression = query.text("Expression");
            if (expression != null) {
                metrics.add(new AlarmMetric(query.text("Id"), null, null, Map.of(), null,
                        AlarmDetails.integer(query, "Period"), expression));
                continue;
            }
            JsonFields stat = query.object("MetricStat");
            JsonFields metric = stat.object("Metric");
            if (!metric.isPresent()) {
                throw new MalformedEventException(stat.at("Metric"), "is missing (a metric query has MetricStat or Expression)");
            }
            metrics.add(new AlarmMetric(query.text("Id"), metric.requiredText("Namespace"), metric.requiredText("MetricName"),
                    dimensions(metric), statistic(stat.text("Stat")), AlarmDetails.integer(stat, "Period"), null));
        }
        return metrics;
    }

    /** SNS writes dimensions as a list of {@code {name, value}}. */
    private static Map<String, String> dimensions(JsonFields owner) {
        JsonNode list = owner.tree("Dimensions");
        Map<String, String> values = new LinkedHashMap<>();
        if (list.isNull() || list.isMissingNode()) {
            return values;
        }
        if (!list.isArray()) {
            throw new MalformedEventException(owner.at("Dimensions"), "expected a list of {name, value}");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonFields dimension = JsonFields.requireObject(list.get(i), owner.at("Dimensions") + "[" + i + "]");
            values.put(dimension.requiredText("name"), dimension.requiredText("value"));
        }
        return values;
    }

    /** The metrics as EventBridge writes them, so one rule matches either delivery. */
    private static ArrayNode canonical(List<AlarmMetric> metrics) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (AlarmMetric metric : metrics) {
            ObjectNode query = list.addObject();
            putIfPresent(query, "id", metric.id());
            if (metric.expression() != null) {
                query.put("expression", metric.expression());
                continue;
            }
            ObjectNode stat = query.putObject("metricStat");
            ObjectNode described = stat.putObject("metric");
            described.put("namespace", metric.namespace());
            described.put("name", metric.name());
            ObjectNode dimensions = described.putObject("dimensions");
            metric.dimensions().forEach(dimensions::put);
            if (metric.period() != null) {
                stat.put("period", metric.period());
            }
            putIfPresent(stat, "stat", metric.statistic());
        }
        return list;
    }

    private static String statistic(String text) {
        return text == null ? null : STATISTICS.getOrDefault(text, text);
    }

    private static Double number(JsonFields fields, String name, String text) {
        // Decimal notation only: Double.valueOf also reads NaN, Infinity, hexadecimal and a trailing d or f.
        if (!DECIMAL.matcher(text).matches()) {
            throw new MalformedEventException(fields.at(name), "expected a number, found " + Shown.quoted(text));
        }
        return Double.valueOf(text);
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
