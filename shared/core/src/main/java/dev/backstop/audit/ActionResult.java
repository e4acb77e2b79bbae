package dev.backstop.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param tags the target's tags that route its notices and step its mode (the keys the rule files
 *     name); empty when none was read, as in records written before they were kept
 * @param modeReason why the action ran in its mode: the rule's mode, the {@code when} case that
 *     held, the global mode or the kill switch that capped it; empty in records written before
 * @param declared when the change was to declared state: the rule's {@code declared} policy and
 *     what declares it ({@code revert-and-tell: CloudFormation stack payments-api (ApiGroup)}); else empty
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
        String detail,
        // Left out when empty, so records that have none read as they always did.
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> tags,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String modeReason,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String declared) {

    /** A result with no tags read. */
    public ActionResult(String rule, Severity severity, String action, Mode mode, String resource, Outcome outcome,
            Map<String, String> before, Map<String, String> after, JsonNode undo, String detail) {
        this(rule, severity, action, mode, resource, outcome, before, after, undo, detail, Map.of(), "", "");
    }

    /** A result with the target's tags read, and no mode reason or declared state. */
    public ActionResult(String rule, Severity severity, String action, Mode mode, String resource, Outcome outcome,
            Map<String, String> before, Map<String, String> after, JsonNode undo, String detail,
            Map<String, String> tags) {
        this(rule, severity, action, mode, resource, outcome, before, after, undo, detail, tags, "", "");
    }

    public ActionResult {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        before = Map.copyOf(before);
        after = Map.copyOf(after);
        undo = undo == null ? noUndo() : undo.deepCopy();
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        modeReason = modeReason == null ? "" : modeReason;
        declared = declared == null ? "" : declared;
    }

    /** The same result with what the engine knew around it: the target's tags, why its mode, what declares it. */
    public ActionResult withContext(Map<String, String> newTags, String newModeReason, String newDeclared) {
        return new ActionResult(rule, severity, action, mode, resource, outcome, before, after, undo, detail, newTags,
                newModeReason, newDeclared);
    }

    /** The same result, with another detail, for a step taken from an earlier attempt. */
    public ActionResult withDetail(String newDetail) {
        return new ActionResult(rule, severity, action, mode, resource, outcome, before, after, undo, newDetail, tags,
                modeReason, declared);
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
