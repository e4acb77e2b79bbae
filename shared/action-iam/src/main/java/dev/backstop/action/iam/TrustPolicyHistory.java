package dev.backstop.action.iam;

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
 * Backstop's own history of roles' trust policies, kept in the audit table beside the decisions:
 * each trust policy read back from IAM after a call that set one, and, per role, the latest of
 * those that let no principal outside the trusted set in, which iam.restore-trust-policy puts
 * back.
 *
 * <p>Two kinds of item, both of {@code kind} {@value #KIND}: one per policy read, keyed
 * {@code trust#<roleArn>#<readAt>#<source>} and never changed, the history a person reads; and the
 * role's latest trusted policy, keyed {@code trust#<roleArn>}, replaced only by one read later, so
 * events handled out of order never roll it back.
 */
final class TrustPolicyHistory {

    static final String KIND = "trust-policy";
    static final String PREFIX = "trust#";

    /** A trust policy as read back: when, and after which call (a CloudTrail event id). */
    record RecordedTrust(String document, Instant readAt, String source) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;

    @Inject
    TrustPolicyHistory(DynamoDbClient dynamoDb, Settings settings) {
        this.dynamoDb = dynamoDb;
        this.table = settings.auditTable();
    }

    /** Records the policy; as the role's latest trusted one too if it lets no outsider in. */
    void record(String roleArn, String document, boolean trusted, Instant readAt, String source) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("kind", AttributeValue.fromS(KIND));
        item.put("role", AttributeValue.fromS(roleArn));
        item.put("document", AttributeValue.fromS(document));
        item.put("trusted", AttributeValue.fromBool(trusted));
        item.put("readAt", AttributeValue.fromS(readAt.toString()));
        item.put("readAtMillis", AttributeValue.fromN(Long.toString(readAt.toEpochMilli())));
        item.put("source", AttributeValue.fromS(source));
        Map<String, AttributeValue> entry = new HashMap<>(item);
        entry.put(AuditTable.KEY, AttributeValue.fromS(PREFIX + roleArn + "#" + readAt + "#" + source));
        dynamoDb.putItem(request -> request.tableName(table).item(entry));
        if (!trusted) {
            return;
        }
        item.put(AuditTable.KEY, AttributeValue.fromS(PREFIX + roleArn));
        try {
            dynamoDb.putItem(request -> request.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#key) OR readAtMillis <= :readAt")
                    .expressionAttributeNames(Map.of("#key", AuditTable.KEY))
                    .expressionAttributeValues(Map.of(":readAt", item.get("readAtMillis"))));
        } catch (ConditionalCheckFailedException newerKnown) {
            // a trusted policy read later is already the latest
        }
    }

    /** The latest trust policy of the role that let no outsider in, if Backstop read one. */
    Optional<RecordedTrust> latestTrusted(String roleArn) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, AttributeValue.fromS(PREFIX + roleArn))).consistentRead(true)).item();
        if (item == null || !item.containsKey("document")) {
            return Optional.empty();
        }
        return Optional.of(new RecordedTrust(item.get("document").s(), Instant.parse(item.get("readAt").s()),
                item.get("source").s()));
    }
}
