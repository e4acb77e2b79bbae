package dev.backstop.audit;

import dev.backstop.config.Settings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Backstop's own history of a setting of a resource, as read back from AWS after each change
 * (a bucket's lifecycle configuration, a log group's retention), kept in the audit table beside
 * the decisions, so a later change can be answered with the setting the resource had before it.
 *
 * <p>Per resource, one item of {@code kind} {@code <kind>} per change, keyed
 * {@code <kind>#<resource>#<setAt>#<source>} and never changed, the history a person reads; and
 * one keyed {@code <kind>#<resource>} holding the latest two, which a restore reads with one
 * GetItem (the table has only its hash key, so "the newest items with this prefix" would need a
 * scan). A change recorded out of order takes the place it belongs in; the two-slot item is
 * written on the condition that it did not change since it was read, and read again if it did.
 *
 * <pre>{@code
 * history.record("log-retention", groupArn, "365", event.detail().eventTime(), event.eventId());
 * Optional<Recorded> before = history.before("log-retention", groupArn, cut.detail().eventTime(), cut.eventId());
 * }</pre>
 */
public final class StateHistory {

    /** A setting as recorded: its value, when it was set, and by what (a CloudTrail event id, or a Backstop action). */
    public record Recorded(String value, Instant setAt, String source) {
    }

    private static final int ATTEMPTS = 3;

    private final DynamoDbClient dynamoDb;
    private final String table;

    @Inject
    public StateHistory(DynamoDbClient dynamoDb, Settings settings) {
        this.dynamoDb = dynamoDb;
        this.table = settings.auditTable();
    }

    public void record(String kind, String resource, String value, Instant setAt, String source) {
        Recorded added = new Recorded(value, setAt, source);
        Map<String, AttributeValue> entry = new HashMap<>();
        entry.put(AuditTable.KEY, s(kind + "#" + resource + "#" + setAt + "#" + source));
        entry.put("kind", s(kind));
        entry.put("resource", s(resource));
        entry.put("value", s(value));
        entry.put("setAt", s(setAt.toString()));
        entry.put("source", s(source));
        dynamoDb.putItem(request -> request.tableName(table).item(entry));
        for (int attempt = 1; ; attempt++) {
            Map<String, AttributeValue> latest = latestItem(kind, resource);
            List<Recorded> kept = new ArrayList<>(slots(latest));
            if (kept.stream().anyMatch(known -> known.source().equals(source) && known.setAt().equals(setAt))) {
                return; // a redelivery of a change already kept
            }
            kept.add(added);
            kept.sort((a, b) -> b.setAt().compareTo(a.setAt()));
            List<Recorded> newest = kept.subList(0, Math.min(2, kept.size()));
            if (!newest.contains(added)) {
                return; // older than both kept: it stays in the history only
            }
            try {
                write(kind, resource, newest, latest);
                return;
            } catch (ConditionalCheckFailedException changed) {
                if (attempt == ATTEMPTS) {
                    throw changed;
                }
            }
        }
    }

    /** The latest two settings, newest first. */
    public List<Recorded> recent(String kind, String resource) {
        return slots(latestItem(kind, resource));
    }

    /**
     * The setting the resource had before a change: the newest recorded setting that was set
     * before it, and not by it.
     */
    public Optional<Recorded> before(String kind, String resource, Instant changedAt, String changeSource) {
        return recent(kind, resource).stream()
                .filter(known -> !known.source().equals(changeSource) && !known.setAt().isAfter(changedAt))
                .findFirst();
    }

    private void write(String kind, String resource, List<Recorded> newest, Map<String, AttributeValue> latest) {
        long version = latest == null ? 0 : Long.parseLong(latest.get("version").n());
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(AuditTable.KEY, s(kind + "#" + resource));
        item.put("kind", s(kind));
        item.put("resource", s(resource));
        item.put("version", AttributeValue.fromN(Long.toString(version + 1)));
        for (int slot = 0; slot < newest.size(); slot++) {
            Recorded recorded = newest.get(slot);
            item.put("value" + slot, s(recorded.value()));
            item.put("setAt" + slot, s(recorded.setAt().toString()));
            item.put("source" + slot, s(recorded.source()));
        }
        if (latest == null) {
            dynamoDb.putItem(request -> request.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#key)")
                    .expressionAttributeNames(Map.of("#key", AuditTable.KEY)));
        } else {
            dynamoDb.putItem(request -> request.tableName(table).item(item)
                    .conditionExpression("#version = :version")
                    .expressionAttributeNames(Map.of("#version", "version"))
                    .expressionAttributeValues(Map.of(":version", latest.get("version"))));
        }
    }

    private Map<String, AttributeValue> latestItem(String kind, String resource) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, s(kind + "#" + resource))).consistentRead(true)).item();
        return item == null || item.isEmpty() || !item.containsKey("version") ? null : item;
    }

    private static List<Recorded> slots(Map<String, AttributeValue> latest) {
        List<Recorded> slots = new ArrayList<>();
        for (int slot = 0; latest != null && latest.containsKey("value" + slot); slot++) {
            slots.add(new Recorded(latest.get("value" + slot).s(), Instant.parse(latest.get("setAt" + slot).s()),
                    latest.get("source" + slot).s()));
        }
        return slots;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
