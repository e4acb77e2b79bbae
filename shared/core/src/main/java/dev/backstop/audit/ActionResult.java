package dev.backstop.audit;

import dev.backstop.config.Mode;
import dev.backstop.rules.Severity;
import java.util.Map;
import java.util.Objects;

/**
 * What one rule's action did, with the state read before and after and what would reverse it.
 *
 * @param detail a sentence for humans: the change made, or why none was
 * @param tags the target's tags that route its notices (the routing's owner-tag keys); empty when
 *     none was read, as in records written before they were kept
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
        Map<String, String> undo,
        String detail,
        Map<String, String> tags) {

    /** A result with no tags read. */
    public ActionResult(String rule, Severity severity, String action, Mode mode, String resource, Outcome outcome,
            Map<String, String> before, Map<String, String> after, Map<String, String> undo, String detail) {
        this(rule, severity, action, mode, resource, outcome, before, after, undo, detail, Map.of());
    }

    public ActionResult {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        before = Map.copyOf(before);
        after = Map.copyOf(after);
        undo = Map.copyOf(undo);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** The same result with the target's routing tags. */
    public ActionResult withTags(Map<String, String> newTags) {
        return new ActionResult(rule, severity, action, mode, resource, outcome, before, after, undo, detail, newTags);
    }
}
