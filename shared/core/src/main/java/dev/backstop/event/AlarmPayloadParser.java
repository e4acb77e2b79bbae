package dev.backstop.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Reads a CloudWatch alarm payload, in any of the three shapes AWS delivers one in, into
 * {@link AlarmEvent}s: the EventBridge "CloudWatch Alarm State Change" event, the Lambda event of
 * an SNS subscription ({@code Records[].Sns.Message}, the alarm as JSON text with PascalCase keys;
 * one delivery may hold several records) and the Lambda alarm action ({@code alarmData}). Every
 * alarm carries the EventBridge shape as its {@link AlarmEvent#tree()}, so one rule matches an
 * alarm however it came.
 *
 * <pre>{@code
 * for (AlarmPayloadParser.Entry entry : parser.read(payload)) {
 *     if (entry.alarm() != null) { decide(entry.alarm()); }
 * }
 * }</pre>
 *
 * <p>A malformed alarm becomes an entry with a {@link MalformedEventException} naming the JSON
 * path as delivered ({@code Records[1].Sns.Message.Trigger.Dimensions[0].value}); the other
 * records of the delivery are still read.
 */
@Singleton
public final class AlarmPayloadParser implements TriggerReader {

    public static final String DETAIL_TYPE = "CloudWatch Alarm State Change";

    /**
     * One alarm of a payload: {@code alarm} when it could be read, else {@code error}.
     *
     * @param where empty for a payload of one alarm, {@code Records[1]} for an SNS delivery's second record
     * @param raw the JSON it was read from (the record, for an SNS delivery), to key a rejection by
     */
    public record Entry(String where, AlarmEvent alarm, MalformedEventException error, JsonNode raw) {

        public Entry {
            Objects.requireNonNull(where, "where");
            if ((alarm == null) == (error == null)) {
                throw new IllegalArgumentException("an entry is either an alarm or an error");
            }
        }
    }

    @Inject
    public AlarmPayloadParser() {
    }

    /** Every alarm in the payload, in delivery order, read within {@link JsonInput}'s limits. */
    public List<Entry> read(byte[] payload) {
        JsonNode root;
        try {
            root = JsonInput.read(payload);
        } catch (MalformedEventException e) {
            return List.of(rejected("", e, null));
        }
        return read(root);
    }

    @Override
    public Class<AlarmEvent> reads() {
        return AlarmEvent.class;
    }

    /**
     * Every alarm in the payload; a malformed one is keyed by the record it was read from (the
     * whole payload when it is no record of an SNS delivery).
     */
    @Override
    public List<Delivery> deliveries(byte[] payload) {
        return read(payload).stream()
                .map(entry -> entry.error() == null ? Delivery.of(entry.alarm()) : Delivery.rejected(
                        entry.raw() == null ? payload : entry.raw().toString().getBytes(StandardCharsets.UTF_8), entry.error()))
                .toList();
    }

    /** Every alarm in the payload, given as the JSON tree it was parsed into. */
    public List<Entry> read(JsonNode root) {
        try {
            JsonFields.requireObject(root, "");
        } catch (MalformedEventException e) {
            return List.of(rejected("", e, root));
        }
        if (root.has("Records")) {
            return snsRecords(root.get("Records"));
        }
        try {
            if (root.has("alarmData")) {
                return List.of(parsed("", AlarmDetails.fromAlarmAction(root), root));
            }
            if (root.has("detail-type")) {
                return List.of(parsed("", AlarmDetails.fromEventBridge(root), root));
            }
        } catch (MalformedEventException e) {
            return List.of(rejected("", e, root));
        }
        return List.of(rejected("", new MalformedEventException("$", "neither an EventBridge alarm event (detail-type),"
                + " an SNS delivery (Records) nor a Lambda alarm action (alarmData)"), root));
    }

    /** The one alarm of a payload; a delivery of several, or a malformed one, is an error. */
    public AlarmEvent parse(byte[] payload) {
        List<Entry> entries = read(payload);
        if (entries.size() != 1) {
            throw new MalformedEventException("Records", "holds " + entries.size() + " alarms, expected one");
        }
        Entry entry = entries.get(0);
        if (entry.error() != null) {
            throw entry.error();
        }
        return entry.alarm();
    }

    private List<Entry> snsRecords(JsonNode records) {
        if (!records.isArray() || records.isEmpty()) {
            return List.of(rejected("", new MalformedEventException("Records", "expected a non-empty list of SNS records"),
                    records));
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String where = "Records[" + i + "]";
            JsonNode record = records.get(i);
            try {
                entries.add(parsed(where, SnsAlarmMessages.read(where, message(record, where)), record));
            } catch (MalformedEventException e) {
                entries.add(rejected(where, e, record));
            }
        }
        return entries;
    }

    /** The record's {@code Sns.Message}: the alarm, as JSON inside a string. */
    private JsonNode message(JsonNode record, String where) {
        JsonFields sns = JsonFields.requireObject(record, where).object("Sns");
        if (!sns.isPresent()) {
            throw new MalformedEventException(where + ".Sns", "is missing");
        }
        String text = sns.requiredText("Message");
        JsonNode message;
        try {
            message = JsonInput.read(text);
        } catch (MalformedEventException e) {
            throw new MalformedEventException(sns.at("Message"), "not a CloudWatch alarm: " + e.problem());
        }
        if (!message.isObject()) {
            throw new MalformedEventException(sns.at("Message"), "expected a CloudWatch alarm as JSON text");
        }
        return message;
    }

    private static Entry parsed(String where, AlarmEvent alarm, JsonNode raw) {
        return new Entry(where, alarm, null, raw);
    }

    private static Entry rejected(String where, MalformedEventException error, JsonNode raw) {
        return new Entry(where, null, error, raw);
    }
}
