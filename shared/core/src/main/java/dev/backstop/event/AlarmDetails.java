package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.text.Shown;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the two shapes that carry an alarm in EventBridge's form: the "CloudWatch Alarm State
 * Change" event ({@code detail}) and the Lambda alarm action ({@code alarmData}, the same object
 * under another name, in an envelope of its own).
 */
final class AlarmDetails {

    // At most nine digits, so it fits an int: no alarm period is longer than a day.
    private static final Pattern WHOLE_SECONDS = Pattern.compile("[0-9]{1,9}(\\.0+)?");

    private AlarmDetails() {
    }

    static AlarmEvent fromEventBridge(JsonNode root) {
        JsonFields envelope = JsonFields.requireObject(root, "");
        DottedKeys.refuse(root, "", false);
        String detailType = envelope.requiredText("detail-type");
        if (!AlarmPayloadParser.DETAIL_TYPE.equals(detailType)) {
            throw new MalformedEventException("detail-type", "expected \"" + AlarmPayloadParser.DETAIL_TYPE
                    + "\", found " + Shown.quoted(detailType));
        }
        requireCloudWatch(envelope);
        String account = envelope.requiredAccountId("account");
        JsonNode resources = root.get("resources");
        if (resources == null || !resources.isArray() || resources.isEmpty()) {
            throw new MalformedEventException("resources", "expected the alarm's ARN in a list");
        }
        AlarmArn arn = AlarmArn.parse(resources.get(0).isTextual() ? resources.get(0).asText() : null, "resources[0]");
        String alarmAccount = arn.sameAccount(account, "account");
        JsonFields detail = JsonFields.requireObject(root.get("detail"), "detail");
        DottedKeys.refuse(root.get("detail"), "detail", false);
        return read(Envelopes.canonical(root, alarmAccount, root.get("detail")), detail, arn, alarmAccount);
    }

    /** The Lambda alarm action: its {@code alarmData} is put in the envelope EventBridge would give it. */
    static AlarmEvent fromAlarmAction(JsonNode root) {
        JsonFields payload = JsonFields.requireObject(root, "");
        requireCloudWatch(payload);
        AlarmArn arn = AlarmArn.parse(payload.text("alarmArn"), "alarmArn");
        String account = arn.sameAccount(payload.requiredAccountId("accountId"), "accountId");
        Instant time = payload.requiredTime("time");
        JsonFields alarmData = JsonFields.requireObject(root.get("alarmData"), "alarmData");
        ObjectNode tree = envelope(arn, account, time);
        DottedKeys.refuse(root.get("alarmData"), "alarmData", false);
        tree.set("detail", root.get("alarmData"));
        return read(tree, alarmData, arn, account);
    }

    /** The EventBridge envelope of an alarm delivered some other way; its id is the alarm event's. */
    static ObjectNode envelope(AlarmArn arn, String account, Instant time) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("version", "0");
        tree.put("detail-type", AlarmPayloadParser.DETAIL_TYPE);
        tree.put("source", "aws.cloudwatch");
        tree.put("account", account);
        tree.put("time", time.toString());
        tree.put("region", arn.region());
        tree.putArray("resources").add(arn.arn());
        return tree;
    }

    private static void requireCloudWatch(JsonFields envelope) {
        String source = envelope.requiredText("source");
        if (!"aws.cloudwatch".equals(source)) {
            throw new MalformedEventException(envelope.at("source"), "expected \"aws.cloudwatch\", found " + Shown.quoted(source));
        }
    }

    private static AlarmEvent read(JsonNode tree, JsonFields detail, AlarmArn arn, String account) {
        String name = detail.requiredText("alarmName");
        JsonFields state = detail.object("state");
        if (!state.isPresent()) {
            throw new MalformedEventException(detail.at("state"), "is missing");
        }
        String value = AlarmStates.state(state, "value");
        Instant time = state.requiredTime("timestamp");
        String reasonData = state.text("reasonData");
        Double threshold = AlarmStates.thresholdInReasonData(reasonData, state.at("reasonData"));
        JsonFields previous = detail.object("previousState");
        String previousValue = previous.isPresent() ? AlarmStates.state(previous, "value") : null;
        JsonFields configuration = detail.object("configuration");
        if (!configuration.isPresent()) {
            throw new MalformedEventException(detail.at("configuration"), "is missing");
        }
        String alarmRule = configuration.text("alarmRule");
        List<AlarmMetric> metrics = alarmRule != null ? List.of() : metrics(configuration);
        if (tree instanceof ObjectNode canonical && !canonical.has("id")) {
            canonical.put("id", AlarmStates.id(arn, time));
        }
        return new AlarmEvent(AlarmStates.id(arn, time), name, arn.arn(), account, arn.region(), value, previousValue,
                state.text("reason"), reasonData, time, metrics, alarmRule, threshold, null, tree);
    }

    private static List<AlarmMetric> metrics(JsonFields configuration) {
        JsonNode list = configuration.tree("metrics");
        String path = configuration.at("metrics");
        if (!list.isArray() || list.isEmpty()) {
            throw new MalformedEventException(path, "expected the alarm's metrics (or an alarmRule for a composite alarm)");
        }
        List<AlarmMetric> metrics = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            metrics.add(metric(JsonFields.requireObject(list.get(i), path + "[" + i + "]")));
        }
        return metrics;
    }

    private static AlarmMetric metric(JsonFields query) {
        String expression = query.text("expression");
        JsonFields stat = query.object("metricStat");
        if (expression != null) {
            return new AlarmMetric(query.text("id"), null, null, Map.of(), null, integer(query, "period"), expression);
        }
        if (!stat.isPresent()) {
            throw new MalformedEventException(query.at("metricStat"), "is missing (a metric query has metricStat or expression)");
        }
        JsonFields metric = stat.object("metric");
        if (!metric.isPresent()) {
            throw new MalformedEventException(stat.at("metric"), "is missing");
        }
        return new AlarmMetric(query.text("id"), metric.requiredText("namespace"), metric.requiredText("name"),
                dimensions(metric.object("dimensions")), stat.text("stat"), integer(stat, "period"), null);
    }

    /** EventBridge writes dimensions as a map of name to value. */
    private static Map<String, String> dimensions(JsonFields dimensions) {
        return dimensions.texts();
    }

    static Integer integer(JsonFields fields, String name) {
        String text = fields.text(name);
        if (text == null) {
            return null;
        }
        // ASCII digits only, and a whole number even when written 60.0: Integer.valueOf reads other scripts' digits too.
        if (!WHOLE_SECONDS.matcher(text).matches()) {
            throw new MalformedEventException(fields.at(name), "expected a whole number of seconds, found " + Shown.quoted(text));
        }
        return Integer.valueOf(text.substring(0, text.contains(".") ? text.indexOf('.') : text.length()));
    }
}
