package dev.backstop.audit;

import dev.backstop.telemetry.Degradation;
import dev.backstop.telemetry.Telemetry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Appends audit items to their chain with single-item conditional writes. A writer reads the
 * chain's head, hashes its item at the next position, moves the head there (on the condition that
 * it is still where it was read, else it reads it again and retries), then writes the item. The
 * head keeps a copy of the item, and every writer first writes its predecessor's item if that is
 * not there yet, so a writer that stops between its two puts leaves no hole in the chain.
 *
 * <p>The warm path skips the reads: the writer remembers, per chain, the head it moved last and
 * whose item it then wrote, and moves the head on from there without reading it. The condition
 * that the head is still at that position (with that hash) is what makes this safe: when it holds,
 * the head's item is this writer's own, written, so there is nothing to finish; when another
 * writer moved the head meanwhile, the condition fails and the writer falls back to reading it.
 * Any failure forgets the remembered head, so a writer that stopped between its two puts reads
 * the head next time and finishes its own item like anyone else's. That is two writes per
 * record, where reading costs three reads more.
 *
 * <p>Why not one transaction of head and item: a transaction costs twice the writes and cannot be
 * tested against moto, whose transactions roll back by restoring a copy of the whole table and so
 * undo other writers' work under concurrency; single-item conditional puts hold there as in AWS.
 */
final class AuditChain {

    /** Chains are per account and region; an event without them (an unreadable one) goes here. */
    static final String UNATTRIBUTED = "unattributed";

    // Enough for dozens of writers on one chain: each round one of them wins.
    private static final int MAX_ATTEMPTS = 200;
    private static final long MAX_BACKOFF_MILLIS = 200;

    /** Counted when a chain position was left empty because another delivery chained the record elsewhere. */
    static final String CHAIN_GAP = Degradation.AUDIT_CHAIN_GAP.metric();

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Telemetry telemetry;
    /** Per chain, the head this writer moved last, once it has written the head's item. */
    private final Map<String, ChainHead> written = new ConcurrentHashMap<>();

