package dev.backstop.audit;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The last record of a chain, kept in an item of its own ({@code chain#head#<chain>}). Appends
 * are serialised on it: each moves it one position on, on the condition that nobody else has.
 * A registry item ({@code chain#chains}) names every chain, so verify can find them all.
 */
record ChainHead(String chain, long position, String hash, String auditId) {

    static final String REGISTRY_KEY = "chain#chains";
    static final String REGISTRY_CHAINS = "chains";
    static final String POSITION = "headPosition";
    private static final String PREFIX = "chain#head#";
    private static final String CHAIN = "headOf";
    private static final String HASH = "headHash";
    private static final String AUDIT_ID = "headAuditId";

    /** Where a chain starts: nothing before position 1. */
    static ChainHead empty(String chain) {
        return new ChainHead(chain, 0, ChainHash.GENESIS, null);
    }

    static String key(String chain) {
        return PREFIX + chain;
    }

    boolean isEmpty() {
        return position == 0;
    }

    ChainHead next(String nextHash, String nextAuditId) {
        return new ChainHead(chain, position + 1, nextHash, nextAuditId);
    }

    Map<String, AttributeValue> toItem() {
        return Map.of(
                AuditTable.KEY, AttributeValue.fromS(key(chain)),
                CHAIN, AttributeValue.fromS(chain),
                POSITION, AttributeValue.fromN(Long.toString(position)),
                HASH, AttributeValue.fromS(hash),
                AUDIT_ID, AttributeValue.fromS(auditId));
    }

    static Optional<ChainHead> fromItem(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChainHead(item.get(CHAIN).s(), Long.parseLong(item.get(POSITION).n()),
                item.get(HASH).s(), item.get(AUDIT_ID).s()));
    }
}
