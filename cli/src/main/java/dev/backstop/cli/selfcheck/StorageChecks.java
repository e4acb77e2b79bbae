package dev.backstop.cli.selfcheck;

import dev.backstop.audit.AuditKeys;
import dev.backstop.audit.AuditTable;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Where Backstop keeps and sends what it decides: the audit table's protections, the notification
 * topic's subscribers, the dead-letter queue, and the rule file in force.
 */
final class StorageChecks {

    private static final String PENDING = "PendingConfirmation";

    private final DynamoDbClient dynamoDb;
    private final SnsClient sns;
    private final SqsClient sqs;

    @Inject
    StorageChecks(DynamoDbClient dynamoDb, SnsClient sns, SqsClient sqs) {
        this.dynamoDb = dynamoDb;
        this.sns = sns;
        this.sqs = sqs;
    }

    Check table(String table) {
        String name = "audit table " + table;
        boolean deletionProtection = Boolean.TRUE.equals(dynamoDb.describeTable(request -> request.tableName(table))
                .table().deletionProtectionEnabled());
        PointInTimeRecoveryStatus recovery = dynamoDb.describeContinuousBackups(request -> request.tableName(table))
                .continuousBackupsDescription().pointInTimeRecoveryDescription().pointInTimeRecoveryStatus();
        if (!deletionProtection || recovery != PointInTimeRecoveryStatus.ENABLED) {
            return Check.fail(name, "deletion protection " + (deletionProtection ? "on" : "OFF")
                    + ", point-in-time recovery " + recovery);
        }
        return Check.pass(name, "deletion protection on, point-in-time recovery on");
    }

    Check topic(String topicArn) {
        String name = "notification topic";
        List<Subscription> subscriptions = sns.listSubscriptionsByTopicPaginator(request -> request.topicArn(topicArn))
                .subscriptions().stream().toList();
        long confirmed = subscriptions.stream().filter(subscription -> !PENDING.equals(subscription.subscriptionArn()))
                .count();
        if (confirmed == 0) {
            return Check.fail(name, topicArn + " has no confirmed subscription" + (subscriptions.isEmpty() ? ""
                    : " (" + subscriptions.size() + " pending)") + ": nobody hears what Backstop does");
        }
        return Check.pass(name, topicArn + ": " + confirmed + " confirmed subscription(s)");
    }

    Check deadLetters(String queueUrl) {
        String name = "dead-letter queue";
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        long messages = attributes.values().stream().mapToLong(Long::parseLong).sum();
        return messages == 0
                ? Check.pass(name, "empty")
                : Check.fail(name, "holds about " + messages + " message(s) Backstop could not process: "
                        + "inspect, fix the cause, then redrive");
    }

    /** The file's current version (its ETag) must be one Backstop audited putting in force. */
    Check ruleFile(String table, String location, String eTag) {
        String name = "team rule file";
        String auditId = AuditKeys.ruleFile(location, eTag);
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, AttributeValue.fromS(auditId))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Check.fail(name, location + " version " + eTag + " was never put in force: it fails validation,"
                    + " or no function has read it since it changed (within RulesTtlSeconds); `./backstop validate`"
                    + " tells which");
        }
        return Check.pass(name, location + " version " + eTag + " is the one in force (audited "
                + item.get("decidedAt").s() + ")");
    }
}
