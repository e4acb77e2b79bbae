package dev.backstop.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.config.Mode;
import dev.backstop.rules.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An audit record, its actions and its alarm as JSON trees, written and read field by field.
 *
 * <p>Typed by hand rather than by databind's bean introspection, which costs a cold start about a
 * hundred classes and the Java-time module: the shape is the one the mapper gave the records
 * (component order, {@code null} written, {@link Mode} and {@link Severity} by their labels,
 * instants as ISO-8601 text, an action's {@code tags}, {@code modeReason} and {@code declared}
 * left out when empty), so audit items and notifications written before read as they always did.
 * A component added to {@link AuditRecord}, {@link ActionResult}, {@link AlarmContext} or
 * {@link RecentChange} must be added here; {@code AuditJsonTest} compares the two writers.
 *
 * <pre>{@code
 * String stored = AuditJson.actions(record.actions()).toString();
 * List<ActionResult> actions = AuditJson.readActions(JSON.readTree(stored), "audit record " + id);
 * }</pre>
 */
public final class AuditJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AuditJson() {
    }

    /** The whole record, as the notification carries it. */
    public static ObjectNode record(AuditRecord record) {
        ObjectNode node = NODES.objectNode()
                .put("auditId", record.auditId())
                .put("eventId", record.eventId())
                .put("eventName", record.eventName())
                .put("eventSource", record.eventSource())
                .put("account", record.account())
                .put("region", record.region())
                .put("eventTime", text(record.eventTime()))
                .put("decidedAt", text(record.decidedAt()))
                .put("principal", record.principal())
                .put("principalType", record.principalType())
                .put("sourceIp", record.sourceIp())
                .put("outcome", record.outcome().name())
                .put("reason", record.reason());
        node.set("actions", actions(record.actions()));
        node.set("alarm", record.alarm() == null ? NODES.nullNode() : alarm(record.alarm()));
        return node;
    }

    /** The actions, as the audit item's {@code actions} attribute keeps them. */
    public static ArrayNode actions(List<ActionResult> actions) {
        ArrayNode list = NODES.arrayNode(actions.size());
        actions.forEach(action -> list.add(action(action)));
        return list;
    }

    /** One action, as the step log keeps it. */
    public static ObjectNode action(ActionResult action) {
        ObjectNode node = NODES.objectNode()
                .put("rule", action.rule())
                .put("severity", action.severity() == null ? null : action.severity().label())
                .put("action", action.action())
                .put("mode", action.mode() == null ? null : action.mode().label())
                .put("resource", action.resource())
                .put("outcome", action.outcome().name());
        node.set("before", strings(action.before()));
        node.set("after", strings(action.after()));
        node.set("undo", action.undo());
        node.put("detail", action.detail());
        if (!action.tags().isEmpty()) {
            node.set("tags", strings(action.tags()));
        }
        if (!action.modeReason().isEmpty()) {
            node.put("modeReason", action.modeReason());
        }
        if (!action.declared().isEmpty()) {
            node.put("declared", action.declared());
        }
        return node;
    }

    static ObjectNode alarm(AlarmContext alarm) {
        ObjectNode node = NODES.objectNode()
                .put("alarmName", alarm.alarmName())
                .put("alarmArn", alarm.alarmArn())
                .put("state", alarm.state())
                .put("previousState", alarm.previousState())
                .put("reason", alarm.reason());
        ArrayNode resources = node.putArray("resources");
        alarm.resources().forEach(resources::add);
        ArrayNode changes = node.putArray("changes");
        for (RecentChange change : alarm.changes()) {
            changes.addObject()
                    .put("eventId", change.eventId())
                    .put("eventName", change.eventName())
                    .put("eventSource", change.eventSource())
                    .put("time", text(change.time()))
                    .put("principal", change.principal())
                    .put("resource", change.resource())
                    .put("byOwnPrincipal", change.byOwnPrincipal());
        }
        return node.put("correlation", alarm.correlation());
    }

    /** The actions {@link #actions} wrote; {@code where} names the record in an error. */
    public static List<ActionResult> readActions(JsonNode actions, String where) {
        if (!actions.isArray()) {
            throw new IllegalArgumentException(where + ": its actions are not a JSON array");
        }
        List<ActionResult> read = new ArrayList<>(actions.size());
        for (JsonNode action : actions) {
            read.add(readAction(action, where));
        }
        return read;
    }

    /**
     * An action {@link #action} wrote. Fields this Backstop does not know are passed over, so a
     * newer record still reads; a missing map is empty, as in records written before it was kept.
     */
    public static ActionResult readAction(JsonNode action, String where) {
        if (!action.isObject()) {
            throw new IllegalArgumentException(where + ": an action is not a JSON object");
        }
        String rule = required(action, "rule", where);
        String what = where + ", rule " + rule;
        JsonNode undo = action.get("undo");
        return new ActionResult(rule,
                label(Severity.values(), Severity::label, optional(action, "severity", what), "severity", what),
                required(action, "action", what),
                label(Mode.values(), Mode::label, optional(action, "mode", what), "mode", what),
                optional(action, "resource", what),
                label(Outcome.values(), Outcome::name, required(action, "outcome", what), "outcome", what),
                readStrings(action, "before", what),
                readStrings(action, "after", what),
                undo == null || undo.isNull() ? null : undo,
                optional(action, "detail", what),
                readStrings(action, "tags", what),
                optional(action, "modeReason", what),
                optional(action, "declared", what));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static ObjectNode strings(Map<String, String> values) {
        ObjectNode node = NODES.objectNode();
        values.forEach(node::put);
        return node;
    }

    private static String required(JsonNode node, String field, String where) {
        String value = optional(node, field, where);
        if (value == null) {
            throw new IllegalArgumentException(where + ": an action has no " + field);
        }
        return value;
    }

    private static String optional(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where + ": the action's " + field + " is not text but " + value);
        }
        return value.textValue();
    }

    private static Map<String, String> readStrings(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException(where + ": the action's " + field + " is not a JSON object");
        }
        Map<String, String> strings = new LinkedHashMap<>();
        value.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                throw new IllegalArgumentException(where + ": the action's " + field + "." + entry.getKey()
                        + " is not text but " + entry.getValue());
            }
            strings.put(entry.getKey(), entry.getValue().asText());
        });
        return strings;
    }

    private static <E extends Enum<E>> E label(E[] values, Function<E, String> label, String text,
            String field, String where) {
        if (text == null) {
            return null;
        }
        for (E value : values) {
            if (label.apply(value).equals(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException(where + ": the action's " + field + " '" + text + "' is none this Backstop knows");
    }
}
