package dev.backstop.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Walks every chain of the audit table from its first record to its head and names each record
 * that was edited, deleted, moved or slipped in. Each record's hash covers its content and the
 * previous record's hash and audit id, so:
 * <ul>
 *   <li>an edited record no longer hashes to its stored hash (its field digests tell which field changed);
 *   <li>a deleted record leaves a gap, named by its successor's {@code previousAuditId} (or by the head);
 *   <li>a moved record's previous hash is that of a record elsewhere in the chain;
 *   <li>an inserted record claims a position that another holds, or one past the head.
 * </ul>
 * The chain index is eventually consistent, so a gap is checked against the table itself before it
 * counts as a deletion. Someone able to rewrite the head and registry items too can shorten a chain
 * unseen; keep the head hashes verify prints somewhere else to rule that out.
 *
 * <pre>{@code
 * new ChainVerifier(dynamoDb, table).verify().forEach(report -> ...);
 * }</pre>
 */
public final class ChainVerifier {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ChainVerifier(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Every chain the table's registry names, in name order. */
    public List<ChainReport> verify() {
        return chains().stream().map(this::verify).toList();
    }

    /** The chains the registry names, in name order. */
    public List<String> chains() {
        return ChainIndex.chains(dynamoDb, table);
    }

    /** The head of each chain: its position and hash, worth keeping outside the table. */
    public Optional<String> headOf(String chain) {
        return get(ChainHead.key(chain)).flatMap(ChainHead::fromItem)
                .map(head -> head.position() + " " + head.hash());
    }

    ChainReport verify(String chain) {
        Optional<ChainHead> head = get(ChainHead.key(chain)).flatMap(ChainHead::fromItem);
        TreeMap<Long, List<Map<String, AttributeValue>>> byPosition = ChainIndex.byPosition(dynamoDb, table, chain);
        List<ChainProblem> problems = new ArrayList<>();
        long last;
        if (head.isPresent()) {
            last = head.get().position();
        } else {
            last = byPosition.isEmpty() ? 0 : byPosition.lastKey();
            // A chain is registered just before its first record: registered and empty is no problem.
            if (last > 0) {
                problems.add(new ChainProblem(chain, last, "-", "head", "the head item " + ChainHead.key(chain)
                        + " is missing; the records were checked up to the last the index holds"));
            }
        }
        fillLagging(chain, byPosition, head, last);
        Map<String, Long> positionOfHash = new HashMap<>();
        byPosition.forEach((position, items) -> items.forEach(item ->
                positionOfHash.put(text(item, AuditTable.CHAIN_HASH), position)));
        String expectedPrevious = ChainHash.GENESIS;
        boolean previousMoved = false;
        for (long position = 1; position <= last; position++) {
            List<Map<String, AttributeValue>> here = byPosition.getOrDefault(position, List.of());
            if (here.isEmpty()) {
                problems.add(deleted(chain, position, byPosition, head, last));
                expectedPrevious = successorsPrevious(position, byPosition);
                previousMoved = false;
                continue;
            }
            Map<String, AttributeValue> item = here.get(0);
            for (Map<String, AttributeValue> extra : here.subList(1, here.size())) {
                problems.add(new ChainProblem(chain, position, text(extra, AuditTable.KEY), "inserted",
                        "claims a position " + text(item, AuditTable.KEY) + " holds"));
            }
            List<ChainProblem> found = check(chain, position, item, expectedPrevious, positionOfHash, byPosition);
            // An intact record after a moved one only follows from the move: name the moved one alone.
            if (!(previousMoved && FieldDifferences.of(item).isEmpty())) {
                problems.addAll(found);
            }
            previousMoved = found.stream().anyMatch(problem -> problem.kind().equals("reordered")
                    && problem.auditId().equals(text(item, AuditTable.KEY)));
            expectedPrevious = text(item, AuditTable.CHAIN_HASH);
        }
        if (head.isPresent() && expectedPrevious != null && !head.get().hash().equals(expectedPrevious)) {
            problems.add(new ChainProblem(chain, last, head.get().auditId(), "edited", "its hash was recomputed after"
                    + " a change: the head names hash " + head.get().hash() + ", the record's is " + expectedPrevious));
        }
        problems.addAll(beyondHead(chain, byPosition, last));
        return new ChainReport(chain, last, problems);
    }

    private List<ChainProblem> check(String chain, long position, Map<String, AttributeValue> item,
            String expectedPrevious, Map<String, Long> positionOfHash,
            Map<Long, List<Map<String, AttributeValue>>> byPosition) {
        String auditId = text(item, AuditTable.KEY);
        List<String> changed = FieldDifferences.of(item);
        String previous = text(item, AuditTable.PREVIOUS_HASH);
        List<ChainProblem> problems = new ArrayList<>();
        if (expectedPrevious != null && !expectedPrevious.equals(previous)) {
            Long chainedAfter = positionOfHash.get(previous);
            if (chainedAfter != null && chainedAfter != position - 1) {
                String predecessor = text(byPosition.get(chainedAfter).get(0), AuditTable.KEY);
                return List.of(new ChainProblem(chain, position, auditId, "reordered", "it was chained after "
                        + predecessor + ", which is at position " + chainedAfter + FieldDifferences.describe(changed)));
            }
            if (chainedAfter == null && position > 1 && byPosition.containsKey(position - 1)) {
                // The record before this one matches a hash of its own that this one was not chained to.
                problems.add(new ChainProblem(chain, position - 1, text(byPosition.get(position - 1).get(0),
                        AuditTable.KEY), "edited", "its hash was recomputed after a change: " + auditId + " at position "
                        + position + " was chained after a record hashing to " + previous + ", this one's is "
                        + expectedPrevious));
            }
        }
        if (!changed.isEmpty()) {
            problems.add(new ChainProblem(chain, position, auditId, "edited",
                    "its content no longer matches its hash" + FieldDifferences.describe(changed)));
        }
        return problems;
    }

    /**
     * Adds the records the index has not caught up with yet (it is eventually consistent), walking
     * back from the head: a record missing from the index but named by its successor, and in the
     * table at this position, is no gap.
     */
    private void fillLagging(String chain, TreeMap<Long, List<Map<String, AttributeValue>>> byPosition,
            Optional<ChainHead> head, long last) {
        for (long position = last; position >= 1; position--) {
            if (byPosition.containsKey(position)) {
                continue;
            }
            String named = namedBySuccessor(position, byPosition, head, last);
            String expected = Long.toString(position);
            if (named != null) {
                get(named).filter(item -> chain.equals(text(item, AuditTable.CHAIN))
                        && expected.equals(number(item, AuditTable.CHAIN_POSITION)))
                        .ifPresent(item -> byPosition.put(Long.parseLong(expected), new ArrayList<>(List.of(item))));
            }
        }
    }

    private ChainProblem deleted(String chain, long position, Map<Long, List<Map<String, AttributeValue>>> byPosition,
            Optional<ChainHead> head, long last) {
        String named = namedBySuccessor(position, byPosition, head, last);
        if (named == null) {
            return new ChainProblem(chain, position, "-", "deleted", "no record at this position, and nothing names it");
        }
        Optional<Map<String, AttributeValue>> elsewhere = get(named);
        String where = elsewhere.map(item -> item.containsKey(AuditTable.CHAIN_POSITION)
                ? "; " + named + " itself is at chain " + text(item, AuditTable.CHAIN) + " position "
                        + number(item, AuditTable.CHAIN_POSITION)
                : "; the table holds " + named + " unchained (status " + text(item, "status") + ")").orElse("");
        String copy = position == last && head.isPresent() && head.get().last() != null
                ? " (the head keeps a copy, which the next record appended writes back; if a write was in flight,"
                        + " verify again)"
                : "";
        return new ChainProblem(chain, position, named, "deleted", "no record at this position, where "
                + (position == last ? "the head" : "the record at position " + (position + 1)) + " says " + named
                + " was" + where + copy);
    }

    private static String namedBySuccessor(long position, Map<Long, List<Map<String, AttributeValue>>> byPosition,
            Optional<ChainHead> head, long last) {
        if (position == last) {
            return head.map(ChainHead::auditId).orElse(null);
        }
        List<Map<String, AttributeValue>> next = byPosition.get(position + 1);
        return next == null || next.isEmpty() ? null : text(next.get(0), AuditTable.PREVIOUS_AUDIT_ID);
    }

    private static String successorsPrevious(long position, Map<Long, List<Map<String, AttributeValue>>> byPosition) {
        List<Map<String, AttributeValue>> next = byPosition.get(position + 1);
        // Unknown when the next is gone too: then the link after the gap is not judged.
        return next == null || next.isEmpty() ? null : text(next.get(0), AuditTable.PREVIOUS_HASH);
    }

    /** Records past the head: appended since the head was read, or slipped in by hand. */
    private List<ChainProblem> beyondHead(String chain, TreeMap<Long, List<Map<String, AttributeValue>>> byPosition,
            long last) {
        if (byPosition.isEmpty() || byPosition.lastKey() <= last) {
            return List.of();
        }
        long now = get(ChainHead.key(chain)).flatMap(ChainHead::fromItem).map(ChainHead::position).orElse(last);
        List<ChainProblem> problems = new ArrayList<>();
        byPosition.tailMap(now, false).forEach((position, items) -> items.forEach(item ->
                problems.add(new ChainProblem(chain, position, text(item, AuditTable.KEY), "inserted",
                        "past the head of the chain (position " + now + "): it was not appended through the chain"))));
        return problems;
    }

    private Optional<Map<String, AttributeValue>> get(String key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, AttributeValue.fromS(key))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static String number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.n();
    }
}
