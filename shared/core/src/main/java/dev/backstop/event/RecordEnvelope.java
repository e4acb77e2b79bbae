package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.text.Shown;
import java.util.Map;

/**
 * Wraps a bare CloudTrail record (a log file's entry) in the envelope EventBridge would deliver it
 * in, so rules match it as they would in Lambda; errors name the record's own fields.
 */
final class RecordEnvelope {

    /** The record field each envelope field of a wrapped record is made from. */
    private static final Map<String, String> ENVELOPE_ORIGINS = Map.of("id", "eventID", "source", "eventSource",
            "account", "recipientAccountId", "time", "eventTime", "region", "awsRegion");

    private static final String AWS_SUFFIX = ".amazonaws.com";

    private final CloudTrailEventParser parser;

    RecordEnvelope(CloudTrailEventParser parser) {
        this.parser = parser;
    }

    /** The record as an event, or the reason it is not one, located at {@code where} ({@code Records[3]}). */
    EventFiles.Entry wrap(JsonNode record, String where) {
        if (!record.isObject()) {
            return rejected(where, null, new MalformedEventException(where.isEmpty() ? "$" : where,
                    "expected a CloudTrail record (an object), found " + kind(record)));
        }
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("version", "0");
        copy(record, "eventID", envelope, "id");
        envelope.put("detail-type", CloudTrailEventParser.DETAIL_TYPE);
        JsonNode eventSource = record.get("eventSource");
        if (eventSource != null && eventSource.isTextual()) {
            String service = eventSource.asText();
            envelope.put("source", "aws." + (service.endsWith(AWS_SUFFIX)
                    ? service.substring(0, service.length() - AWS_SUFFIX.length()) : service));
        }
        boolean fromCaller = !copy(record, "recipientAccountId", envelope, "account")
                && copy(record.path("userIdentity"), "accountId", envelope, "account");
        copy(record, "eventTime", envelope, "time");
        copy(record, "awsRegion", envelope, "region");
        envelope.putArray("resources");
        envelope.set("detail", record);
        try {
            CloudTrailEvent event = parser.parse(envelope);
            return new EventFiles.Entry(where, event.eventId(), event.detail().eventName(), event, null);
        } catch (MalformedEventException e) {
            String field = e.field().equals("account") && fromCaller ? "userIdentity.accountId"
                    : e.field().startsWith("detail.") ? e.field().substring("detail.".length())
                    : ENVELOPE_ORIGINS.getOrDefault(e.field(), e.field());
            String problem = e.problem();
            String path = where.isEmpty() ? field : field.equals("$") ? where : where + "." + field;
            return rejected(where, record, new MalformedEventException(path, problem));
        }
    }

    /** What the rejected event's CloudTrail record says about itself, if it says anything. */
    static EventFiles.Entry rejected(String where, JsonNode record, MalformedEventException error) {
        return new EventFiles.Entry(where, text(record, "eventID"), text(record, "eventName"), null, error);
    }

    static String kind(JsonNode node) {
        return JsonFields.kind(node);
    }

    private static boolean copy(JsonNode from, String name, ObjectNode to, String as) {
        JsonNode value = from.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        to.set(as, value);
        return true;
    }

    /** A field of a refused record as a message may show it: the record's fields were never checked, so it is cut short. */
    private static String text(JsonNode record, String name) {
        JsonNode value = record == null ? null : record.get(name);
        return value != null && value.isTextual() ? Shown.truncated(value.asText()) : null;
    }
}
