package dev.backstop.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.backstop.config.Mode;
import dev.backstop.rules.Severity;
import java.util.Map;
import java.util.Objects;

/**
 * What one rule's action did, with the state read before and after and what would reverse it.
 *
 * @param undo what reverses the change, as the action's {@code UndoFormat} keeps it (a JSON
 *     object, in whichever version wrote it); empty when the action changed nothing
 * @param detail a sentence for humans: the change made, or why none was
 */
public record ActionResult(
        String rule,
        Severity severity,
        String action,
        Mode mode,
        String resource,
        Outcome outcome,
        Map<String, String> before,
        Map<String, String> after,
        JsonNode undo,
        String detail) {

    public ActionResult {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        before = Map.copyOf(before);
        after = Map.copyOf(after);
        undo = undo == null ? noUndo() : undo.deepCopy();
    }

    /** A copy: the record's own stays as it was made. */
    @Override
    public JsonNode undo() {
        return undo.deepCopy();
    }

    /** The undo of an action that changed nothing. */
    public static JsonNode noUndo() {
        return JsonNodeFactory.instance.objectNode();
    }
}
