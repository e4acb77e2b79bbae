package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.inject.Inject;

/**
 * The CloudTrail events in a file, in any of the shapes people have them in: an EventBridge event
 * (what the handler receives), a bare CloudTrail record, or a CloudTrail log file
 * ({@code {"Records": [...]}}, as a trail writes it to S3), gzipped or not. A bare record is
 * wrapped in the envelope EventBridge would deliver it in, so rules match it as they would in Lambda.
 *
 * <pre>{@code
 * for (EventFiles.Entry entry : eventFiles.read(Files.readAllBytes(path))) {
 *     if (entry.error() == null) { book.match(entry.event()); }
 * }
 * }</pre>
 *
 * <p>Each event is read on its own: a malformed one becomes an entry with the reason (naming the
 * field as it is written in the file, {@code Records[3].eventTime}) and the others are still read.
 */
public final class EventFiles {

    /**
     * One event of a file: {@code event} when it could be read, else {@code error}.
     *
     * @param where empty for a file of one event, {@code Records[3]} for a log file's fourth record
     * @param eventId the CloudTrail event id, when the file has one (even for a rejected event)
     * @param eventName the API call, when the file has one
     */
    public record Entry(String where, String eventId, String eventName, CloudTrailEvent event,
            MalformedEventException error) {

        public Entry {
            Objects.requireNonNull(where, "where");
            if ((event == null) == (error == null)) {
                throw new IllegalArgumentException("an entry is either an event or an error");
            }
        }
    }

    private static final String CLOUDTRAIL_DETAIL_TYPE = CloudTrailEventParser.DETAIL_TYPE;

    /** The record field each envelope field of a wrapped record is made from. */
    private static final Map<String, String> ENVELOPE_ORIGINS = Map.of("id", "eventID", "source", "eventSource",
            "account", "recipientAccountId", "time", "eventTime", "region", "awsRegion");

    private final CloudTrailEventParser parser;

    @Inject
    public EventFiles(CloudTrailEventParser parser) {
        this.parser = parser;
    }

    /**
     * Every event in the file's bytes, in file order. The file is read within {@link JsonInput}'s
     * limits: a file of one event as an event is, a log file up to {@link JsonInput#MAX_FILE_BYTES}
     * decompressed.
     */
    public List<Entry> read(byte[] content) {
        JsonNode root;
        try {
            root = JsonInput.readFile(LogFiles.isGzip(content) ? LogFiles.gunzip(content, JsonInput.MAX_FILE_BYTES) : content);
        } catch (MalformedEventException e) {
            return List.of(rejected("", null, e));
        }
        if (root.isObject() && root.has("Records")) {
            return logFile(root.get("Records"));
        }
        if (root.isObject() && (root.has("detail-type") || root.has("detail"))) {
            return List.of(envelope(root));
        }
        if (root.isObject() && (root.has("eventSource") || root.has("eventID"))) {
            return List.of(record(root, ""));
        }
        return List.of(rejected("", root, new MalformedEventException("$", "neither an EventBridge event (detail-type),"
                + " a CloudTrail record (eventSource) nor a CloudTrail log file (Records)")));
    }

    private List<Entry> logFile(JsonNode records) {
        if (!records.isArray()) {
            return List.of(rejected("", null, new MalformedEventException("Records",
                    "expected a list of CloudTrail records, found " + JsonFields.kind(records))));
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            entries.add(record(records.get(i), "Records[" + i + "]"));
        }
        return entries;
    }

    private Entry envelope(JsonNode root) {
        try {
            return parsed("", parser.parse(root));
        } catch (MalformedEventException e) {
            return rejected("", root.path("detail"), e);
        }
    }

    /** A bare record, in the envelope EventBridge would give it; errors name the record's own fields. */
    private Entry record(JsonNode record, String where) {
        if (!record.isObject()) {
            return rejected(where, null, new MalformedEventException(where.isEmpty() ? "$" : where,
                    "expected a CloudTrail record (an object), found " + JsonFields.kind(record)));
        }
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("version", "0");
        copy(record, "eventID", envelope, "id");
        envelope.put("detail-type", CLOUDTRAIL_DETAIL_TYPE);
        JsonNode eventSource = record.get("eventSource");
        if (eventSource != null && eventSource.isTextual()) {
            envelope.put("source", "aws." + eventSource.asText().replaceFirst("\\.amazonaws\\.com$", ""));
        }
        boolean fromCaller = !copy(record, "recipientAccountId", envelope, "account")
                && copy(record.path("userIdentity"), "accountId", envelope, "account");
        copy(record, "eventTime", envelope, "time");
        copy(record, "awsRegion", envelope, "region");
        envelope.putArray("resources");
        envelope.set("detail", record);
        try {
            return parsed(where, parser.parse(envelope));
        } catch (MalformedEventException e) {
            String field = e.field().equals("account") && fromCaller ? "userIdentity.accountId"
                    : e.field().startsWith("detail.") ? e.field().substring("detail.".length())
                    : ENVELOPE_ORIGINS.getOrDefault(e.field(), e.field());
            String problem = e.problem();
            String path = where.isEmpty() ? field : field.equals("$") ? where : where + "." + field;
            return rejected(where, record, new MalformedEventException(path, problem));
        }
    }

    private static boolean copy(JsonNode from, String name, ObjectNode to, String as) {
        JsonNode value = from.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        to.set(as, value);
        return true;
    }

    private static Entry parsed(String where, CloudTrailEvent event) {
        return new Entry(where, event.eventId(), event.detail().eventName(), event, null);
    }

    /** What the rejected event's CloudTrail record says about itself, if it says anything. */
    private static Entry rejected(String where, JsonNode record, MalformedEventException error) {
        return new Entry(where, text(record, "eventID"), text(record, "eventName"), null, error);
    }

    private static String text(JsonNode record, String name) {
        JsonNode value = record == null ? null : record.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
