package dev.backstop.canary;

import dev.backstop.audit.AuditTable;
import dev.backstop.config.Settings;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The canary's memory between runs, in the audit table (its own item per account and region,
 * {@code canary#ACCOUNT/REGION}, outside every chain), and its look into the audit chain of that
 * account and region for Backstop's decision on the change it made.
 */
final class CanaryLedger {

    /** The event the canary's change comes back as, through CloudTrail and EventBridge. */
    static final String EVENT_NAME = "DeleteBucketPublicAccessBlock";
    // How far back in the chain to look: the canary's change is among the newest records.
    private static final int NEWEST_RECORDS = 500;

    /** The change the canary made last, if any. */
    record Change(String bucket, Instant at, String runId) {
    }

    /** Backstop's decision on a change: its audit id, outcome and what it says. */
    record Decision(String auditId, String outcome, String reason) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;

    @Inject
    CanaryLedger(DynamoDbClient dynamoDb, Settings settings) {
        this.dynamoDb = dynamoDb;
        this.table = settings.auditTable();
    }

    Optional<Change> lastChange(String chain) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(key(chain)).consistentRead(true)).item();
        if (item == null || item.isEmpty() || !item.containsKey("changedAt")) {
            return Optional.empty();
        }
        return Optional.of(new Change(item.get("bucket").s(), Instant.parse(item.get("changedAt").s()),
                item.get("runId").s()));
    }

    void recordChange(String chain, Change change) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(chain));
        item.put("bucket", AttributeValue.fromS(change.bucket()));
        item.put("changedAt", AttributeValue.fromS(change.at().toString()));
        item.put("runId", AttributeValue.fromS(change.runId()));
        dynamoDb.putItem(request -> request.tableName(table).item(item));
    }

    void forget(String chain) {
        dynamoDb.deleteItem(request -> request.tableName(table).key(key(chain)));
    }

    /** Backstop's audited decision on the change: the newest record of the chain about the bucket's block, decided since. */
    Optional<Decision> decisionOn(String chain, Change change) {
        String bucketArn = "arn:aws:s3:::" + change.bucket();
        var pages = dynamoDb.queryPaginator(request -> request.tableName(table).indexName(AuditTable.CHAIN_INDEX)
                .keyConditionExpression("#chain = :chain")
                .filterExpression("#event = :event AND contains(#resources, :bucket) AND #decided >= :since")
                .expressionAttributeNames(Map.of("#chain", AuditTable.CHAIN, "#event", "eventName",
                        "#resources", "resources", "#decided", "decidedAt"))
                .expressionAttributeValues(Map.of(":chain", AttributeValue.fromS(chain),
                        ":event", AttributeValue.fromS(EVENT_NAME), ":bucket", AttributeValue.fromS(bucketArn),
                        ":since", AttributeValue.fromS(change.at().toString())))
                .scanIndexForward(false).limit(100));
        return pages.stream().limit(NEWEST_RECORDS / 100).flatMap(page -> page.items().stream()).findFirst()
                .map(item -> new Decision(item.get(AuditTable.KEY).s(), item.get("outcome").s(), item.get("reason").s()));
    }

    private static Map<String, AttributeValue> key(String chain) {
        return Map.of(AuditTable.KEY, AttributeValue.fromS("canary#" + chain));
    }
}
