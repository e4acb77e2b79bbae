package dev.backstop.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The last record of a chain, kept in an item of its own ({@code chain#head#<chain>}) with a copy
 * of that record. Appends are serialised on it: each moves it one position on with a conditional
 * put, on the condition that nobody else has, and then writes the record. The copy lets the next
 * writer finish a record whose writer stopped between the two puts, so no position stays empty.
 * A registry item ({@code chain#chains}) names every chain, so verify can find them all.
 *
 * @param last the last record as chained, or null for an empty chain
 */
record ChainHead(String chain, long position, String hash, String auditId, Map<String, AttributeValue> last) {

    static final String REGISTRY_KEY = AuditTable.CHAIN_ITEMS_PREFIX + "chains";
    static final String REGISTRY_CHAINS = "chains";
    static final String POSITION = "headPosition";
    private static final String PREFIX = AuditTable.CHAIN_ITEMS_PREFIX + "head#";
    private static final String CHAIN = "headOf";
    static final String HASH = "headHash";
    private static final String AUDIT_ID = "headAuditId";
    private static final String LAST = "lastRecord";

    /** Where a chain starts: nothing before position 1. */
    static ChainHead empty(String chain) {
        return new ChainHead(chain, 0, ChainHash.GENESIS, null, null);
    }

    /** The head once the chained item is appended after this one. */
    static ChainHead of(Map<String, AttributeValue> item) {
        return new ChainHead(item.get(AuditTable.CHAIN).s(), Long.parseLong(item.get(AuditTable.CHAIN_POSITION).n()),
                item.get(AuditTable.CHAIN_HASH).s(), item.get(AuditTable.KEY).s(), item);
    }

    static String key(String chain) {
        return PREFIX + chain;
    }

    boolean isEmpty() {
        return position == 0;
    }

    Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(AuditTable.KEY, AttributeValue.fromS(key(chain)));
        item.put(CHAIN, AttributeValue.fromS(chain));
        item.put(POSITION, AttributeValue.fromN(Long.toString(position)));
        item.put(HASH, AttributeValue.fromS(hash));
        item.put(AUDIT_ID, AttributeValue.fromS(auditId));
        item.put(LAST, AttributeValue.fromM(last));
        return item;
    }

    static Optional<ChainHead> fromItem(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue last = item.get(LAST);
        return Optional.of(new ChainHead(item.get(CHAIN).s(), Long.parseLong(item.get(POSITION).n()),
                item.get(HASH).s(), item.get(AUDIT_ID).s(), last == null ? null : last.m()));
    }
}
