package dev.backstop.breaker;

import dev.backstop.audit.AuditTable;
import dev.backstop.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The breakers' state, kept in the audit table beside the records (so no other table and no other
 * permission): one item per breaker, {@code breaker#<account|rule|principal|resource>#<id>}, holding an
 * atomic counter per fixed window ({@code window-<n>}, counted with {@code ADD}) and, once it trips,
 * when and why; and one index item, {@code breaker#tripped}, whose string set names every tripped
 * breaker so {@code ./backstop breaker status} needs no scan. Items carry {@code kind = breaker}.
 */
@Singleton
public final class BreakerTable implements BreakerCounts {

    static final String INDEX_KEY = BreakerScope.KEY_PREFIX + "tripped";
    static final String KIND = "breaker";
    private static final String WINDOW_PREFIX = "window-";

    private final DynamoDbClient dynamoDb;
    private final String table;

    @Inject
    BreakerTable(DynamoDbClient dynamoDb, Settings settings) {
        this(dynamoDb, settings.auditTable());
    }

    public BreakerTable(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Counts one more action in the scope's current window, atomically across invocations. */
    @Override
    public Counted count(BreakerScope scope, Duration window, Instant now) {
        long current = now.getEpochSecond() / window.toSeconds();
        Map<String, AttributeValue> item = dynamoDb.updateItem(request -> request
                .tableName(table)
                .key(key(scope))
                .updateExpression("ADD #window :one SET kind = :kind")
                .expressionAttributeNames(Map.of("#window", WINDOW_PREFIX + current))
                .expressionAttributeValues(Map.of(":one", n(1), ":kind", s(KIND)))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        forgetOldWindows(scope, item, current);
        BreakerState state = state(scope, item);
        return new Counted(Long.parseLong(item.get(WINDOW_PREFIX + current).n()),
                state.tripped() ? Optional.of(state) : Optional.empty());
    }

    /** What {@link #count} would find, without counting: the current window's count and the trip, if open. */
    @Override
    public Counted peek(BreakerScope scope, Duration window, Instant now) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table).key(key(scope))
                .consistentRead(true)).item();
        Map<String, AttributeValue> found = item == null ? Map.of() : item;
        AttributeValue count = found.get(WINDOW_PREFIX + now.getEpochSecond() / window.toSeconds());
        BreakerState state = state(scope, found);
        return new Counted(count == null ? 0 : Long.parseLong(count.n()), state.tripped() ? Optional.of(state)
                : Optional.empty());
    }

    /** Opens the breaker; false when another invocation tripped it first. */
    @Override
    public boolean trip(BreakerScope scope, String cause, Instant now) {
        try {
            dynamoDb.updateItem(request -> request
                    .tableName(table)
                    .key(key(scope))
                    .updateExpression("SET trippedAt = :now, cause = :cause")
                    .conditionExpression("attribute_not_exists(trippedAt)")
                    .expressionAttributeValues(Map.of(":now", s(now.toString()), ":cause", s(cause))));
        } catch (ConditionalCheckFailedException trippedElsewhere) {
            return false;
        }
        dynamoDb.updateItem(request -> request
                .tableName(table)
                .key(Map.of(AuditTable.KEY, s(INDEX_KEY)))
                .updateExpression("ADD scopes :scope SET kind = :kind")
                .expressionAttributeValues(Map.of(":scope", AttributeValue.fromSs(List.of(scope.key())), ":kind",
                        s(KIND))));
        return true;
    }

    /** The breaker's state; a breaker that never counted anything is closed. */
    public BreakerState state(BreakerScope scope) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table).key(key(scope))
                .consistentRead(true)).item();
        return state(scope, item == null ? Map.of() : item);
    }

    /** Every tripped breaker, in the order of the index. */
    public List<BreakerState> tripped() {
        Map<String, AttributeValue> index = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, s(INDEX_KEY))).consistentRead(true)).item();
        if (index == null || !index.containsKey("scopes")) {
            return List.of();
        }
        return index.get("scopes").ss().stream().sorted().map(BreakerScope::fromKey).map(this::state).toList();
    }

    /**
     * Closes a tripped breaker and starts its counts afresh, noting who reset it. False when it
     * was not tripped.
     */
    public boolean reset(BreakerScope scope, String by, Instant now) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table).key(key(scope))
                .consistentRead(true)).item();
        if (item == null || !item.containsKey("trippedAt")) {
            return false;
        }
        return close(scope, item, by, now);
    }

    /**
     * Closes the breaker after its cool-down, if it is still the trip that was counted (and not one
     * tripped anew meanwhile); false when another invocation closed it first.
     */
    @Override
    public boolean closeAfterCoolDown(BreakerScope scope, Instant trippedAt, String by, Instant now) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table).key(key(scope))
                .consistentRead(true)).item();
        if (item == null || !trippedAt.equals(instant(item, "trippedAt"))) {
            return false;
        }
        return close(scope, item, by, now);
    }

    private boolean close(BreakerScope scope, Map<String, AttributeValue> item, String by, Instant now) {
        Map<String, String> names = new HashMap<>();
        List<String> removed = new ArrayList<>(List.of("trippedAt", "cause"));
        windows(item).forEach(window -> {
            names.put("#w" + names.size(), window);
            removed.add("#w" + (names.size() - 1));
        });
        try {
            dynamoDb.updateItem(request -> request
                    .tableName(table)
                    .key(key(scope))
                    .updateExpression("REMOVE " + String.join(", ", removed) + " SET resetAt = :now, resetBy = :by")
                    .conditionExpression("trippedAt = :tripped")
                    .expressionAttributeNames(names.isEmpty() ? null : names)
                    .expressionAttributeValues(Map.of(":now", s(now.toString()), ":by", s(by),
                            ":tripped", item.get("trippedAt"))));
        } catch (ConditionalCheckFailedException resetElsewhere) {
            return false;
        }
        dynamoDb.updateItem(request -> request
                .tableName(table)
                .key(Map.of(AuditTable.KEY, s(INDEX_KEY)))
                .updateExpression("DELETE scopes :scope")
                .expressionAttributeValues(Map.of(":scope", AttributeValue.fromSs(List.of(scope.key())))));
        return true;
    }

    /** Counts of windows before the last one are of no further use; drop them so the item stays small. */
    private void forgetOldWindows(BreakerScope scope, Map<String, AttributeValue> item, long current) {
        List<String> old = windows(item).stream()
                .filter(name -> Long.parseLong(name.substring(WINDOW_PREFIX.length())) < current - 1)
                .toList();
        if (old.isEmpty()) {
            return;
        }
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < old.size(); i++) {
            names.put("#w" + i, old.get(i));
        }
        dynamoDb.updateItem(request -> request
                .tableName(table)
                .key(key(scope))
                .updateExpression("REMOVE " + String.join(", ", names.keySet()))
                .expressionAttributeNames(names));
    }

    private static List<String> windows(Map<String, AttributeValue> item) {
        return item.keySet().stream().filter(name -> name.startsWith(WINDOW_PREFIX)).toList();
    }

    private static BreakerState state(BreakerScope scope, Map<String, AttributeValue> item) {
        return new BreakerState(scope, instant(item, "trippedAt"), text(item, "cause"), instant(item, "resetAt"),
                text(item, "resetBy"));
    }

    private static Map<String, AttributeValue> key(BreakerScope scope) {
        return Map.of(AuditTable.KEY, s(scope.key()));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = text(item, name);
        return value == null ? null : Instant.parse(value);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
