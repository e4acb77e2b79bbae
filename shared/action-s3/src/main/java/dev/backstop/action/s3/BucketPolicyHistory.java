package dev.backstop.action.s3;

import dev.backstop.audit.AuditTable;
import dev.backstop.config.Settings;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Backstop's own history of bucket policies, kept in the audit table beside the decisions:
 * every policy a PutBucketPolicy call set, and every policy Backstop wrote itself.
 *
 * <p>Two kinds of item, both of {@code kind} {@value #KIND}: one per policy seen, keyed
 * {@code policy#<bucketArn>#<setAt>#<source>} and never changed, the history a person reads; and
 * the bucket's latest, keyed {@code policy#<bucketArn>}, which a restore reads with one GetItem
 * (the table has only its hash key, so "the newest item with this prefix" would need a scan). The
 * latest is replaced only by a policy set later, so events delivered out of order, or Backstop's
 * own call coming back through CloudTrail after its write, never roll it back.
 */
final class BucketPolicyHistory {

    static final String KIND = "bucket-policy";
    static final String PREFIX = "policy#";

    /** A policy as recorded: when it was set, and by what (a CloudTrail event id, or Backstop's action). */
    record RecordedPolicy(String policy, Instant setAt, String source) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;

    @Inject
    BucketPolicyHistory(DynamoDbClient dynamoDb, Settings settings) {
        this.dynamoDb = dynamoDb;
        this.table = settings.auditTable();
    }

    void record(String bucketArn, String policy, Instant setAt, String source) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("kind", s(KIND));
        item.put("bucket", s(bucketArn));
        item.put("policy", s(policy));
        item.put("setAt", s(setAt.toString()));
        item.put("setAtMillis", AttributeValue.fromN(Long.toString(setAt.toEpochMilli())));
        item.put("source", s(source));
        Map<String, AttributeValue> entry = new HashMap<>(item);
        entry.put(AuditTable.KEY, s(PREFIX + bucketArn + "#" + setAt + "#" + source));
        dynamoDb.putItem(request -> request.tableName(table).item(entry));
        item.put(AuditTable.KEY, s(latestKey(bucketArn)));
        try {
            dynamoDb.putItem(request -> request.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#key) OR setAtMillis <= :setAt")
                    .expressionAttributeNames(Map.of("#key", AuditTable.KEY))
                    .expressionAttributeValues(Map.of(":setAt", item.get("setAtMillis"))));
        } catch (ConditionalCheckFailedException newerKnown) {
            // a policy set later is already the latest; this one stays in the history only
        }
    }

    Optional<RecordedPolicy> latest(String bucketArn) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, s(latestKey(bucketArn)))).consistentRead(true)).item();
        if (item == null || item.isEmpty() || !item.containsKey("policy")) {
            return Optional.empty();
        }
        return Optional.of(new RecordedPolicy(item.get("policy").s(), Instant.parse(item.get("setAt").s()),
                item.get("source").s()));
    }

    static String latestKey(String bucketArn) {
        return PREFIX + bucketArn;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
