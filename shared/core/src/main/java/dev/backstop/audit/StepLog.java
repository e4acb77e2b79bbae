package dev.backstop.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import java.util.Map;
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
 * others change nothing and are simply decided again.
 *
 * <pre>{@code
 * ActionResult result = steps.once(eventId, rule.id(), index, mode, () -> runner.run(rule, spec, mode, event));
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

    /** The step's result: as an earlier attempt at this event left it, or from running it now. */
    public ActionResult once(String eventId, String rule, int index, Mode mode, Supplier<ActionResult> step) {
        if (mode != Mode.ENFORCE) {
            return step.get();
        }
        String key = "step#" + eventId + "#" + rule + "#" + index;
        Map<String, AttributeValue> done = dynamoDb.getItem(request -> request.tableName(table)
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
