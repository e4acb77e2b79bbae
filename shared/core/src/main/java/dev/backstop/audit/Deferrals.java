package dev.backstop.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.backstop.config.Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Decisions put off to a later time, kept in the audit table beside the records (no other table,
 * no other permission): one item per deferral, {@code deferred#<id>}, with {@code kind = deferred},
 * the event it decides on, when it is due, the schedule that will run it, and its state:
 * {@code pending}, then {@code vetoed} (with who and why) or {@code running} and {@code done}.
 * Each move is a conditional update, so a veto and the run at the due time cannot both win, and
 * a run before the due time (a forged invocation) wins nothing.
 *
 * <p>A schedule's name is a digest of its deferral's id, so each schedule also has an item,
 * {@code deferred-schedule#<name>}, naming its deferral and the function it invokes: what the
 * self-watch needs to put back a schedule someone deleted, from the name alone.
 */
@Singleton
public final class Deferrals {

    static final String PREFIX = "deferred#";
    static final String SCHEDULE_PREFIX = "deferred-schedule#";
    /** The {@code backstop} field of a deferral's schedule input: {@code {"backstop": "deferred", "id": ID}}. */
    public static final String RUN = "deferred";
    public static final String PENDING = "pending";
    public static final String VETOED = "vetoed";
    public static final String RUNNING = "running";
    public static final String DONE = "done";

    /** Why a decision waits: a rule's veto window, or a resource being created settling. */
    public enum Purpose {
        VETO_WINDOW, SETTLE
    }

    /**
     * One deferral.
     *
     * @param id the audit id of the pending decision (a veto window) or {@code settle#<event id>}
     * @param payload the event as delivered, to decide on again at the due time
     * @param steps the rule actions that wait, as {@code RULE-ID#INDEX} (the action's place in the rule)
     * @param actions what waits, in words, for the veto command and notices
     * @param vetoedBy who vetoed it, as their caller identity; with {@code vetoReason} and {@code vetoedAt}
     */
    public record Deferral(String id, Purpose purpose, String state, Instant due, String payload, String schedule,
            String account, String region, List<String> steps, List<String> actions, Optional<String> vetoedBy,
            Optional<String> vetoReason, Optional<Instant> vetoedAt) {

        public Deferral {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(due, "due");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(schedule, "schedule");
            steps = List.copyOf(steps);
            actions = List.copyOf(actions);
            Objects.requireNonNull(vetoedBy, "vetoedBy");
            Objects.requireNonNull(vetoReason, "vetoReason");
            Objects.requireNonNull(vetoedAt, "vetoedAt");
        }

        /** A new pending deferral. */
        public static Deferral pending(String id, Purpose purpose, Instant due, String payload, String schedule,
                String account, String region, List<String> steps, List<String> actions) {
            return new Deferral(id, purpose, PENDING, due, payload, schedule, account, region, steps, actions,
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /**
     * What a deferral's schedule is for, read from the schedule's name.
     *
     * @param deferral the id of the deferral it runs
     * @param target the function (its alias ARN) it invokes at the due time
     */
    public record ScheduleOwner(String schedule, String deferral, String target) {

        public ScheduleOwner {
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(deferral, "deferral");
            Objects.requireNonNull(target, "target");
        }
    }

    private final DynamoDbClient dynamoDb;
    private final String table;

    @Inject
    Deferrals(DynamoDbClient dynamoDb, Settings settings) {
        this(dynamoDb, settings.auditTable());
    }

    public Deferrals(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Records a new deferral; false when one with the id exists (a redelivery deferred it already). */
    public boolean create(Deferral deferral) {
        Map<String, AttributeValue> item = new HashMap<>(key(deferral.id()));
        item.put("kind", s("deferred"));
        item.put("purpose", s(deferral.purpose().name()));
        item.put("state", s(deferral.state()));
        item.put("due", n(deferral.due().toEpochMilli()));
        item.put("dueAt", s(deferral.due().toString()));
        item.put("payload", s(deferral.payload()));
        item.put("schedule", s(deferral.schedule()));
        AuditItems.putIfPresent(item, "account", deferral.account());
        AuditItems.putIfPresent(item, "region", deferral.region());
        if (!deferral.steps().isEmpty()) {
            item.put("steps", AttributeValue.fromL(deferral.steps().stream().map(AttributeValue::fromS).toList()));
        }
        if (!deferral.actions().isEmpty()) {
            item.put("actions", AttributeValue.fromL(deferral.actions().stream().map(AttributeValue::fromS).toList()));
        }
        try {
            dynamoDb.putItem(request -> request.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#key)")
                    .expressionAttributeNames(Map.of("#key", AuditTable.KEY)));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /** The name of the deferral's schedule: unique to it within Scheduler's 64 characters. */
    public static String scheduleName(String id) {
        try {
            return "backstop-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.UTF_8))).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** What the deferral's schedule invokes the function with, for it to run the deferral. */
    public static String runInput(String id) {
        return JsonNodeFactory.instance.objectNode().put("backstop", RUN).put("id", id).toString();
    }

    /** Records which deferral the schedule runs and what it invokes; written again by a redelivery, unchanged. */
    public void recordSchedule(ScheduleOwner owner) {
        dynamoDb.putItem(request -> request.tableName(table).item(Map.of(
                AuditTable.KEY, s(SCHEDULE_PREFIX + owner.schedule()),
                "kind", s("deferred-schedule"),
                "deferral", s(owner.deferral()),
                "target", s(owner.target()))));
    }

    /** Which deferral the schedule runs; empty for a name no deferral recorded (or one made before these records). */
    public Optional<ScheduleOwner> scheduleOwner(String schedule) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, s(SCHEDULE_PREFIX + schedule))).consistentRead(true)).item();
        if (item == null || text(item, "deferral") == null || text(item, "target") == null) {
            return Optional.empty();
        }
        return Optional.of(new ScheduleOwner(schedule, text(item, "deferral"), text(item, "target")));
    }

    public Optional<Deferral> find(String id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table).key(key(id))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Deferral(id, Purpose.valueOf(text(item, "purpose")), text(item, "state"),
                Instant.ofEpochMilli(Long.parseLong(item.get("due").n())), text(item, "payload"), text(item, "schedule"),
                text(item, "account"), text(item, "region"), list(item, "steps"), list(item, "actions"),
                Optional.ofNullable(text(item, "vetoedBy")), Optional.ofNullable(text(item, "vetoReason")),
                Optional.ofNullable(text(item, "vetoedAt")).map(Instant::parse)));
    }

    /** Vetoes a pending deferral; false when it is not pending any more (run, running or vetoed already). */
    public boolean veto(String id, String by, String reason, Instant now) {
        return move(id, "SET #state = :vetoed, vetoedBy = :by, vetoReason = :reason, vetoedAt = :at",
                "#state = :pending", Map.of(":vetoed", s(VETOED), ":by", s(by), ":reason", s(reason), ":at", s(now.toString()),
                        ":pending", s(PENDING)));
    }

    /**
     * Starts the run of a pending deferral that is due; false when it is not pending (vetoed, run
     * by another invocation) or not yet due.
     */
    public boolean start(String id, Instant now) {
        return move(id, "SET #state = :running, startedAt = :at", "#state = :pending AND #due <= :now",
                Map.of(":running", s(RUNNING), ":at", s(now.toString()), ":pending", s(PENDING),
                        ":now", n(now.toEpochMilli())));
    }

    /** Records how the run ended: {@code done}, or {@code pending} again to let a retry run it. */
    public void finish(String id, String state, String result) {
        dynamoDb.updateItem(request -> request.tableName(table).key(key(id))
                .updateExpression("SET #state = :state, #result = :result")
                .expressionAttributeNames(Map.of("#state", "state", "#result", "result"))
                .expressionAttributeValues(Map.of(":state", s(state), ":result", s(result))));
    }

    private boolean move(String id, String update, String condition, Map<String, AttributeValue> values) {
        Map<String, String> names = new HashMap<>(Map.of("#state", "state"));
        if (condition.contains("#due")) {
            names.put("#due", "due");
        }
        try {
            dynamoDb.updateItem(request -> request.tableName(table).key(key(id))
                    .updateExpression(update)
                    .conditionExpression("attribute_exists(#key) AND " + condition)
                    .expressionAttributeNames(withKey(names))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notPending) {
            return false;
        }
    }

    private static Map<String, String> withKey(Map<String, String> names) {
        Map<String, String> all = new HashMap<>(names);
        all.put("#key", AuditTable.KEY);
        return all;
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(AuditTable.KEY, s(PREFIX + id));
    }

    private static List<String> list(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).l().stream().map(AttributeValue::s).toList() : List.of();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
