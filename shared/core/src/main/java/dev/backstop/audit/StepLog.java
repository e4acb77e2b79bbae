package dev.backstop.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Exactly-once effect per event, rule and action. A decision that fails part-way (a transient
 * error after its first action was applied) is handed back and decided again; each enforcing
 * step that finished the first time is then taken from here instead of being run again, so the
 * retry resumes where it stopped and the final record still says what the first attempt did.
 *
 * <p>One item per finished step, {@code step#<eventId>#<rule>#<index of the action in the rule>},
 * with {@code kind = step} and the step's result as JSON. Only enforcing steps are kept: the
 * others change nothing and are simply decided again. A first attempt at an event (its claim
 * found no item of it: {@link AuditLog.Claim#FIRST}) has no earlier step to find, so it writes its
 * steps without reading.
 *
 * <pre>{@code
 * StepLog.Attempt attempt = StepLog.Attempt.claimed(eventId, audit.claim(AuditKeys.decision(eventId), now));
 * ActionResult result = steps.once(attempt, rule.id(), index, mode, () -> runner.run(rule, spec, mode, event));
 * }</pre>
 */
@Singleton
public final class StepLog {

    static final String KIND = "step";
    /** Ends the detail of a step taken from the log, so a reader knows it ran on an earlier attempt. */
    public static final String EARLIER = " (on an earlier attempt at this event)";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ObjectMapper json;

    @Inject
    StepLog(DynamoDbClient dynamoDb, Settings settings, ObjectMapper json) {
        this.dynamoDb = dynamoDb;
        this.table = settings.auditTable();
        this.json = json;
    }

    /**
     * One attempt at deciding an event: the key its steps are kept under, and whether it is the
     * first (then no step of it can be in the log, and none is read).
     */
    public record Attempt(String key, boolean first) {

        public Attempt {
            Objects.requireNonNull(key, "key");
        }

        /** The attempt that holds the event's claim: the first when the claim found no earlier one. */
        public static Attempt claimed(String key, AuditLog.Claim claim) {
            if (!claim.held()) {
                throw new IllegalArgumentException("no attempt at " + key + " without its claim");
            }
            return new Attempt(key, claim == AuditLog.Claim.FIRST);
        }

        /** An attempt that may come after another at the same key, which may have run some of its steps. */
        public static Attempt maybeRepeated(String key) {
            return new Attempt(key, false);
        }
    }

    /** The step's result: as an earlier attempt at this event left it, or from running it now. */
    public ActionResult once(Attempt attempt, String rule, int index, Mode mode, Supplier<ActionResult> step) {
        if (mode != Mode.ENFORCE) {
            return step.get();
        }
        String eventId = attempt.key();
        String key = "step#" + eventId + "#" + rule + "#" + index;
        Map<String, AttributeValue> done = attempt.first() ? null : dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of(AuditTable.KEY, AttributeValue.fromS(key))).consistentRead(true)).item();
        if (done != null && done.containsKey("result")) {
            ActionResult earlier = read(key, done.get("result").s());
            return earlier.withDetail(earlier.detail() + EARLIER);
        }
        ActionResult result = step.get();
        dynamoDb.putItem(request -> request.tableName(table).item(Map.of(
                AuditTable.KEY, AttributeValue.fromS(key),
                "kind", AttributeValue.fromS(KIND),
                "eventId", AttributeValue.fromS(eventId),
                "rule", AttributeValue.fromS(rule),
                "result", AttributeValue.fromS(AuditJson.action(result).toString()))));
        return result;
    }

    private ActionResult read(String key, String text) {
        try {
            return AuditJson.readAction(json.readTree(text), "step " + key + " in the audit table is unreadable");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("step " + key + " in the audit table is unreadable: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
