package dev.backstop.action.cloudtrail;

import dev.backstop.audit.AuditTable;
import dev.backstop.config.Settings;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Backstop's own store of each trail's last good configuration, kept in the audit table beside
 * the decisions, as the S3 actions keep bucket policies.
 *
 * <p>Three kinds of item, all of {@code kind} {@value #KIND} or {@value #INDEX_KIND}: one per
 * snapshot, keyed {@code trail#<trailArn>#<takenAt>#<source>} and never changed, the history a
 * person reads; the trail's latest, keyed {@code trail#<trailArn>}, which a restore reads with
 * one GetItem and which only a later snapshot replaces; and per account and region the set of
 * trails with a snapshot ({@code trail-index#<account>#<region>}), from which the watchdog learns
 * of trails that were deleted (the table has only its hash key, so a prefix query would need a scan).
 */
public final class TrailSnapshots {

    static final String KIND = "trail-snapshot";
    static final String INDEX_KIND = "trail-index";
    static final String PREFIX = "trail#";

    /** A snapshot as recorded: the configuration, when it was taken, and by what (an event id, or Backstop's watchdog). */
    public record Snapshot(TrailConfig config, Instant takenAt, String source) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;

    @Inject
    TrailSnapshots(DynamoDbClient dynamoDb, Settings settings) {
        this.dynamoDb = dynamoDb;
        this.table = settings.auditTable();
    }

    public void record(TrailConfig config, Instant takenAt, String source) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("kind", s(KIND));
        item.put("trail", s(config.arn()));
        item.put("config", s(SnapshotJson.write(config)));
        item.put("takenAt", s(takenAt.toString()));
        item.put("takenAtMillis", AttributeValue.fromN(Long.toString(takenAt.toEpochMilli())));
        item.put("source", s(source));
        Map<String, AttributeValue> entry = new HashMap<>(item);
        entry.put(AuditTable.KEY, s(PREFIX + config.arn() + "#" + takenAt + "#" + source));
        dynamoDb.putItem(request -> request.tableName(table).item(entry));
        item.put(AuditTable.KEY, s(PREFIX + config.arn()));
        try {
            dynamoDb.putItem(request -> request.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#key) OR takenAtMillis <= :takenAt")
                    .expressionAttributeNames(Map.of("#key", AuditTable.KEY))
                    .expressionAttributeValues(Map.of(":takenAt", item.get("takenAtMillis"))));
        } catch (ConditionalCheckFailedException newerKnown) {
            // a later snapshot is already the latest; this one stays in the history only
        }
        String[] arn = config.arn().split(":", 6);
        dynamoDb.updateItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, s(indexKey(arn[4], arn[3]))))
                .updateExpression("SET #kind = :kind ADD #trails :trail")
                .expressionAttributeNames(Map.of("#kind", "kind", "#trails", "trails"))
                .expressionAttributeValues(Map.of(":kind", s(INDEX_KIND), ":trail", AttributeValue.fromSs(
                        List.of(config.arn())))));
    }

    public Optional<Snapshot> latest(String trailArn) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, s(PREFIX + trailArn))).consistentRead(true)).item();
        if (item == null || !item.containsKey("config")) {
            return Optional.empty();
        }
        return Optional.of(new Snapshot(SnapshotJson.read(item.get("config").s(), TrailConfig.class,
                "the snapshot of " + trailArn + " in table " + table), Instant.parse(item.get("takenAt").s()),
                item.get("source").s()));
    }

    /** The ARNs of every trail of the account and region that Backstop ever snapshotted. */
    public List<String> snapshotted(String account, String region) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, s(indexKey(account, region)))).consistentRead(true)).item();
        return item == null || !item.containsKey("trails") ? List.of() : item.get("trails").ss();
    }

    /**
     * Forgets the trail as one to keep: its latest snapshot and its place in the index go, so the
     * watchdog no longer recreates it; the history stays. For a deletion an operator meant.
     */
    public void retire(String trailArn) {
        dynamoDb.deleteItem(request -> request.tableName(table).key(Map.of(AuditTable.KEY, s(PREFIX + trailArn))));
        String[] arn = trailArn.split(":", 6);
        dynamoDb.updateItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, s(indexKey(arn[4], arn[3]))))
                .updateExpression("DELETE #trails :trail")
                .expressionAttributeNames(Map.of("#trails", "trails"))
                .expressionAttributeValues(Map.of(":trail", AttributeValue.fromSs(List.of(trailArn)))));
    }

    private static String indexKey(String account, String region) {
        return INDEX_KIND + "#" + account + "#" + region;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
