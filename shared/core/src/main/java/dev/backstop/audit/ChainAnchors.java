package dev.backstop.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads every chain's head, to anchor it outside the table, and checks the table against an anchor
 * taken earlier. Each chain of the anchor must still reach the anchored position, and the record the
 * anchor names there must still be that record, at that place, with that hash: a chain cut short,
 * or rewritten and rehashed from some record on, no longer does. Single-item reads only (GetItem),
 * so the scheduled function that anchors needs no more than the handlers' access to the table.
 *
 * <pre>{@code
 * List<ChainProblem> problems = anchors.against(previous);
 * if (problems.isEmpty()) store.write(anchors.heads(clock.instant()));
 * }</pre>
 */
public final class ChainAnchors {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ChainAnchors(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Every registered chain's head now; a registered chain with no record yet has none. */
    public AnchoredHeads heads(Instant now) {
        List<AnchoredHeads.Head> heads = new ArrayList<>();
        for (String chain : ChainIndex.chains(dynamoDb, table)) {
            get(ChainHead.key(chain)).flatMap(ChainHead::fromItem).filter(head -> !head.isEmpty())
                    .ifPresent(head -> heads.add(new AnchoredHeads.Head(chain, head.position(), head.hash(),
                            head.auditId())));
        }
        return new AnchoredHeads(now, table, heads);
    }

    /** What in the table no longer agrees with the anchor, one problem per chain (kind {@code anchor}). */
    public List<ChainProblem> against(AnchoredHeads anchor) {
        List<ChainProblem> problems = new ArrayList<>();
        for (AnchoredHeads.Head anchored : anchor.heads()) {
            check(anchored, anchor.anchoredAt()).ifPresent(what -> problems.add(new ChainProblem(anchored.chain(),
                    anchored.position(), anchored.auditId(), "anchor", what)));
        }
        return problems;
    }

    private Optional<String> check(AnchoredHeads.Head anchored, Instant at) {
        String since = " (anchored " + at + ")";
        Optional<ChainHead> head = get(ChainHead.key(anchored.chain())).flatMap(ChainHead::fromItem);
        if (head.isEmpty()) {
            return Optional.of("the chain's head is gone, but the anchor has it at position " + anchored.position() + since);
        }
        if (head.get().position() < anchored.position()) {
            return Optional.of("the chain was cut short: its head is at position " + head.get().position()
                    + ", the anchor has it at " + anchored.position() + since);
        }
        Optional<Map<String, AttributeValue>> record = get(anchored.auditId());
        if (record.isEmpty()) {
            return Optional.of("the anchored record " + anchored.auditId() + " is gone" + since);
        }
        String chain = ChainVerifier.text(record.get(), AuditTable.CHAIN);
        AttributeValue position = record.get().get(AuditTable.CHAIN_POSITION);
        String hash = ChainVerifier.text(record.get(), AuditTable.CHAIN_HASH);
        if (!anchored.chain().equals(chain) || position == null
                || Long.parseLong(position.n()) != anchored.position()) {
            return Optional.of("the anchored record is no longer at this place: it is at chain " + chain
                    + " position " + (position == null ? "-" : position.n()) + since);
        }
        if (!anchored.hash().equals(hash)) {
            return Optional.of("the chain was rewritten: the anchored record hashes to " + hash + ", the anchor says "
                    + anchored.hash() + since);
        }
        return Optional.empty();
    }

    private Optional<Map<String, AttributeValue>> get(String key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, AttributeValue.fromS(key))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }
}