    AuditChain(DynamoDbClient dynamoDb, String table, Telemetry telemetry) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.telemetry = telemetry;
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
        if (chainPositionOf(content.get(AuditTable.KEY).s()).isPresent()) {
            return false;
        }
        appendClaimed(chain, content);
        return true;
    }

    /**
     * Chains and writes the item of an id the caller holds the claim of, without first asking
     * whether it is chained: a claim is taken only from an item that is absent, handed back or
     * abandoned, never from a chained record. The one way such an id is chained already is a
     * crashed earlier attempt whose head copy the next writer wrote; then this item's position
     * stays empty, and {@link #CHAIN_GAP} counts it as it does for any id chained twice.
     */
    void appendClaimed(String chain, Map<String, AttributeValue> content) {
        // Forgotten until this append has written its item: whatever fails on the way, the next
        // append reads the head.
        ChainHead own = written.remove(chain);
        Optional<ChainHead> moved = own == null ? Optional.empty() : appendAfter(own, content);
        written.put(chain, moved.orElseGet(() -> appendAfterReading(chain, content)));
    }

    /** The new head, once the item is chained after the given one; empty when the head is no longer there. */
    private Optional<ChainHead> appendAfter(ChainHead head, Map<String, AttributeValue> content) {
        Map<String, AttributeValue> item = chained(content, head);
        ChainHead next = ChainHead.of(item);
        if (!moveHead(head, next)) {
            return Optional.empty();
        }
        if (!write(item)) {
            reportIfChainedElsewhere(item);
        }
        return Optional.of(next);
    }

    private ChainHead appendAfterReading(String chain, Map<String, AttributeValue> content) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<ChainHead> stored = head(chain);
            stored.ifPresentOrElse(this::finish, () -> register(chain));
            Optional<ChainHead> moved = appendAfter(stored.orElseGet(() -> ChainHead.empty(chain)), content);
            if (moved.isPresent()) {
                return moved.get();
            }
            backOff(attempt);
        }
        throw new IllegalStateException("could not chain audit record " + content.get(AuditTable.KEY).s() + " in "
                + chain + " after " + MAX_ATTEMPTS + " attempts: other writers kept winning");
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

    private Optional<ChainHead> head(String chain) {
        return ChainHead.fromItem(dynamoDb.getItem(request -> request.tableName(table)
                .key(key(ChainHead.key(chain))).consistentRead(true)).item());
    }

    /** Names the chain in the registry before its first record; adding a name twice changes nothing. */
    private void register(String chain) {
        dynamoDb.updateItem(request -> request.tableName(table).key(key(ChainHead.REGISTRY_KEY))
                .updateExpression("ADD #chains :chain")
                .expressionAttributeNames(Map.of("#chains", ChainHead.REGISTRY_CHAINS))
                .expressionAttributeValues(Map.of(":chain", AttributeValue.fromSs(List.of(chain)))));
    }

    /** Writes the head's record if its writer has not (yet): stopped, or slower than this one. */
    private void finish(ChainHead head) {
        if (head.last() != null && chainPositionOf(head.auditId()).isEmpty()) {
            write(head.last());
        }
    }

    private boolean moveHead(ChainHead from, ChainHead to) {
        try {
            if (from.isEmpty()) {
                dynamoDb.putItem(request -> request.tableName(table).item(to.toItem())
                        .conditionExpression("attribute_not_exists(#key)")
                        .expressionAttributeNames(Map.of("#key", AuditTable.KEY)));
            } else {
                // The hash too: a head remembered from an earlier append must be that very head, even
                // in a table emptied and refilled to the same position since.
                dynamoDb.putItem(request -> request.tableName(table).item(to.toItem())
                        .conditionExpression("#position = :position AND #hash = :hash")
                        .expressionAttributeNames(Map.of("#position", ChainHead.POSITION, "#hash", ChainHead.HASH))
                        .expressionAttributeValues(Map.of(":position", AttributeValue.fromN(Long.toString(from.position())),
                                ":hash", AttributeValue.fromS(from.hash()))));
            }
            return true;
        } catch (ConditionalCheckFailedException anotherWriterMovedIt) {
            return false;
        }
    }

    /**
     * Puts the chained item, replacing a claim. False when an item of that id is chained already:
     * written by the next writer from the head's copy (the same item), or, rarely, chained
     * elsewhere by a concurrent delivery of the same audit id.
     */
    private boolean write(Map<String, AttributeValue> item) {
        try {
            dynamoDb.putItem(request -> request.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#position)")
                    .expressionAttributeNames(Map.of("#position", AuditTable.CHAIN_POSITION)));
            return true;
        } catch (ConditionalCheckFailedException chainedAlready) {
            return false;
        }
    }

    private void reportIfChainedElsewhere(Map<String, AttributeValue> item) {
        String auditId = item.get(AuditTable.KEY).s();
        String taken = item.get(AuditTable.CHAIN_POSITION).n();
        String chain = item.get(AuditTable.CHAIN).s();
        chainPositionOf(auditId).filter(position -> !position.equals(taken)).ifPresent(position -> telemetry.count(CHAIN_GAP,
                "position " + taken + " of " + chain + " was taken for audit record " + auditId + ", which another"
                        + " delivery chained at position " + position + " meanwhile; audit verify will name the empty position",
                telemetry.fields().put("auditId", auditId).put("chain", chain).put("position", taken)
                        .put("chainedAt", position)));
    }

    private Optional<String> chainPositionOf(String auditId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table).key(key(auditId))
                .projectionExpression("#position")
                .expressionAttributeNames(Map.of("#position", AuditTable.CHAIN_POSITION))
                .consistentRead(true)).item();
        return item == null || !item.containsKey(AuditTable.CHAIN_POSITION)
                ? Optional.empty()
                : Optional.of(item.get(AuditTable.CHAIN_POSITION).n());
    }

    private static Map<String, AttributeValue> key(String value) {
        return Map.of(AuditTable.KEY, AttributeValue.fromS(value));
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
