package dev.backstop.audit;

import dev.backstop.config.Mode;
import dev.backstop.rules.Severity;
import java.util.Map;
import java.util.Objects;

/**
 * What one rule's action did, with the state read before and after and what would reverse it.
 *
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
        Map<String, String> undo,
        String detail) {

    public ActionResult {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        before = Map.copyOf(before);
        after = Map.copyOf(after);
        undo = Map.copyOf(undo);
    }
}
