package dev.backstop.engine;

import dev.backstop.action.AwsErrors;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.AuditTable;
import dev.backstop.audit.Outcome;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.notify.Notifier;
import dev.backstop.rules.KillSwitch;
import dev.backstop.rules.RuleBook;
import dev.backstop.telemetry.Telemetry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The kill switch: the stack's KillSwitch parameter or the team file's {@code kill-switch}
 * section drops every rule to notify. Every decision asks {@link #current} first; the first
 * invocation anywhere to see the switch change records it, once, as a chained audit record
 * ({@code RECORDED}: who set or cleared it, from where, why) and notifies it. The switch's last
 * known state is one item of the audit table, {@code switch#kill}, moved by conditional updates.
 * Its state is counted on every decision (metric {@code KillSwitchOn}), so an attacker who sets it
 * to blunt Backstop is seen at once, however the switch was set.
 */
@Singleton
public final class KillSwitchWatch {

    static final String KEY = "switch#kill";
    static final String STACK = "stack parameter KillSwitch";

    /** The switch in force: on or off, and where it was set, by whom and why. */
    public record State(boolean on, String source, String by, String reason) {

        static final State OFF = new State(false, "", "", "");

        /** The switch as the stack ({@code stackSwitch}) and the rule files set it. */
        public static State of(boolean stackSwitch, RuleBook book) {
            if (stackSwitch) {
                return new State(true, STACK, "the stack's KillSwitch parameter", "set on the stack");
            }
            // The file's name, not its line: editing the file around the section is no change of the switch.
            Optional<KillSwitch> file = book.directives().killSwitch();
            return file.map(set -> new State(true, "team file " + set.origin().substring(0, set.origin().lastIndexOf(':')),
                    set.by(), set.reason())).orElse(OFF);
        }

        /** How the state is kept in the table: {@code off}, or {@code on <source>}. */
        String token() {
            return on ? "on " + source : "off";
        }

        /** The mode every rule is capped at: notify while the switch is on. */
        public Mode ceiling() {
            return on ? Mode.NOTIFY : Mode.ENFORCE;
        }
    }

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final boolean stackSwitch;
    private final String homeAccount;
    private final Region region;
    private final AuditLog audit;
    private final Notifier notifier;
    private final Telemetry telemetry;
    private final Clock clock;
    private volatile String lastSeen;

    @Inject
    KillSwitchWatch(DynamoDbClient dynamoDb, Settings settings, Region region, AuditLog audit, Notifier notifier,
            Telemetry telemetry, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = settings.auditTable();
        this.stackSwitch = settings.controls().killSwitch();
        this.homeAccount = settings.members().homeAccount().orElse(null);
        this.region = region;
        this.audit = audit;
        this.notifier = notifier;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    /** The switch as the stack and the rule files set it now; the stack's wins when both are set. */
    public State current(RuleBook book) {
        return State.of(stackSwitch, book);
    }

    /**
     * Records a change of the switch, once across all invocations, and counts it while it is on.
     * A failure to record is counted and logged, never thrown: the switch holds either way.
     */
    public void observe(State state) {
        if (state.on()) {
            telemetry.count("KillSwitchOn", "the kill switch is on: every rule runs in notify mode",
                    telemetry.fields().put("source", state.source()).put("by", state.by()).put("reason", state.reason()));
        }
        String token = state.token();
        if (token.equals(lastSeen)) {
            return;
        }
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table)
                    .key(Map.of(AuditTable.KEY, AttributeValue.fromS(KEY))).consistentRead(true)).item();
            String recorded = item == null || item.isEmpty() ? null : item.get("state").s();
            if (!token.equals(recorded) && move(recorded, token) && (recorded != null || state.on())) {
                record(state, recorded);
            }
            lastSeen = token;
        } catch (RuntimeException e) {
            telemetry.count("KillSwitchNotRecorded", "a change of the kill switch could not be recorded",
                    telemetry.fields().put("state", token).put("error", AwsErrors.describe(e)));
        }
    }

    /** Moves the switch's item from the state read to the new one; false when another invocation moved it first. */
    private boolean move(String from, String to) {
        AttributeValue now = AttributeValue.fromS(clock.instant().toString());
        try {
            if (from == null) {
                dynamoDb.putItem(request -> request.tableName(table)
                        .item(Map.of(AuditTable.KEY, AttributeValue.fromS(KEY), "state", AttributeValue.fromS(to),
                                "kind", AttributeValue.fromS("switch"), "since", now))
                        .conditionExpression("attribute_not_exists(#key)")
                        .expressionAttributeNames(Map.of("#key", AuditTable.KEY)));
            } else {
                dynamoDb.updateItem(request -> request.tableName(table)
                        .key(Map.of(AuditTable.KEY, AttributeValue.fromS(KEY)))
                        .updateExpression("SET #state = :to, since = :now")
                        .conditionExpression("#state = :from")
                        .expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(Map.of(":to", AttributeValue.fromS(to), ":now", now,
                                ":from", AttributeValue.fromS(from))));
            }
            return true;
        } catch (ConditionalCheckFailedException movedElsewhere) {
            return false;
        }
    }

    private void record(State state, String before) {
        String change = state.on() ? "KillSwitchSet" : "KillSwitchCleared";
        String reason = state.on()
                ? "kill switch set (" + state.source() + ") by " + state.by() + ": " + state.reason()
                        + "; every rule runs in notify mode until it is cleared"
                : "kill switch cleared (it was " + before + "); rules run in their own modes again";
        AuditRecord record = new AuditRecord("kill-switch#" + clock.instant() + "#" + state.token().replace(' ', '-'),
                null, change, "backstop", homeAccount, region.id(), clock.instant(), clock.instant(),
                state.on() ? state.by() : "-", "Operator", null, Outcome.RECORDED, reason, List.of());
        audit.record(record);
        notifier.publish(record);
    }
}
