package dev.backstop.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Appends audit items to their chain. Each append reads the chain's head, hashes the item at the
 * next position after it, and writes item and head in one transaction, on the condition that the
 * head has not moved and that the item was not chained before. A writer that lost the race to
 * another reads the head again and retries, so concurrent writers leave one unbroken chain.
 */
final class AuditChain {

    /** Chains are per account and region; an event without them (an unreadable one) goes here. */
    static final String UNATTRIBUTED = "unattributed";

    // Enough for dozens of writers on one chain: each round one of them wins.
    private static final int MAX_ATTEMPTS = 200;
    private static final long MAX_BACKOFF_MILLIS = 200;
    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamoDb;
    private final String table;

    AuditChain(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    static String chainOf(AuditRecord record) {
        return record.account() == null || record.region() == null
                ? UNATTRIBUTED
                : record.account() + "/" + record.region();
    }

    /**
     * Chains the item and writes it. False, writing nothing, when an item with its key is chained
     * already: a chained record is never overwritten, as that would be an edit.
     */
    boolean append(String chain, Map<String, AttributeValue> content) {
        TransactionCanceledException lastConflict = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            ChainHead head = head(chain);
            Map<String, AttributeValue> item = chained(content, head);
            ChainHead next = head.next(item.get(AuditTable.CHAIN_HASH).s(), item.get(AuditTable.KEY).s());
            try {
                dynamoDb.transactWriteItems(request -> request.transactItems(writes(item, head, next)));
                return true;
            } catch (TransactionCanceledException e) {
                if (itemWasChainedAlready(e)) {
                    return false;
                }
                lastConflict = e;
                backOff(attempt);
            }
        }
        throw lastConflict;
    }

    private ChainHead head(String chain) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, AttributeValue.fromS(ChainHead.key(chain)))).consistentRead(true)).item();
        return ChainHead.fromItem(item).orElseGet(() -> ChainHead.empty(chain));
    }

    static Map<String, AttributeValue> chained(Map<String, AttributeValue> content, ChainHead head) {
        Map<String, AttributeValue> item = new HashMap<>(content);
        item.put(AuditTable.CHAIN, AttributeValue.fromS(head.chain()));
        item.put(AuditTable.CHAIN_POSITION, AttributeValue.fromN(Long.toString(head.position() + 1)));
        item.put(AuditTable.PREVIOUS_HASH, AttributeValue.fromS(head.hash()));
        if (!head.isEmpty()) {
            item.put(AuditTable.PREVIOUS_AUDIT_ID, AttributeValue.fromS(head.auditId()));
        }
        item.put(AuditTable.CHAIN_HASH, AttributeValue.fromS(ChainHash.of(item)));
        item.put(AuditTable.FIELD_DIGESTS, AttributeValue.fromM(ChainHash.fieldDigests(item)));
        return item;
    }

    private List<TransactWriteItem> writes(Map<String, AttributeValue> item, ChainHead head, ChainHead next) {
        List<TransactWriteItem> writes = new ArrayList<>();
        // First the record, so its cancellation reason is the first one.
        writes.add(TransactWriteItem.builder().put(put -> put.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#position)")
                .expressionAttributeNames(Map.of("#position", AuditTable.CHAIN_POSITION))).build());
        if (head.isEmpty()) {
            writes.add(TransactWriteItem.builder().put(put -> put.tableName(table).item(next.toItem())
                    .conditionExpression("attribute_not_exists(#key)")
                    .expressionAttributeNames(Map.of("#key", AuditTable.KEY))).build());
            writes.add(TransactWriteItem.builder().update(update -> update.tableName(table)
                    .key(Map.of(AuditTable.KEY, AttributeValue.fromS(ChainHead.REGISTRY_KEY)))
                    .updateExpression("ADD #chains :chain")
                    .expressionAttributeNames(Map.of("#chains", ChainHead.REGISTRY_CHAINS))
                    .expressionAttributeValues(Map.of(":chain", AttributeValue.fromSs(List.of(head.chain())))))
                    .build());
        } else {
            writes.add(TransactWriteItem.builder().put(put -> put.tableName(table).item(next.toItem())
                    .conditionExpression("#position = :position")
                    .expressionAttributeNames(Map.of("#position", ChainHead.POSITION))
                    .expressionAttributeValues(Map.of(":position",
                            AttributeValue.fromN(Long.toString(head.position()))))).build());
        }
        return writes;
    }

    private static boolean itemWasChainedAlready(TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return !reasons.isEmpty() && CONDITIONAL_CHECK_FAILED.equals(reasons.get(0).code());
    }

    private static void backOff(int attempt) {
        long cap = Math.min(MAX_BACKOFF_MILLIS, 5L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while chaining an audit record", e);
        }
    }
}
