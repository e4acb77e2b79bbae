package dev.backstop.channels;

import dev.backstop.audit.AuditTable;
import dev.backstop.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The ticket index in the audit table beside the records (no other table, no other permission):
 * one item per key, {@code ticket#<TicketKey.id()>}, with {@code kind = ticket}, its system, place,
 * rule and resource for people, and its state: {@code opening} (claimed by an audit id),
 * {@code open} (with the ticket's id and number), {@code resolved}, or {@code released} (the
 * opening failed). Claims are conditional puts (the handlers' PutItem and UpdateItem suffice);
 * a claim older than {@link #STALE_CLAIM} was left by a crash and may be taken over.
 */
@Singleton
public final class DynamoTicketIndex implements TicketIndex {

    static final String PREFIX = "ticket#";
    static final Duration STALE_CLAIM = Duration.ofMinutes(5);
    private static final String OPENING = "opening";
    private static final String OPEN = "open";
    private static final String RESOLVED = "resolved";
    private static final String RELEASED = "released";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    @Inject
    DynamoTicketIndex(DynamoDbClient dynamoDb, Settings settings, Clock clock) {
        this(dynamoDb, settings.auditTable(), clock);
    }

    public DynamoTicketIndex(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<Entry> find(TicketKey key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table).key(key(key))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return switch (text(item, "state")) {
            case OPEN -> Optional.of(new Entry.Open(new Ticket(text(item, "ticket"), text(item, "number"))));
            case OPENING -> Optional.of(new Entry.Opening(text(item, "by")));
            default -> Optional.empty();
        };
    }

    @Override
    public boolean claim(TicketKey key, String auditId) {
        Map<String, AttributeValue> item = new HashMap<>(key(key));
        item.put("kind", s("ticket"));
        item.put("system", s(key.system()));
        item.put("place", s(key.place()));
        item.put("rule", s(key.rule()));
        item.put("resource", s(key.resource()));
        item.put("state", s(OPENING));
        item.put("by", s(auditId));
        item.put("claimedAt", n(clock.millis()));
        try {
            dynamoDb.putItem(request -> request.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#key) OR #state IN (:resolved, :released)"
                            + " OR (#state = :opening AND claimedAt < :stale)")
                    .expressionAttributeNames(Map.of("#key", AuditTable.KEY, "#state", "state"))
                    .expressionAttributeValues(Map.of(":resolved", s(RESOLVED), ":released", s(RELEASED),
                            ":opening", s(OPENING), ":stale", n(clock.millis() - STALE_CLAIM.toMillis()))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public void opened(TicketKey key, String auditId, Ticket ticket) {
        dynamoDb.updateItem(request -> request.tableName(table).key(key(key))
                .updateExpression("SET #state = :open, ticket = :ticket, #number = :number, openedBy = :by")
                .expressionAttributeNames(Map.of("#state", "state", "#number", "number"))
                .expressionAttributeValues(Map.of(":open", s(OPEN), ":ticket", s(ticket.id()), ":number", s(ticket.number()),
                        ":by", s(auditId))));
    }

    @Override
    public void release(TicketKey key, String auditId) {
        try {
            dynamoDb.updateItem(request -> request.tableName(table).key(key(key))
                    .updateExpression("SET #state = :released")
                    .conditionExpression("#state = :opening AND #by = :by")
                    .expressionAttributeNames(Map.of("#state", "state", "#by", "by"))
                    .expressionAttributeValues(Map.of(":released", s(RELEASED), ":opening", s(OPENING), ":by", s(auditId))));
        } catch (ConditionalCheckFailedException notOurs) {
            // Another delivery took the claim over; it is its to settle.
        }
    }

    @Override
    public void resolved(TicketKey key, String auditId) {
        dynamoDb.updateItem(request -> request.tableName(table).key(key(key))
                .updateExpression("SET #state = :resolved, resolvedBy = :by")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":resolved", s(RESOLVED), ":by", s(auditId))));
    }

    private static Map<String, AttributeValue> key(TicketKey key) {
        return Map.of(AuditTable.KEY, s(PREFIX + key.id()));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? "" : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
