package dev.backstop.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.config.Settings;
import dev.backstop.telemetry.Telemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The audit table. A decision first claims its event id with a conditional put, so two
 * deliveries of one event never both act; the claim is then overwritten by the full record.
 */
@Singleton
public final class AuditLog {

    // Longer than a Lambda invocation can run: a claim older than this was left by a crash.
    static final Duration CLAIM_LEASE = Duration.ofMinutes(16);
    static final String IN_PROGRESS = "in-progress";
    static final String RETRYABLE = "retryable";
    static final String COMPLETE = "complete";
    /** Counted when a record's id is chained already (a redelivered unreadable event): the first record stays. */
    static final String CHAINED_ALREADY = "AuditRecordChainedAlready";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final AuditItems items;
    private final AuditChain chain;
    private final Telemetry telemetry;

    @Inject
    AuditLog(DynamoDbClient dynamoDb, Settings settings, ObjectMapper mapper, Telemetry telemetry) {
        this(dynamoDb, settings.auditTable(), mapper, telemetry);
    }

    public AuditLog(DynamoDbClient dynamoDb, String table, ObjectMapper mapper, Telemetry telemetry) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.items = new AuditItems(mapper);
        this.chain = new AuditChain(dynamoDb, table, telemetry);
        this.telemetry = telemetry;
    }

    /** What claiming an event found. */
    public enum Claim {
        /** The table had no item of the event: no attempt at it came before, so none of its steps ran. */
        FIRST,
        /** An earlier attempt handed the event back or stopped: some of its steps may have run. */
        RETRY,
        /** Another delivery decided the event already or is deciding it now. */
        REFUSED;

        /** True when this invocation holds the claim and decides the event. */
        public boolean held() {
            return this != REFUSED;
        }
    }

    /**
     * Claims the event for this invocation. Refused when another delivery decided it already or is
     * deciding it now; a claim released for retry or left behind by a crash can be taken over. The
     * put returns the item it replaced, so the caller learns in the same call whether an attempt
     * came before this one.
     */
    public Claim claim(String eventId, Instant now) {
        try {
            PutItemResponse replaced = dynamoDb.putItem(request -> request
                    .tableName(table)
                    .item(Map.of(
                            AuditTable.KEY, s(eventId),
                            "status", s(IN_PROGRESS),
                            "claimedAt", s(now.toString()),
                            "leaseUntil", n(now.plus(CLAIM_LEASE).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(#key) OR #status = :retryable"
                            + " OR (#status = :inProgress AND leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#key", AuditTable.KEY, "#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":retryable", s(RETRYABLE),
                            ":inProgress", s(IN_PROGRESS),
                            ":now", n(now.getEpochSecond())))
                    .returnValues(ReturnValue.ALL_OLD));
            return replaced.attributes().isEmpty() ? Claim.FIRST : Claim.RETRY;
        } catch (ConditionalCheckFailedException decidedElsewhere) {
            return Claim.REFUSED;
        }
    }

    /**
     * True when another invocation holds the event's claim and is deciding it now (or crashed
     * less than a lease ago), false when the event was decided.
     */
    public boolean inProgress(String eventId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, s(eventId))).consistentRead(true)).item();
        return item != null && item.containsKey("status") && IN_PROGRESS.equals(item.get("status").s());
    }

    /**
     * Hands the event back so Lambda's retry can decide it again. A claim that is no longer in
     * progress (its record was written after all, though the answer was lost) stays as it is.
     */
    public void release(String eventId) {
        try {
            dynamoDb.updateItem(request -> request
                    .tableName(table)
                    .key(Map.of(AuditTable.KEY, s(eventId)))
                    .updateExpression("SET #status = :retryable")
                    .conditionExpression("#status = :inProgress")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":retryable", s(RETRYABLE), ":inProgress", s(IN_PROGRESS))));
        } catch (ConditionalCheckFailedException recorded) {
            // Nothing to hand back: the decision is complete.
        }
    }

    /**
     * Writes the full record, replacing the claim, as the next link of its chain (see
     * {@link ChainVerifier}). A record already chained under this id is kept as it is: chained
     * records are written once, so redeliveries of one unreadable event leave the first record.
     */
    public void record(AuditRecord record) {
        if (!chain.append(AuditChain.chainOf(record), items.toItem(record, COMPLETE))) {
            telemetry.count(CHAINED_ALREADY, "audit record " + record.auditId() + " is chained already; kept as it was",
                    telemetry.fields().put("auditId", record.auditId()));
        }
    }

    /**
     * Writes the full record of the event this invocation holds the claim of ({@link #claim}), as
     * {@link #record} does but without first reading whether its id is chained: a claim is never
     * taken from a chained record (see {@link AuditChain#appendClaimed}). A record of another id
     * than the claimed one is written as {@link #record} writes it.
     */
    public void recordClaimed(String claimedId, AuditRecord record) {
        if (!record.auditId().equals(claimedId)) {
            record(record);
            return;
        }
        chain.appendClaimed(AuditChain.chainOf(record), items.toItem(record, COMPLETE));
    }

    /** The completed record with this id, if there is one. */
    public Optional<AuditRecord> find(String auditId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, s(auditId))).consistentRead(true)).item();
        if (item == null || item.isEmpty() || !COMPLETE.equals(item.getOrDefault("status", s("")).s())) {
            return Optional.empty();
        }
        return Optional.of(items.fromItem(item));
    }

    /**
     * What {@code ./backstop audit verify} finds wrong with the record's chain from the record on:
     * the record itself edited, moved or slipped in, or any record after it (up to the head, which
     * vouches for it) gone or changed. Empty when the chain vouches for the record; a record that is
     * not chained at all is a problem of its own.
     */
    public List<ChainProblem> problemsFrom(String auditId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, s(auditId))).consistentRead(true)).item();
        if (item == null || !item.containsKey(AuditTable.CHAIN) || !item.containsKey(AuditTable.CHAIN_POSITION)) {
            return List.of(new ChainProblem("-", 0, auditId, "unchained", "the record is in no chain, so nothing vouches"
                    + " for it"));
        }
        long position = Long.parseLong(item.get(AuditTable.CHAIN_POSITION).n());
        return new ChainVerifier(dynamoDb, table).verify(item.get(AuditTable.CHAIN).s()).problems().stream()
                .filter(problem -> problem.position() >= position || problem.auditId().equals(auditId))
                .toList();
    }

    /**
     * Notes on the record whether the notification went out, so a lost one is visible. The note
     * is outside the chain's hash: it is written after the record is chained, and it tells of
     * SNS's delivery, not of the decision (SNS's own delivery metrics witness it).
     */
    public void noteNotification(String auditId, String status) {
        dynamoDb.updateItem(request -> request
                .tableName(table)
                .key(Map.of(AuditTable.KEY, s(auditId)))
                .updateExpression("SET notification = :status")
                .expressionAttributeValues(Map.of(":status", s(status))));
    }

    /**
     * Adds a note of one channel's delivery to the record ({@link AuditTable#DELIVERIES}), beside
     * the notes of its other deliveries; outside the chain's hash, as {@link #noteNotification} is.
     */
    public void noteDelivery(String auditId, String note) {
        dynamoDb.updateItem(request -> request
                .tableName(table)
                .key(Map.of(AuditTable.KEY, s(auditId)))
                .updateExpression("ADD #deliveries :note")
                .expressionAttributeNames(Map.of("#deliveries", AuditTable.DELIVERIES))
                .expressionAttributeValues(Map.of(":note", AttributeValue.fromSs(List.of(note)))));
    }

    /** The record's delivery notes; empty when it has none or there is no such record. */
    public Set<String> deliveries(String auditId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, s(auditId))).consistentRead(true)
                .projectionExpression("#deliveries").expressionAttributeNames(Map.of("#deliveries", AuditTable.DELIVERIES)))
                .item();
        AttributeValue notes = item == null ? null : item.get(AuditTable.DELIVERIES);
        return notes == null ? Set.of() : Set.copyOf(notes.ss());
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
